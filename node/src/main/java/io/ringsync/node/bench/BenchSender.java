package io.ringsync.node.bench;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.ringsync.protocol.totem.MulticastInbox;
import io.ringsync.protocol.totem.TotemActor.MulticastResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The sending side of a bench process, offering to Totem's {@link MulticastInbox} (answered at
 * once, no actor message per request). Throughput mode: multicasts DATA messages as fast as
 * Totem accepts them, with at most {@link BenchSpec#windowMessages} accepted but not yet
 * delivered back; on TRY_AGAIN, or with the window full, it waits for its next own delivery (or
 * {@link #BACKOFF}). Latency mode: one message at a time, timed from just before the offer to
 * its own delivery (the time the listener saw it), then {@link BenchSpec#gapMicros} of pause.
 * Either way it ends with its END message, retried until accepted, and completes the future it
 * was given with its totals.
 */
public final class BenchSender extends AbstractBehavior<BenchSender.Command> {

    /** This actor's protocol. */
    public sealed interface Command permits Start, Stop, OwnDelivered, Wake, Tick {
    }

    /** Start sending; latency mode completes {@code done} by itself after its samples. */
    public record Start(CompletableFuture<Totals> done) implements Command {
    }

    /** Throughput mode: stop, send END, then complete the future given to {@link Start}. */
    public enum Stop implements Command { INSTANCE }

    /** Latency mode: own DATA {@code counter} was delivered at {@code nanos}. */
    public record OwnDelivered(long counter, long nanos) implements Command {
    }

    /** An own delivery after the sender asked to be woken. */
    public enum Wake implements Command { INSTANCE }

    /** What the sender did. */
    public record Totals(long accepted, long refused, LatencyStats latency) {
    }

    private enum Tick implements Command { INSTANCE }

    /** The longest wait after TRY_AGAIN or with a full window, when no own delivery wakes the sender first. */
    static final Duration BACKOFF = Duration.ofMillis(1);

    private final BenchSpec spec;
    private final int nodeId;
    private final MulticastInbox inbox;
    private final OwnDeliveries own;
    private final TimerScheduler<Command> timers;
    private final long[] latencies;
    private CompletableFuture<Totals> done;
    private long nextCounter;
    private long accepted;
    private long refused;
    private boolean sending;
    private boolean blocked;
    private boolean probeInFlight;
    private boolean endSent;
    private long warmupEndNanos;
    private long probeSentNanos;
    private int samples;

    /** A sender of {@code nodeId}'s messages into {@code inbox}, told about own deliveries through {@code own}. */
    public static Behavior<Command> create(BenchSpec spec, int nodeId, MulticastInbox inbox, OwnDeliveries own) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new BenchSender(ctx, timers, spec, nodeId, inbox, own)));
    }

    private BenchSender(ActorContext<Command> ctx, TimerScheduler<Command> timers, BenchSpec spec, int nodeId,
                        MulticastInbox inbox, OwnDeliveries own) {
        super(ctx);
        this.spec = spec;
        this.nodeId = nodeId;
        this.inbox = inbox;
        this.own = own;
        this.timers = timers;
        this.latencies = new long[spec.latencyCount()];
        own.connect(ctx.getSelf(), spec.latencyMode());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Start.class, this::onStart)
                .onMessage(Stop.class, this::onStop)
                .onMessage(OwnDelivered.class, this::onOwnDelivered)
                .onMessage(Wake.class, this::onWake)
                .onMessage(Tick.class, this::onWake)
                .build();
    }

    private Behavior<Command> onStart(Start start) {
        done = start.done();
        sending = true;
        warmupEndNanos = System.nanoTime() + spec.warmup().toNanos();
        if (spec.latencyMode()) {
            probe();
        } else {
            fill();
        }
        return stoppedIfFailed();
    }

    private Behavior<Command> onStop(Stop stop) {
        sending = false;
        sendEnd();
        return stoppedIfFailed();
    }

    private Behavior<Command> onWake(Command wake) {
        blocked = false;
        if (endSent) {
            offerEnd();
        } else if (spec.latencyMode()) {
            if (sending && !probeInFlight) {
                probe();
            }
        } else {
            fill();
        }
        return stoppedIfFailed();
    }

    private Behavior<Command> onOwnDelivered(OwnDelivered delivered) {
        if (!sending || !probeInFlight || delivered.counter() != nextCounter - 1) {
            return this;
        }
        probeInFlight = false;
        if (probeSentNanos >= warmupEndNanos) {
            latencies[samples++] = delivered.nanos() - probeSentNanos;
        }
        if (samples == latencies.length) {
            sending = false;
            sendEnd();
        } else if (spec.gapMicros() == 0) {
            probe();
        } else {
            timers.startSingleTimer(Tick.INSTANCE, Duration.ofNanos(spec.gapMicros() * 1000));
        }
        return stoppedIfFailed();
    }

    /** Throughput mode: multicasts while Totem accepts and the window allows. */
    private void fill() {
        while (sending && !blocked && !done.isDone()) {
            if (accepted - own.delivered() >= spec.windowMessages()) {
                block();
                if (accepted - own.delivered() >= spec.windowMessages()) {
                    return;
                }
                blocked = false; // a delivery came between the check and the wake-up request
            }
            if (!offerData()) {
                block();
            }
        }
    }

    /** Latency mode: one DATA message, timed; a refused one is offered again after {@link #BACKOFF}. */
    private void probe() {
        probeSentNanos = System.nanoTime();
        if (offerData()) {
            probeInFlight = true;
        } else if (!done.isDone()) {
            timers.startSingleTimer(Tick.INSTANCE, BACKOFF);
        }
    }

    /** Offers the next DATA message; true when accepted (the counter moves on only then). */
    private boolean offerData() {
        if (offer(BenchPayload.data(nodeId, nextCounter, spec.sizeBytes()))) {
            nextCounter++;
            accepted++;
            return true;
        }
        refused++;
        return false;
    }

    private void block() {
        if (!blocked) {
            blocked = true;
            own.wakeOnNext();
            timers.startSingleTimer(Tick.INSTANCE, BACKOFF);
        }
    }

    private void sendEnd() {
        if (!endSent) {
            endSent = true;
            offerEnd();
        }
    }

    /** Offers END until accepted, then completes the run. */
    private void offerEnd() {
        if (done.isDone()) {
            return;
        }
        if (offer(BenchPayload.end(nodeId, accepted))) {
            done.complete(new Totals(accepted, refused, LatencyStats.of(latencies, samples)));
        } else if (!done.isDone()) {
            timers.startSingleTimer(Tick.INSTANCE, BACKOFF);
        }
    }

    /** True when accepted; TOO_LARGE fails the run. */
    private boolean offer(byte[] payload) {
        MulticastResult result = inbox.offer(spec.delivery(), payload);
        if (result == MulticastResult.TOO_LARGE) {
            done.completeExceptionally(new IllegalStateException("Totem answered TOO_LARGE to " + payload.length
                    + " bytes"));
        }
        return result == MulticastResult.ACCEPTED;
    }

    /** The run failed (a message too large): nothing more to do. */
    private Behavior<Command> stoppedIfFailed() {
        return done != null && done.isCompletedExceptionally() ? Behaviors.stopped() : this;
    }
}
