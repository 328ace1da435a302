package io.ringsync.quorum;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * expected_votes_tracking's file (Corosync's {@code state_dir/ev_tracking}): the highest expected
 * votes this node has seen, one decimal number. Written to a temporary file then moved over the
 * old one, so a crash leaves the old value or the new one, never half of one.
 */
public final class TrackedExpectedVotes {

    /** The file's name in the state directory. */
    public static final String FILE_NAME = "ev_tracking";

    private TrackedExpectedVotes() {
    }

    /** The value kept in {@code file}; 0 when there is none yet. */
    public static int read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            int value = Integer.parseInt(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IOException(file + ": expected a number of votes, got \"" + text + "\"");
        }
    }

    /** Keeps {@code expected} in {@code file}, creating its directory. */
    public static void write(Path file, int expected) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, expected + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
