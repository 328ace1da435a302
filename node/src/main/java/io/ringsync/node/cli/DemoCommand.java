package io.ringsync.node.cli;

import io.ringsync.config.LoggingSettings;
import io.ringsync.node.ShutdownHooks;
import io.ringsync.node.demo.DemoCluster;
import io.ringsync.node.demo.LinkEventPrinter;
import io.ringsync.node.demo.QuorumEventPrinter;
import io.ringsync.node.demo.RingEventPrinter;
import io.ringsync.node.logging.LoggingSetup;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ringsync demo}: a local cluster in this JVM, nothing to configure. Prints every link
 * change and every new ring as each node forms it, stops on Ctrl-C or after {@code --duration},
 * and leaves nothing behind.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a local N-node cluster in this JVM, printing link changes and new rings.")
public final class DemoCommand implements CliCommand {

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "Number of nodes, 1..16 (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to run, e.g. 30s or 2m (default: until Ctrl-C).")
    Duration duration;

    @Override
    @SuppressWarnings("try") // the hook closes the cluster early on Ctrl-C; close is idempotent
    public int run(PrintStream out, PrintStream err) throws Exception {
        if (nodes < 1 || nodes > 16) {
            err.println("ringsync: demo: --nodes must be between 1 and 16, got " + nodes);
            return USAGE;
        }
        LoggingSetup.configure(new LoggingSettings("warn", true, Optional.empty(), Map.of(), 1000), "demo");
        LinkEventPrinter printer = new LinkEventPrinter(out);
        RingEventPrinter rings = new RingEventPrinter(out);
        CountDownLatch interrupted = new CountDownLatch(1);
        try (DemoCluster cluster = DemoCluster.create(nodes)) {
            Thread hook = ShutdownHooks.install("ringsync-demo-shutdown", () -> {
                interrupted.countDown();
                cluster.close();
            });
            out.println("demo: cluster " + cluster.settings().get(0).clusterName() + ", " + nodes + " nodes, "
                    + (duration == null ? "Ctrl-C to stop" : "stopping after " + duration.toSeconds() + " s"));
            cluster.start(printer::print, rings::print);
            cluster.nodes().forEach(node -> QuorumEventPrinter.attach(node, "node" + node.settings().nodeId(), out));
            awaitEnd(interrupted);
            ShutdownHooks.remove(hook);
        }
        out.println("demo: stopped");
        return OK;
    }

    private void awaitEnd(CountDownLatch interrupted) throws InterruptedException {
        if (duration == null) {
            interrupted.await();
        } else {
            interrupted.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
