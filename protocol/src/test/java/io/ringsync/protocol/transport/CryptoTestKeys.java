package io.ringsync.protocol.transport;

import io.ringsync.config.CryptoSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Random;

/** Authkey files for transport crypto tests: 256 seeded bytes, mode 0400. */
public final class CryptoTestKeys {

    private CryptoTestKeys() {
    }

    /** Writes {@code dir/authkey-<seed>} (mode 0400) and returns its path. */
    public static Path writeAuthKey(Path dir, long seed) {
        byte[] key = new byte[256];
        new Random(seed).nextBytes(key);
        Path file = dir.resolve("authkey-" + seed);
        try {
            Files.write(file, key);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Cipher {@code cipher} keyed from {@code authkey}. */
    public static CryptoSettings crypto(String cipher, Path authkey) {
        return new CryptoSettings(cipher, Optional.of(authkey));
    }
}
