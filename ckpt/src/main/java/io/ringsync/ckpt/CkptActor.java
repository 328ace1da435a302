package io.ringsync.ckpt;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.ringsync.ckpt.service.CkptCall;
import io.ringsync.ckpt.service.CkptCounters;
import io.ringsync.ckpt.service.CkptNodeCore;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.ckpt.store.StoreLimits;
import io.ringsync.config.CkptSettings;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.service.ServiceChannel;
import io.ringsync.protocol.service.ServiceEnvelope;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The checkpoint service's actor on one node (STYLE.md 1 and 5): it drives a {@link CkptNodeCore}
 * behind a {@link ServiceChannel}, feeding it Totem's events, its clients' {@link Call}s, Totem's
 * answers to its multicasts and the time ({@code System.nanoTime} for request deadlines, the wall
 * clock for the ordered clock's ticks), and multicasts what the core returns.
 *
 * <p>A mutation's {@link Call} is answered when this node applies it in the total order (or
 * refused, or TIMEOUT after {@link CkptSettings#requestTimeoutMs()}); reads are answered from
 * the node's replica at once (TRY_AGAIN during a sync round). If the actor restarts, its handles
 * are gone (clients get BAD_HANDLE) and the replica comes back from the cluster in the next sync
 * round; the node makes Totem rejoin for that.
 */
public final class CkptActor extends AbstractBehavior<CkptActor.Command> {

    /** This actor's protocol. */
    public sealed interface Command permits Call, GetCounters, Event, Answer, Housekeeping {
    }

    /** A client's call; its reply, typed by the call, goes to {@code replyTo}. */
    public record Call<R>(CkptCall<R> call, ActorRef<R> replyTo) implements Command {
    }

    /** Reply with the service's counters. */
    public record GetCounters(ActorRef<CkptCounters.Snapshot> replyTo) implements Command {
    }

    private record Event(TotemEvent event) implements Command {
    }

    private record Answer(long requestId, TotemActor.MulticastResult result) implements Command {
    }

    private enum Housekeeping implements Command { INSTANCE }

    /** The largest op body sent: under Totem's 1 MiB message, with room for the envelope. */
    static final int MAX_OP_BYTES = 1024 * 1024 - 1024;

    private static final Duration MULTICAST_ANSWER_TIMEOUT = Duration.ofSeconds(10);

    /** {@link Call}'s class with its type parameter, for the receive builder. */
    @SuppressWarnings("unchecked")
    private static final Class<Call<?>> CALL = (Class<Call<?>>) (Class<?>) Call.class;

    private final ServiceBinding binding;
    private final CkptNodeCore core;
    private final ServiceChannel channel;
    private final ActorRef<TotemActor.MulticastResult> ignoredAnswers;
    private boolean wasSyncing;

    private CkptActor(ActorContext<Command> context, ServiceBinding binding, int nodeId, CkptSettings settings) {
        super(context);
        this.binding = binding;
        this.core = new CkptNodeCore(nodeId, new StoreLimits(settings.maxCheckpoints(), settings.maxTotalBytes()),
                MAX_OP_BYTES, TimeUnit.MILLISECONDS.toNanos(settings.requestTimeoutMs()), System.currentTimeMillis() << 16);
        this.channel = new ServiceChannel(core.service());
        this.ignoredAnswers = context.messageAdapter(TotemActor.MulticastResult.class, result -> new Answer(0, result));
        binding.subscribe(ServiceId.CKPT, context.messageAdapter(TotemEvent.class, Event::new));
    }

    /** The service of node {@code nodeId} on {@code binding}, with {@code settings}. */
    public static Behavior<Command> create(ServiceBinding binding, int nodeId, CkptSettings settings) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Housekeeping.INSTANCE, Duration.ofMillis(settings.tickIntervalMs()));
            return new CkptActor(context, binding, nodeId, settings);
        }));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(CALL, this::onCall)
                .onMessage(Event.class, this::onEvent)
                .onMessage(Answer.class, this::onAnswer)
                .onMessage(GetCounters.class, this::onGetCounters)
                .onMessageEquals(Housekeeping.INSTANCE, this::onHousekeeping)
                .build();
    }

    private <R> Behavior<Command> onCall(Call<R> call) {
        core.submit(call.call(), call.replyTo()::tell, System.nanoTime()).ifPresent(this::send);
        return this;
    }

    private Behavior<Command> onEvent(Event event) {
        binding.carryOut(channel.onEvent(event.event()), ignoredAnswers);
        sendOwn();
        if (wasSyncing && !channel.syncing()) {
            getContext().getLog().info("checkpoints synced in ring {}: {} checkpoints, {} bytes", channel.ringId(),
                    core.replica().store().list().size(), core.replica().store().footprint());
        }
        wasSyncing = channel.syncing();
        return this;
    }

    private Behavior<Command> onAnswer(Answer answer) {
        if (answer.requestId() != 0 && answer.result() != TotemActor.MulticastResult.ACCEPTED) {
            core.refused(answer.requestId(), answer.result() == TotemActor.MulticastResult.TOO_LARGE
                    ? CkptError.TOO_BIG : CkptError.TRY_AGAIN);
        }
        return this;
    }

    private Behavior<Command> onHousekeeping() {
        core.housekeeping(System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis())).ifPresent(this::send);
        return this;
    }

    private Behavior<Command> onGetCounters(GetCounters get) {
        get.replyTo().tell(core.replica().counters().snapshot());
        return this;
    }

    private void sendOwn() {
        core.drainOutgoing().forEach(this::send);
    }

    /**
     * Multicasts an op. A request's answer from Totem comes back by ask; when Totem does not
     * answer at all the request stays pending and its deadline answers it (the op may still have
     * been queued, so refusing it would be wrong).
     */
    private void send(CkptNodeCore.Outgoing out) {
        byte[] payload = ServiceEnvelope.app(ServiceId.CKPT, out.body());
        if (out.requestId() == 0) {
            binding.totem().tell(new TotemActor.Multicast(Delivery.AGREED, payload, ignoredAnswers));
            return;
        }
        getContext().ask(TotemActor.MulticastResult.class, binding.totem(), MULTICAST_ANSWER_TIMEOUT,
                replyTo -> new TotemActor.Multicast(Delivery.AGREED, payload, replyTo),
                (result, failure) -> new Answer(out.requestId(), result == null ? TotemActor.MulticastResult.ACCEPTED : result));
    }
}
