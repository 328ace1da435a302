package io.ringsync.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthKeyTest {

    @TempDir
    Path dir;

    @Test
    void loadsAKeyOfMode0400() throws Exception {
        byte[] bytes = randomBytes(256);
        AuthKey key = AuthKey.load(write("authkey", bytes, "r--------"));
        assertEquals(256, key.length());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(sha256.substring(0, 8), key.keyIdHex());
        assertEquals(AuthKey.hex(key.keyId()), key.keyIdHex());
    }

    @Test
    void toStringNeverShowsTheSecret() throws Exception {
        byte[] bytes = randomBytes(128);
        AuthKey key = AuthKey.load(write("authkey", bytes, "rw-------"));
        String shown = key.toString();
        assertTrue(shown.contains(key.keyIdHex()) && shown.contains("redacted"), shown);
        String hex = HexFormat.of().formatHex(bytes);
        for (int i = 0; i + 8 <= hex.length(); i += 8) {
            assertFalse(shown.contains(hex.substring(i, i + 8)), shown);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {AuthKey.MIN_BYTES, AuthKey.MAX_BYTES})
    void acceptsTheSizeLimits(int size) throws Exception {
        assertEquals(size, AuthKey.load(write("authkey", randomBytes(size), "r--------")).length());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, AuthKey.MIN_BYTES - 1, AuthKey.MAX_BYTES + 1, 100_000})
    void refusesAWrongSize(int size) throws Exception {
        Path file = write("authkey", randomBytes(size), "r--------");
        assertRefused(file, "authkey " + file + " is " + size + " bytes; an authkey must be 128..4096 bytes");
    }

    @Test
    void refusesAMissingFile() {
        Path file = dir.resolve("nope");
        assertRefused(file, "authkey " + file + " does not exist; create one with 'ringsync keygen -o " + file + "'");
    }

    @Test
    void refusesADirectory() {
        assertRefused(dir, "authkey " + dir + " is not a regular file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--:0644", "r--r-----:0440", "r-----r--:0404", "rw----r--:0604"})
    void refusesAKeyOthersCanRead(String permsAndMode) throws Exception {
        String[] parts = permsAndMode.split(":");
        Path file = write("authkey", randomBytes(256), parts[0]);
        assertRefused(file, "authkey " + file + " is readable by group or others (mode " + parts[1] + "); chmod 0400 it");
    }

    @Test
    void refusesAKeyOthersCanWrite() throws Exception {
        Path file = write("authkey", randomBytes(256), "r---w----");
        assertRefused(file, "authkey " + file + " is writable by group or others (mode 0420); chmod 0400 it");
    }

    @Test
    void refusesAKeyThisProcessCannotRead() throws Exception {
        Path file = write("authkey", randomBytes(256), "---------");
        assumeFalse(Files.isReadable(file), "running as root: every file is readable");
        assertRefused(file, "authkey " + file + " is not readable by this process (permission denied)");
    }

    @Test
    void refusesAWrongSizeGivenInMemory() {
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> AuthKey.of("test", new byte[64]));
        assertEquals("authkey test is 64 bytes; an authkey must be 128..4096 bytes (ringsync keygen writes 256)",
                e.getMessage());
    }

    private static void assertRefused(Path file, String messageStart) {
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> AuthKey.load(file));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    private Path write(String name, byte[] bytes, String permissions) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
