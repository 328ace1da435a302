package io.ringsync.it;

import akka.actor.typed.javadsl.AskPattern;
import io.ringsync.config.ConfigLoader;
import io.ringsync.config.ConfigProblem;
import io.ringsync.config.InvalidConfigException;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.EarlyTotemListener;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.ShutdownHooks;
import io.ringsync.node.logging.LoggingSetup;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemActor.MulticastResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A node that sends steady traffic and logs what Totem does, run as a separate process by
 * {@link TotemChaosIT}:
 * <pre>
 * java &lt;JVM options&gt; -cp ringsync.jar:&lt;it-tests test classes&gt; io.ringsync.it.TrafficNode \
 *     --config FILE --incarnation I --log FILE --rate MSGS_PER_S --send-for DURATION [--stop-file FILE]
 * </pre>
 * It starts a node from the config with a Totem listener from the first message on
 * ({@link EarlyTotemListener}), multicasts {@link TrafficPayloads} messages at the given rate
 * for {@code --send-for} (or until {@code --stop-file} exists), retrying each on TRY_AGAIN, and
 * writes every offer, acceptance, delivery and configuration change to its {@link TrafficLog}.
 * Then it idles until SIGTERM, when it leaves the ring, closes the node and exits 0 (1 if the
 * node had stopped by failure). Durations: {@code 90s} or {@code 1500ms}.
 */
public final class TrafficNode {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
    private static final long RETRY_PAUSE_MS = 10;

    private final RingsyncNode node;
    private final TrafficLog log;
    private final String process;
    private final Arguments arguments;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private int accepted;

    private TrafficNode(RingsyncNode node, TrafficLog log, String process, Arguments arguments) {
        this.node = node;
        this.log = log;
        this.process = process;
        this.arguments = arguments;
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments;
        RingsyncSettings settings;
        try {
            arguments = Arguments.parse(args);
            settings = ConfigLoader.load(arguments.config());
        } catch (IllegalArgumentException e) {
            System.err.println("traffic node: " + e.getMessage());
            System.exit(2);
            return;
        } catch (InvalidConfigException e) {
            e.problems().stream().map(ConfigProblem::format).forEach(System.err::println);
            System.exit(2);
            return;
        }
        LoggingSetup.configure(settings.logging(), "node" + settings.nodeId());
        TrafficLog log = new TrafficLog(arguments.log());
        RingsyncNode node = EarlyTotemListener.start(settings, log::event);
        TrafficNode traffic = new TrafficNode(node, log, "n" + settings.nodeId() + "." + arguments.incarnation(),
                arguments);
        ShutdownHooks.install("traffic-node-shutdown", traffic::shutDown);
        traffic.sendTraffic();
        node.awaitTermination();
        if (node.stoppedByFailure()) {
            System.err.println("traffic node: node " + settings.nodeId() + " stopped after repeated failures");
            System.exit(1);
        }
    }

    /** Sends at the configured rate until the time is up, the stop file exists or the process stops. */
    private void sendTraffic() throws InterruptedException {
        long intervalNs = TimeUnit.SECONDS.toNanos(1) / arguments.rate();
        long end = System.nanoTime() + arguments.sendFor().toNanos();
        long next = System.nanoTime();
        for (int k = 1; !stopping.get() && System.nanoTime() < end && !stopFileExists(); k++) {
            if (!send(k)) {
                break;
            }
            long now = System.nanoTime();
            next = Math.max(next + intervalNs, now - intervalNs);
            if (next > now) {
                TimeUnit.NANOSECONDS.sleep(next - now);
            }
        }
        log.trafficOver(accepted);
    }

    /** Offers message k until Totem accepts it; false when it cannot be sent (logged) or the process stops. */
    private boolean send(int k) throws InterruptedException {
        String name = TrafficPayloads.name(process, k);
        byte[] bytes = TrafficPayloads.bytes(process, k);
        log.offering(name);
        while (!stopping.get()) {
            MulticastResult result;
            try {
                result = AskPattern.<TotemActor.Command, MulticastResult>ask(node.totem(),
                        replyTo -> new TotemActor.Multicast(TrafficPayloads.delivery(k), bytes, replyTo),
                        ASK_TIMEOUT, node.system().scheduler())
                        .toCompletableFuture().get(ASK_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                if (!stopping.get()) {
                    log.problem("no answer to the multicast of " + name + ": " + e);
                }
                return false;
            }
            switch (result) {
                case ACCEPTED -> {
                    accepted++;
                    log.accepted(name);
                    return true;
                }
                case TRY_AGAIN -> Thread.sleep(RETRY_PAUSE_MS);
                case TOO_LARGE -> {
                    log.problem("Totem refused " + name + " (" + bytes.length + " bytes) as too large");
                    return false;
                }
            }
        }
        return false;
    }

    private boolean stopFileExists() {
        return arguments.stopFile() != null && Files.exists(arguments.stopFile());
    }

    /** The shutdown hook (SIGTERM): leave the ring, close the node and the log, exit 0 (1 after a failure). */
    private void shutDown() {
        stopping.set(true);
        boolean failed = node.stoppedByFailure();
        node.close();
        try {
            log.close();
        } catch (Exception e) {
            System.err.println("traffic node: cannot close the log: " + e);
        }
        Runtime.getRuntime().halt(failed ? 1 : 0);
    }

    /** The command line. */
    record Arguments(Path config, int incarnation, Path log, int rate, Duration sendFor, Path stopFile) {

        static Arguments parse(String[] args) {
            Map<String, String> options = new HashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option value pairs, got " + String.join(" ", args));
                }
                options.put(args[i].substring(2), args[i + 1]);
            }
            for (String required : new String[] {"config", "incarnation", "log", "rate", "send-for"}) {
                if (!options.containsKey(required)) {
                    throw new IllegalArgumentException("missing --" + required);
                }
            }
            Arguments parsed = new Arguments(Path.of(options.remove("config")),
                    Integer.parseInt(options.remove("incarnation")), Path.of(options.remove("log")),
                    Integer.parseInt(options.remove("rate")), duration(options.remove("send-for")),
                    options.containsKey("stop-file") ? Path.of(options.remove("stop-file")) : null);
            if (!options.isEmpty()) {
                throw new IllegalArgumentException("unknown options " + options.keySet());
            }
            if (parsed.rate() < 1 || parsed.incarnation() < 1) {
                throw new IllegalArgumentException("--rate and --incarnation must be at least 1");
            }
            return parsed;
        }

        private static Duration duration(String text) {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            throw new IllegalArgumentException("durations look like 90s or 1500ms, got " + text);
        }
    }
}
