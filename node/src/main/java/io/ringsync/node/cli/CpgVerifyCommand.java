package io.ringsync.node.cli;

import io.ringsync.cpg.CpgLimits;
import io.ringsync.cpg.verify.VerifyPayload;
import io.ringsync.node.cpg.CpgClient;
import io.ringsync.node.cpg.CpgVerifier;
import io.ringsync.node.ipc.IpcAccessDeniedException;
import io.ringsync.node.ipc.NodeNotRunningException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ringsync cpg verify}: a CPG traffic checker in the spirit of Corosync's cpghum (see
 * {@link CpgVerifier}). Run it on several nodes at once with the same group: each sends checked
 * messages and checks everyone's; equal digests for a configuration mean equal agreed orders.
 * Exits 1 on any violation.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Send and check sequence-numbered, checksummed CPG traffic (cpghum).")
public final class CpgVerifyCommand implements CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Option(names = {"-g", "--group"}, paramLabel = "NAME", defaultValue = "ringsync-verify",
            description = "The group to join (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--size", paramLabel = "BYTES", description = "Every message this size (default: random, see --max-size).")
    Integer size;

    @Option(names = "--max-size", paramLabel = "BYTES", defaultValue = "1024",
            description = "Random sizes from 28 bytes up to this (default: ${DEFAULT-VALUE}).")
    int maxSize;

    @Option(names = {"-r", "--rate"}, paramLabel = "MSGS", defaultValue = "0",
            description = "Messages per second; 0 sends as fast as the node takes them (default).")
    int rate;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "0",
            description = "Messages to send (with --listen: to receive) before stopping; 0 runs for --duration (default).")
    long count;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to send, or to listen (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = {"-l", "--listen"}, description = "Send nothing, only check the others' traffic.")
    boolean listen;

    @Option(names = "--drain", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for own messages after sending (default: ${DEFAULT-VALUE}).")
    Duration drain;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the sizes and contents (default: the pid).")
    Long seed;

    @Option(names = "--stop-file", paramLabel = "FILE",
            description = "End early, as if --duration ran out, once FILE exists (for test harnesses).")
    Path stopFile;

    @Option(names = "--json", description = "Print one JSON report at the end instead of lines.")
    boolean json;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<String> problem = problem();
        if (problem.isPresent()) {
            err.println("ringsync: cpg verify: " + problem.get());
            return USAGE;
        }
        Optional<Path> socket = target.socketPath(err);
        if (socket.isEmpty()) {
            return USAGE;
        }
        int min = size != null ? size : VerifyPayload.HEADER_BYTES;
        int max = size != null ? size : maxSize;
        try (CpgClient client = CpgClient.connect(socket.get())) {
            CpgVerifier.Options options = new CpgVerifier.Options(group, min, max, rate, count, duration, listen, drain,
                    json, seed != null ? seed : client.pid(), stopFile);
            return new CpgVerifier(client, options, out).run();
        } catch (NodeNotRunningException | IpcAccessDeniedException e) {
            err.println("ringsync: " + e.getMessage());
            return FAILED;
        }
    }

    /** What is wrong with the options, naming the option. */
    private Optional<String> problem() {
        int largest = size != null ? size : maxSize;
        if (largest < VerifyPayload.HEADER_BYTES || largest > CpgLimits.MAX_MESSAGE_BYTES) {
            return Optional.of((size != null ? "--size" : "--max-size") + " must be from " + VerifyPayload.HEADER_BYTES
                    + " to " + CpgLimits.MAX_MESSAGE_BYTES + " bytes, not " + largest);
        }
        if (rate < 0 || count < 0) {
            return Optional.of(rate < 0 ? "--rate must not be negative" : "--count must not be negative");
        }
        if (duration.isNegative() || duration.isZero() || drain.isNegative()) {
            return Optional.of("--duration must be positive and --drain not negative");
        }
        return CpgLimits.groupNameProblem(group).map(p -> "--group: " + p);
    }
}
