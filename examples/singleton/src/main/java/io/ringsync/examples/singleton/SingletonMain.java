package io.ringsync.examples.singleton;

import io.ringsync.config.ConfigProblem;
import io.ringsync.config.InvalidConfigException;
import io.ringsync.embed.Ringsync;
import io.ringsync.node.NodeStartRefusedException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one node of the singleton example: a ringsync node from a node file, embedded in this JVM,
 * and the {@link SingletonActor} in it.
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
 *     -cp node/target/ringsync.jar:examples/singleton/target/ringsync-singleton.jar \
 *     io.ringsync.examples.singleton.SingletonMain --config node1.conf [--group NAME] [--interval-ms N]
 * </pre>
 * (or {@code examples/singleton/bin/singleton node1.conf}). Logs go where the node file's
 * {@code logging} section says (stderr by default). Runs until SIGTERM or SIGINT, then leaves the
 * ring and exits 0; a bad command line or config prints what is wrong and exits 2, a refused start
 * one line and exit 1.
 */
public final class SingletonMain {

    /** The CPG group the example's processes share, unless {@code --group} names another. */
    public static final String DEFAULT_GROUP = "singleton";
    /** How often the holder acts, unless {@code --interval-ms} says otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);

    private SingletonMain() {
    }

    /** Parses, starts, runs until the JVM is told to stop. */
    public static void main(String[] args) throws InterruptedException {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("singleton: " + e.getMessage());
            System.err.println("usage: singleton --config FILE [--group NAME] [--interval-ms N]");
            System.exit(2);
            return;
        }
        Ringsync ringsync;
        try {
            ringsync = Ringsync.builder().configFile(arguments.config()).configureLogging(true).start();
        } catch (InvalidConfigException e) {
            e.problems().stream().map(ConfigProblem::format).forEach(System.err::println);
            System.exit(2);
            return;
        } catch (NodeStartRefusedException e) {
            System.err.println("singleton: " + e.getMessage());
            System.exit(1);
            return;
        } catch (IOException e) {
            System.err.println("singleton: the node did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(ringsync::close, "singleton-shutdown"));
        ringsync.spawn(SingletonActor.create(ringsync, arguments.group(), arguments.interval()), "singleton");
        ringsync.whenStopped().toCompletableFuture().join();
        if (ringsync.stoppedByFailure()) {
            System.err.println("singleton: node " + ringsync.nodeId() + " stopped after repeated failures (see the log)");
            System.exit(1);
        }
    }

    /** The command line: {@code --config FILE [--group NAME] [--interval-ms N]}. */
    record Arguments(Path config, String group, Duration interval) {

        static Arguments parse(String[] args) {
            Path config = null;
            String group = DEFAULT_GROUP;
            Duration interval = DEFAULT_INTERVAL;
            List<String> rest = new ArrayList<>(List.of(args));
            while (!rest.isEmpty()) {
                String option = rest.remove(0);
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = rest.remove(0);
                switch (option) {
                    case "--config" -> config = Path.of(value);
                    case "--group" -> group = value;
                    case "--interval-ms" -> interval = Duration.ofMillis(positive(option, value));
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (config == null) {
                throw new IllegalArgumentException("--config FILE is required");
            }
            return new Arguments(config, group, interval);
        }

        private static long positive(String option, String value) {
            try {
                long parsed = Long.parseLong(value);
                if (parsed > 0) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " takes a positive number of milliseconds, got \"" + value + "\"");
        }
    }
}
