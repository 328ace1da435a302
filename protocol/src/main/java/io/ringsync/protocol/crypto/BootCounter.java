package io.ringsync.protocol.crypto;

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
 * The node's start counter, persisted in {@code stateDir/}{@value #FILE_NAME} as one decimal
 * number and a newline, which {@link FrameSealer} puts in every frame so that peers order this
 * node's sessions (see {@link SenderSessions}).
 *
 * <p>{@link #next} reads the last count (0 if the file does not exist yet), adds one and makes
 * the new count durable before returning it: it writes a temporary file in the same directory,
 * fsyncs it, moves it atomically over the old file and fsyncs the directory (best effort: not
 * every file system lets a directory be opened). So a crash leaves either the old or the new
 * count, never a torn file; a file that does not hold a count is refused rather than reset,
 * because restarting at a lower count would make peers drop this node's frames as
 * {@link Rejection#STALE_SESSION} until they restart themselves.
 */
public final class BootCounter {

    /** Name of the counter file in the state dir. */
    public static final String FILE_NAME = "boot_count";

    private BootCounter() {
    }

    /** Reads, increments and durably writes the boot count in {@code stateDir} (created if missing); returns the new count. */
    public static long next(Path stateDir) throws BootCountException {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(stateDir);
            long count = read(file) + 1;
            write(file, count);
            return count;
        } catch (IOException e) {
            throw new BootCountException("boot count " + file + " cannot be updated: " + e);
        }
    }

    /** The count in {@code file}, 0 if there is none. */
    static long read(Path file) throws IOException, BootCountException {
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            long count = Long.parseLong(text);
            if (count >= 0 && count < Long.MAX_VALUE) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String shown = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        throw new BootCountException("boot count " + file + " is corrupt (expected a non-negative decimal number, found \""
                + shown.replaceAll("\\p{Cntrl}", "?") + "\"); restore it or write a number above this node's last boot count");
    }

    private static void write(Path file, long count) throws IOException {
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        byte[] bytes = (count + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.delete(temp);
            throw new IOException("the state dir's file system cannot replace a file atomically", e);
        }
        syncDirectory(file.getParent());
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
