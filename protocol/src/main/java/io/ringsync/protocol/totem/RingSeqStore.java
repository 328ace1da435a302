package io.ringsync.protocol.totem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The highest ring seq this node committed to, persisted in {@code stateDir/}{@value #FILE_NAME}
 * as one decimal number and a newline (Corosync's {@code ringid_<addr>} file), so that a
 * restarted node never forms a ring with an id it used before. {@code SrpCore} asks for a write
 * ({@code PersistRingSeq}) on entering COMMIT; the driver reads it once at start.
 *
 * <p>A write goes to a temporary file in the same directory, is fsynced, moved atomically over
 * the old file, and the directory is fsynced (best effort), like {@code crypto.BootCounter}: a
 * crash leaves the old or the new seq, never a torn file. A file that does not hold a seq is
 * refused rather than reset to 0, because a node restarting at a lower seq could reuse a ring id.
 */
public final class RingSeqStore {

    /** Name of the file in the state dir. */
    public static final String FILE_NAME = "ringseq";

    private RingSeqStore() {
    }

    /** The seq persisted in {@code stateDir}, 0 if none was yet. */
    public static long read(Path stateDir) throws RingSeqException {
        Path file = stateDir.resolve(FILE_NAME);
        String text;
        try {
            if (!Files.exists(file)) {
                return 0;
            }
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new RingSeqException("ring seq " + file + " cannot be read: " + e);
        }
        try {
            long seq = Long.parseLong(text);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String shown = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        throw new RingSeqException("ring seq " + file + " is corrupt (expected a non-negative decimal number, found \""
                + shown.replaceAll("\\p{Cntrl}", "?") + "\"); restore it, or write a number at least as high as"
                + " any ring seq this node used");
    }

    /** Makes {@code seq} durable in {@code stateDir} (created if missing). */
    public static void write(Path stateDir, long seq) throws RingSeqException {
        if (seq < 0) {
            throw new IllegalArgumentException("ring seq " + seq);
        }
        Path file = stateDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(stateDir);
            Path temp = file.resolveSibling(FILE_NAME + ".tmp");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap((seq + "\n").getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            moveAtomically(temp, file);
            syncDirectory(stateDir);
        } catch (IOException e) {
            throw new RingSeqException("ring seq " + file + " cannot be written: " + e);
        }
    }

    private static void moveAtomically(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.delete(temp);
            throw new IOException("the state dir's file system cannot replace a file atomically", e);
        }
    }

    /** Makes the rename durable where the platform allows opening a directory (Linux does). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Not supported on this platform or file system: the file itself is synced.
        }
    }
}
