package io.ringsync.protocol.transport;

import io.ringsync.config.CryptoSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Random;

/**
 * Authkey files for crypto tests: 256 seeded bytes, mode 0400 (a node refuses a key others can
 * read). Shared through protocol's test jar with node's tests and it-tests.
 */
public final class CryptoTestKeys {

    /** The mode of a usable authkey: 0400. */
    public static final String OWNER_READ_ONLY = "r--------";

    private CryptoTestKeys() {
    }

    /** Writes {@code dir/authkey-<seed>} (mode 0400) and returns its path. */
    public static Path writeAuthKey(Path dir, long seed) {
        return replaceAuthKey(dir.resolve("authkey-" + seed), seed, OWNER_READ_ONLY);
    }

    /** Replaces {@code file} at once with the key of {@code seed}, mode 0400; the file. */
    public static Path replaceAuthKey(Path file, long seed) {
        return replaceAuthKey(file, seed, OWNER_READ_ONLY);
    }

    /**
     * Replaces {@code file} at once with the key of {@code seed}, with permissions {@code mode}
     * ({@code "rw-r--r--"}): written beside it, then moved over it, so a node re-reading the path
     * meanwhile sees the old key or the new one, never a part; the file.
     */
    public static Path replaceAuthKey(Path file, long seed, String mode) {
        byte[] key = new byte[256];
        new Random(seed).nextBytes(key);
        Path staged = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.write(staged, key);
            Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString(mode));
            Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
