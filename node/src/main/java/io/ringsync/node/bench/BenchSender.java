package io.ringsync.node.bench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemActor.MulticastResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The sending side of a bench process. Throughput mode: multicasts DATA messages as fast as
 * Totem accepts them, with at most {@link BenchSpec#inFlight} requests awaiting an answer and at
 * most {@link BenchSpec#windowMessages} accepted but not yet delivered back; on TRY_AGAIN, or
 * with the window full, it waits for its next own delivery (or {@link #BACKOFF}), and after a
 * TRY_AGAIN it sends one request at a time until one is accepted again. Latency mode:
 * one message at a time, timed from just before the multicast to its own delivery (the time the
 * listener saw it), then {@link BenchSpec#gapMicros} of pause. Either way it ends with its END
 * message, retried until accepted, and completes the future it was given with its totals.
 */
public final class BenchSender extends AbstractBehavior<BenchSender.Command> {

    /** This actor's protocol. */
    public sealed interface Command permits Start, Stop, OwnDelivered, Wake, Reply, Tick {
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

    private record Reply(MulticastResult result) implements Command {
    }

    private enum Tick implements Command { INSTANCE }

    /** The longest wait after TRY_AGAIN or with a full window, when no own delivery wakes the sender first. */
    static final Duration BACKOFF = Duration.ofMillis(1);

    private final BenchSpec spec;
    private final int nodeId;
    private final ActorRef<TotemActor.Command> totem;
    private final OwnDeliveries own;
    private final TimerScheduler<Command> timers;
    private final ActorRef<MulticastResult> replies;
    private final long[] latencies;
    private CompletableFuture<Totals> done;
    private long nextCounter;
    private int awaitingAnswer;
    private long accepted;
    private long refused;
    private boolean sending;
    private boolean blocked;
    private boolean probing;
    private boolean endSent;
    private long warmupEndNanos;
    private long probeSentNanos;
    private int samples;

    /** A sender of {@code nodeId}'s messages to {@code totem}, told about own deliveries through {@code own}. */
    public static Behavior<Command> create(BenchSpec spec, int nodeId, ActorRef<TotemActor.Command> totem,
                                           OwnDeliveries own) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new BenchSender(ctx, timers, spec, nodeId, totem, own)));
    }

    private BenchSender(ActorContext<Command> ctx, TimerScheduler<Command> timers, BenchSpec spec, int nodeId,
                        ActorRef<TotemActor.Command> totem, OwnDeliveries own) {
        super(ctx);
        this.spec = spec;
        this.nodeId = nodeId;
        this.totem = totem;
        this.own = own;
        this.timers = timers;
        this.replies = ctx.messageAdapter(MulticastResult.class, Reply::new);
        this.latencies = new long[spec.latencyCount()];
        own.connect(ctx.getSelf(), spec.latencyMode());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Start.class, this::onStart)
                .onMessage(Stop.class, this::onStop)
                .onMessage(Reply.class, this::onReply)
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
        return this;
    }

    private Behavior<Command> onStop(Stop stop) {
        sending = false;
        if (awaitingAnswer == 0) {
            sendEnd();
        }
        return this;
    }

    private Behavior<Command> onReply(Reply reply) {
        awaitingAnswer--;
        if (reply.result() == MulticastResult.TOO_LARGE) {
            done.completeExceptionally(new IllegalStateException("Totem answered TOO_LARGE to " + spec.sizeBytes()
                    + " bytes"));
            return Behaviors.stopped();
        }
        boolean ok = reply.result() == MulticastResult.ACCEPTED;
        if (endSent) {
            onEndAnswer(ok);
        } else if (ok) {
            accepted++;
            probing = false;
        } else {
            refused++;
            probing = true;
            block();
        }
        if (!sending && !endSent && awaitingAnswer == 0) {
            sendEnd();
        } else if (spec.latencyMode() && !ok && !endSent) {
            timers.startSingleTimer(Tick.INSTANCE, BACKOFF);
        } else if (!spec.latencyMode()) {
            fill();
        }
        return this;
    }

    private void onEndAnswer(boolean ok) {
        if (ok) {
            done.complete(new Totals(accepted, refused, LatencyStats.of(latencies, samples)));
        } else {
            timers.startSingleTimer(Tick.INSTANCE, BACKOFF);
        }
    }

    private Behavior<Command> onWake(Command wake) {
        blocked = false;
        if (endSent) {
            if (awaitingAnswer == 0 && !done.isDone()) {
                multicast(BenchPayload.end(nodeId, accepted));
            }
        } else if (spec.latencyMode()) {
            if (sending && awaitingAnswer == 0) {
                probe();
            }
        } else {
            fill();
        }
        return this;
    }

    private Behavior<Command> onOwnDelivered(OwnDelivered delivered) {
        if (!sending || delivered.counter() != nextCounter - 1) {
            return this;
        }
        if (probeSentNanos >= warmupEndNanos) {
            latencies[samples++] = delivered.nanos() - probeSentNanos;
        }
        if (samples == latencies.length) {
            sending = false;
            if (awaitingAnswer == 0) {
                sendEnd();
            }
        } else if (spec.gapMicros() == 0) {
            probe();
        } else {
            timers.startSingleTimer(Tick.INSTANCE, Duration.ofNanos(spec.gapMicros() * 1000));
        }
        return this;
    }

    /** Throughput mode: multicasts while requests and the window allow. */
    private void fill() {
        while (sending && !blocked && awaitingAnswer < (probing ? 1 : spec.inFlight())) {
            if (accepted + awaitingAnswer - own.delivered() >= spec.windowMessages()) {
                block();
                if (accepted + awaitingAnswer - own.delivered() >= spec.windowMessages()) {
                    return;
                }
                blocked = false; // a delivery came between the check and the wake-up request
            }
            multicast(BenchPayload.data(nodeId, nextCounter++, spec.sizeBytes()));
        }
    }

    private void probe() {
        probeSentNanos = System.nanoTime();
        multicast(BenchPayload.data(nodeId, nextCounter++, spec.sizeBytes()));
    }

    private void block() {
        if (!blocked) {
            blocked = true;
            own.wakeOnNext();
            timers.startSingleTimer(Tick.INSTANCE, BACKOFF);
        }
    }

    private void sendEnd() {
        endSent = true;
        multicast(BenchPayload.end(nodeId, accepted));
    }

    private void multicast(byte[] payload) {
        awaitingAnswer++;
        totem.tell(new TotemActor.Multicast(spec.delivery(), payload, replies));
    }
}
