package io.ringsync.node.cli;

import io.ringsync.node.FileModes;
import io.ringsync.protocol.crypto.AuthKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.PrintStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ringsync keygen -o FILE}: writes an authkey of random bytes (as corosync-keygen),
 * created with mode 0400 from the start, never overwriting a key without {@code --force}.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true, description = "Write a new authkey file (mode 0400).")
public final class KeygenCommand implements CliCommand {

    /** Smallest and largest key: whatever a node accepts at start ({@link AuthKey}). */
    static final int MIN_BYTES = AuthKey.MIN_BYTES;
    static final int MAX_BYTES = AuthKey.MAX_BYTES;
    /** The default size, as corosync-keygen's. */
    static final int DEFAULT_BYTES = 256;
    private static final int KEY_MODE = 0400;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the key.")
    Path output;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "256",
            description = "Key size in bytes, 128..4096 (default: ${DEFAULT-VALUE}).")
    int size = DEFAULT_BYTES;

    @Option(names = "--force", description = "Replace an existing file.")
    boolean force;

    @Override
    public int run(PrintStream out, PrintStream err) throws IOException {
        if (size < MIN_BYTES || size > MAX_BYTES) {
            err.println("ringsync: keygen: --size must be between " + MIN_BYTES + " and " + MAX_BYTES + " bytes, got " + size);
            return USAGE;
        }
        if (Files.exists(output) && !force) {
            err.println("ringsync: keygen: " + output + " already exists; use --force to replace it");
            return FAILED;
        }
        byte[] key = new byte[size];
        new SecureRandom().nextBytes(key);
        try {
            write(key);
        } catch (FileAlreadyExistsException e) {
            err.println("ringsync: keygen: " + output + " already exists; use --force to replace it");
            return FAILED;
        }
        out.println("wrote a " + size + "-byte key to " + output + " (mode 0400)");
        return OK;
    }

    private void write(byte[] key) throws IOException {
        if (force) {
            Files.deleteIfExists(output);
        }
        Path parent = output.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (SeekableByteChannel channel = Files.newByteChannel(output,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(FileModes.permissions(KEY_MODE)))) {
            channel.write(ByteBuffer.wrap(key));
        }
    }
}
