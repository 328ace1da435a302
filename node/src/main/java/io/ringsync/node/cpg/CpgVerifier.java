package io.ringsync.node.cpg;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgNotification;
import io.ringsync.cpg.CpgResult;
import io.ringsync.cpg.verify.LatencyWindow;
import io.ringsync.cpg.verify.TrafficChecker;
import io.ringsync.cpg.verify.VerifyPayload;
import io.ringsync.node.Json;
import io.ringsync.protocol.totem.Delivery;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ringsync cpg verify}'s work, after Corosync's cpghum: joins a group through a
 * {@link CpgClient}, sends checked messages ({@link VerifyPayload}) from one thread at a set rate
 * or as fast as the node takes them (TRY_AGAIN is retried), feeds every event to a
 * {@link TrafficChecker}, prints a line per configuration (its digest) and one per second
 * (messages/s, latency of its own messages), and at the end a summary, or the whole report as
 * JSON. When sending ends it waits up to {@link Options#drain} for its own messages; one that
 * never comes is a violation too. The result is {@link #OK} without violations.
 */
public final class CpgVerifier {

    /** Exit code without violations. */
    public static final int OK = 0;
    /** Exit code with at least one violation (or when the node went away). */
    public static final int VIOLATIONS = 1;

    /**
     * What to run.
     *
     * @param group    the group to join
     * @param minSize  the smallest message, at least {@link VerifyPayload#HEADER_BYTES}
     * @param maxSize  the largest message (equal to {@code minSize} for a fixed size)
     * @param rate     messages per second, 0 for as fast as the node takes them
     * @param count    messages to send, 0 for as many as {@code duration} allows; with
     *                 {@code listen}, messages to receive before stopping (0: listen for
     *                 {@code duration})
     * @param duration how long to send (and, with {@code listen}, to listen)
     * @param listen   send nothing, only check what others send
     * @param drain    how long to wait for own messages once sending ended
     * @param json     print one JSON report at the end instead of lines
     * @param seed     the seed of the sizes and filler
     * @param stopFile ends sending (or listening) early once it exists, as if {@code duration}
     *                 ran out (a test harness stops its verifiers when its faults are over);
     *                 null for none
     */
    public record Options(String group, int minSize, int maxSize, int rate, long count, Duration duration,
                          boolean listen, Duration drain, boolean json, long seed, Path stopFile) {
    }

    /** How long the join is retried while the node answers TRY_AGAIN (no ring yet, or a sync round). */
    public static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(100);

    private final CpgClient client;
    private final Options options;
    private final PrintStream out;
    private TrafficChecker checker;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong tryAgain = new AtomicLong();
    private final AtomicBoolean stopSending = new AtomicBoolean();
    private final List<String> problems = new ArrayList<>();
    private volatile String senderFailure;

    /** A verifier sending and checking through {@code client}, printing on {@code out}. */
    public CpgVerifier(CpgClient client, Options options, PrintStream out) {
        this.client = client;
        this.options = options;
        this.out = out;
    }

    /** Runs to the end; {@link #OK} or {@link #VIOLATIONS}. */
    public int run() throws IOException, InterruptedException {
        CpgMember self = new CpgMember(client.localNodeId(), client.pid());
        checker = new TrafficChecker(options.group(), self);
        join();
        line("joined \"%s\" as %s", options.group(), self);
        long startNs = System.nanoTime();
        Thread sender = new Thread(this::sendLoop, "cpg-verify-sender");
        sender.setDaemon(true);
        if (!options.listen()) {
            sender.start();
        }
        long endNs = startNs + options.duration().toNanos();
        long nextProgressNs = startNs + TimeUnit.SECONDS.toNanos(1);
        long drainEndNs = Long.MAX_VALUE;
        while (!client.closed()) {
            Optional<CpgNotification> event = client.nextEvent(POLL);
            long now = System.nanoTime();
            event.ifPresent(n -> checker.onEvent(n.event(), now).ifPresent(
                    d -> line("config %s messages=%d digest=%s", d.label(), d.messages(), d.digest())));
            if (now >= nextProgressNs) {
                progress(now - startNs);
                nextProgressNs += TimeUnit.SECONDS.toNanos(1);
            }
            if (options.listen()) {
                if (timeUp(now, endNs) || options.count() > 0 && checker.delivered() >= options.count()) {
                    break;
                }
                continue;
            }
            boolean sendingDone = doneSending(now, endNs, sender);
            if (sendingDone && drainEndNs == Long.MAX_VALUE) {
                drainEndNs = now + options.drain().toNanos();
            }
            if (sendingDone && (ownDelivered() >= sent.get() || now >= drainEndNs)) {
                break;
            }
        }
        return finish(System.nanoTime() - startNs);
    }

    /** Joins, retrying while a sync round runs; any other refusal is fatal. */
    private void join() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        CpgResult result;
        while ((result = client.join(options.group(), true)) == CpgResult.TRY_AGAIN && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        if (result != CpgResult.OK) {
            throw new IOException("cannot join \"" + options.group() + "\": " + result);
        }
    }

    private boolean doneSending(long now, long endNs, Thread sender) {
        boolean countReached = options.count() > 0 && sent.get() >= options.count();
        if (timeUp(now, endNs) || countReached || senderFailure != null) {
            stopSending.set(true);
        }
        return stopSending.get() && !sender.isAlive();
    }

    /** The duration ran out, or the stop file appeared. */
    private boolean timeUp(long now, long endNs) {
        return now >= endNs || options.stopFile() != null && Files.exists(options.stopFile());
    }

    private long ownDelivered() {
        return checker.latency().count();
    }

    /** Sends until told to stop, the count is reached, or a refusal other than TRY_AGAIN. */
    private void sendLoop() {
        SplittableRandom random = new SplittableRandom(options.seed());
        long startNs = System.nanoTime();
        try {
            for (long seq = 0; !stopSending.get() && (options.count() == 0 || seq < options.count()); seq++) {
                if (options.rate() > 0) {
                    LockSupport.parkNanos(startNs + seq * 1_000_000_000L / options.rate() - System.nanoTime());
                }
                int size = options.minSize() + random.nextInt(options.maxSize() - options.minSize() + 1);
                if (!sendOne(seq, size, random)) {
                    return;
                }
                sent.incrementAndGet();
            }
        } catch (IOException e) {
            senderFailure = "sending failed: " + e.getMessage();
        }
    }

    private boolean sendOne(long seq, int size, SplittableRandom random) throws IOException {
        byte[] payload = VerifyPayload.encode(seq, System.nanoTime(), size, random);
        CpgResult result;
        while ((result = client.mcast(options.group(), Delivery.AGREED, payload)) == CpgResult.TRY_AGAIN) {
            tryAgain.incrementAndGet();
            if (stopSending.get()) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        if (result != CpgResult.OK) {
            senderFailure = "message #" + seq + " refused: " + result;
            return false;
        }
        return true;
    }

    private void progress(long elapsedNs) {
        double seconds = elapsedNs / 1e9;
        LatencyWindow latency = checker.latency();
        line("[%6.1fs] sent %d delivered %d (%.0f msgs/s) latency p50 %.0f us p99 %.0f us", seconds, sent.get(),
                checker.delivered(), checker.delivered() / seconds, latency.percentileUs(50), latency.percentileUs(99));
    }

    private int finish(long elapsedNs) {
        if (client.closed()) {
            problems.add("the node closed the connection");
        } else {
            leaveQuietly();
        }
        if (senderFailure != null) {
            problems.add(senderFailure);
        }
        if (ownDelivered() < sent.get()) {
            problems.add((sent.get() - ownDelivered()) + " of " + sent.get() + " own messages not delivered within "
                    + options.drain().toMillis() + " ms");
        }
        List<TrafficChecker.ConfigDigest> digests = checker.finish();
        long violations = checker.violationCount() + problems.size();
        if (options.json()) {
            out.println(Json.pretty(report(elapsedNs, digests, violations)));
        } else {
            summary(elapsedNs, digests.get(digests.size() - 1), violations);
        }
        return violations == 0 ? OK : VIOLATIONS;
    }

    private void leaveQuietly() {
        try {
            client.leave(options.group());
        } catch (IOException e) {
            problems.add("leave failed: " + e.getMessage());
        }
    }

    private void summary(long elapsedNs, TrafficChecker.ConfigDigest last, long violations) {
        double seconds = elapsedNs / 1e9;
        LatencyWindow latency = checker.latency();
        out.printf("summary: sent %d, delivered %d in %.1f s (%.0f msgs/s, %.2f MiB/s), TRY_AGAIN %d%n", sent.get(),
                checker.delivered(), seconds, checker.delivered() / seconds, checker.bytes() / seconds / (1 << 20),
                tryAgain.get());
        out.printf("latency of own messages: %d, mean %.0f us, p50 %.0f us, p99 %.0f us, max %.0f us%n", latency.count(),
                latency.meanUs(), latency.percentileUs(50), latency.percentileUs(99), latency.maxUs());
        out.printf("last config %s messages=%d digest=%s%n", last.label(), last.messages(), last.digest());
        out.printf("violations: %d%n", violations);
        checker.violations().forEach(v -> out.println("  " + v));
        problems.forEach(p -> out.println("  " + p));
    }

    private ObjectNode report(long elapsedNs, List<TrafficChecker.ConfigDigest> digests, long violations) {
        double seconds = elapsedNs / 1e9;
        LatencyWindow latency = checker.latency();
        ObjectNode report = Json.object().put("group", options.group()).put("pid", client.pid())
                .put("sent", sent.get()).put("delivered", checker.delivered()).put("bytes", checker.bytes())
                .put("seconds", seconds).put("msgsPerSec", checker.delivered() / seconds).put("tryAgain", tryAgain.get());
        report.putObject("latencyUs").put("count", latency.count()).put("mean", latency.meanUs())
                .put("p50", latency.percentileUs(50)).put("p99", latency.percentileUs(99)).put("max", latency.maxUs());
        ArrayNode configs = report.putArray("configs");
        digests.forEach(d -> configs.addObject().put("label", d.label()).put("messages", d.messages())
                .put("digest", d.digest()));
        report.put("violations", violations);
        ArrayNode list = report.putArray("violationList");
        checker.violations().forEach(list::add);
        problems.forEach(list::add);
        return report;
    }

    private void line(String format, Object... args) {
        if (!options.json()) {
            out.println(String.format(format, args));
        }
    }
}
