package io.ringsync.protocol.crypto;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

/**
 * The shared cluster secret read from the authkey file (as corosync's {@code authkey}), from
 * which {@link FrameKeys} derives every frame key.
 *
 * <p>Loading refuses, with an {@link AuthKeyException} of one line: a missing or unreadable
 * file or one that is not a regular file; a size outside {@value #MIN_BYTES}..{@value #MAX_BYTES}
 * bytes ({@code ringsync keygen} writes 256); and, on POSIX file systems, any group or others
 * read or write permission (a key others can read is no secret, one they can write lets them
 * lock the node out). Non-POSIX file systems skip the permission check.
 *
 * <p>The bytes are never printed: {@link #toString} shows only the source and the
 * {@linkplain #keyId key id}, the first 32 bits of SHA-256 of the key, shown as 8 hex digits in
 * logs and carried in every sealed frame so that a receiver holding two keys during a rollover
 * knows which one to use. Equal keys have equal ids on every node.
 */
public final class AuthKey {

    /** Smallest and largest accepted key, in bytes (the range {@code ringsync keygen --size} allows). */
    public static final int MIN_BYTES = 128;
    public static final int MAX_BYTES = 4096;

    private static final Set<PosixFilePermission> FOREIGN_READ =
            Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    private static final Set<PosixFilePermission> FOREIGN_WRITE =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private final String source;
    private final byte[] bytes;
    private final int keyId;

    private AuthKey(String source, byte[] bytes) {
        this.source = source;
        this.bytes = bytes.clone();
        this.keyId = idOf(bytes);
    }

    /** Reads and checks the authkey at {@code file}. */
    public static AuthKey load(Path file) throws AuthKeyException {
        String name = "authkey " + file;
        if (!Files.exists(file)) {
            throw new AuthKeyException(name + " does not exist; create one with 'ringsync keygen -o " + file + "'");
        }
        if (!Files.isRegularFile(file)) {
            throw new AuthKeyException(name + " is not a regular file");
        }
        checkPermissions(file, name);
        try {
            long size = Files.size(file);
            checkSize(name, size);
            byte[] key = Files.readAllBytes(file);
            try {
                checkSize(name, key.length);
                return new AuthKey(file.toString(), key);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } catch (NoSuchFileException e) {
            throw new AuthKeyException(name + " does not exist");
        } catch (AccessDeniedException e) {
            throw new AuthKeyException(name + " is not readable by this process (permission denied)");
        } catch (IOException e) {
            throw new AuthKeyException(name + " cannot be read: " + e.getMessage());
        }
    }

    /** A key from bytes already in memory (tests, tools); the size rule applies, permissions do not. */
    static AuthKey of(String source, byte[] key) throws AuthKeyException {
        checkSize("authkey " + source, key.length);
        return new AuthKey(source, key);
    }

    /** The key id: the first 32 bits of SHA-256 of the key, big-endian. */
    public int keyId() {
        return keyId;
    }

    /** The key id as 8 lower-case hex digits, for logs. */
    public String keyIdHex() {
        return hex(keyId);
    }

    /** The key length in bytes. */
    public int length() {
        return bytes.length;
    }

    /** A copy of the secret, for key derivation only. */
    byte[] material() {
        return bytes.clone();
    }

    /** A key id as 8 lower-case hex digits. */
    public static String hex(int keyId) {
        return HexFormat.of().toHexDigits(keyId);
    }

    @Override
    public String toString() {
        return "AuthKey[" + source + ", id " + keyIdHex() + ", " + bytes.length + " bytes, secret redacted]";
    }

    private static void checkSize(String name, long size) throws AuthKeyException {
        if (size < MIN_BYTES || size > MAX_BYTES) {
            throw new AuthKeyException(name + " is " + size + " bytes; an authkey must be "
                    + MIN_BYTES + ".." + MAX_BYTES + " bytes (ringsync keygen writes 256)");
        }
    }

    private static void checkPermissions(Path file, String name) throws AuthKeyException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new AuthKeyException(name + " permissions cannot be read: " + e.getMessage());
        }
        String mode = String.format("%04o", mode(permissions));
        if (permissions.stream().anyMatch(FOREIGN_READ::contains)) {
            throw new AuthKeyException(name + " is readable by group or others (mode " + mode + "); chmod 0400 it");
        }
        if (permissions.stream().anyMatch(FOREIGN_WRITE::contains)) {
            throw new AuthKeyException(name + " is writable by group or others (mode " + mode + "); chmod 0400 it");
        }
    }

    /** The octal mode of a permission set: PosixFilePermission declares owner r,w,x, group r,w,x, others r,w,x. */
    private static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    private static int idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return (digest[0] & 0xFF) << 24 | (digest[1] & 0xFF) << 16 | (digest[2] & 0xFF) << 8 | (digest[3] & 0xFF);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
