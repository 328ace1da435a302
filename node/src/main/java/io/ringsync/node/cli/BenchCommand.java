package io.ringsync.node.cli;

import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.ShutdownHooks;
import io.ringsync.node.bench.BenchResult;
import io.ringsync.node.bench.BenchRun;
import io.ringsync.node.bench.BenchSpec;
import io.ringsync.protocol.totem.Delivery;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ringsync bench --config FILE}: runs one node in this process, waits for a ring of
 * {@code --expect-members}, then measures Totem from this node: throughput (multicasting as fast
 * as Totem accepts, counting every delivery from every sender in the window) or, with
 * {@code --latency COUNT}, send-to-own-delivery latency with one message in flight. Prints one
 * {@code BENCH key=value ...} line (see {@link BenchResult#line()}), leaves the ring and exits 0;
 * 1 when the ring did not form or the delivery check failed (the line says why); 2 on bad
 * arguments. One process per node, started by {@code it-tests/bench/totem-bench.sh}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run one node and measure Totem's throughput or latency from it (one process per node).")
public final class BenchCommand implements CliCommand {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The node's config file.")
    Path config;

    @Option(names = "--expect-members", paramLabel = "N", description = "Ring size to wait for (default: the nodelist's size).")
    Integer expectMembers;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "1024", description = "Message size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--delivery", paramLabel = "agreed|safe", defaultValue = "agreed", description = "Delivery (default: ${DEFAULT-VALUE}).")
    String delivery;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "Sending before the window opens (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "The measurement window (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--send", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Send (default); --no-send only counts.")
    boolean send;

    @Option(names = "--senders", paramLabel = "N", defaultValue = "1",
            description = "Sending nodes, whose END messages to wait for (default: ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--window-bytes", paramLabel = "BYTES", defaultValue = "4194304",
            description = "Own bytes accepted but not yet delivered back, at most (default: ${DEFAULT-VALUE}).")
    long windowBytes;

    @Option(names = "--latency", paramLabel = "COUNT", defaultValue = "0",
            description = "Latency mode: this many samples, one message in flight.")
    int latencyCount;

    @Option(names = "--gap-us", paramLabel = "MICROS", defaultValue = "2000",
            description = "Latency mode: pause after each delivery (default: ${DEFAULT-VALUE}).")
    long gapMicros;

    @Option(names = "--ready-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Wait at most this for the ring, and for every END at the end (default: ${DEFAULT-VALUE}).")
    Duration readyTimeout;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<Delivery> kind = delivery(delivery);
        if (kind.isEmpty()) {
            err.println("ringsync: bench: --delivery must be agreed or safe, got " + delivery);
            return USAGE;
        }
        Optional<RingsyncSettings> settings = ConfigFiles.load(config, err);
        if (settings.isEmpty()) {
            return USAGE;
        }
        BenchSpec spec = spec(kind.get(), settings.get().nodelist().size());
        Optional<String> problem = spec.problem();
        if (problem.isPresent()) {
            err.println("ringsync: bench: " + problem.get());
            return USAGE;
        }
        Optional<RingsyncNode> started = NodeLaunch.start(settings.get(), err);
        if (started.isEmpty()) {
            return FAILED;
        }
        RingsyncNode node = started.get();
        Thread hook = ShutdownHooks.install("ringsync-bench-shutdown", node::close);
        try {
            BenchResult result = new BenchRun(node, spec).run();
            out.println(result.line());
            return result.passed() ? OK : FAILED;
        } catch (BenchRun.BenchException e) {
            err.println("ringsync: bench: node " + settings.get().nodeId() + ": " + e.getMessage());
            return FAILED;
        } finally {
            node.close();
            ShutdownHooks.remove(hook);
        }
    }

    /** The spec of these options for a nodelist of {@code nodes}. */
    BenchSpec spec(Delivery kind, int nodes) {
        return new BenchSpec(expectMembers == null ? nodes : expectMembers, size, kind, warmup, duration, send, senders,
                windowBytes, latencyCount, gapMicros, readyTimeout);
    }

    /** {@code agreed} or {@code safe}, any case. */
    static Optional<Delivery> delivery(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "agreed" -> Optional.of(Delivery.AGREED);
            case "safe" -> Optional.of(Delivery.SAFE);
            default -> Optional.empty();
        };
    }
}
