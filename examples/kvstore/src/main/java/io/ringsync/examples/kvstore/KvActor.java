package io.ringsync.examples.kvstore;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.ringsync.ckpt.Ckpt;
import io.ringsync.ckpt.CkptException;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.ReadRange;
import io.ringsync.ckpt.store.SectionId;
import io.ringsync.ckpt.store.Times;
import io.ringsync.cpg.Cpg;
import io.ringsync.cpg.CpgActor;
import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgDeliver;
import io.ringsync.cpg.CpgEvent;
import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgNotification;
import io.ringsync.cpg.CpgResult;
import io.ringsync.cpg.CpgTotemConfChg;
import io.ringsync.embed.Ringsync;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.quorum.QuorumActor;
import io.ringsync.quorum.QuorumStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One member of the replicated key/value store, composed from the node's actors through
 * {@link Ringsync}: it joins the CPG group {@code group} (itself the listener), subscribes to the
 * quorum actor, and drives a {@link KvCore}: writes and the replicas' comparisons go through the
 * group in agreed order, a source's replica goes through the checkpoint service (checkpoint
 * {@code kvstore-<group>}, section {@code replica}) to stale members. Reads are local.
 *
 * <p>A {@link Put} is refused ("inquorate", "catching up") unless this member's ring is quorate
 * and its replica current; else it is multicast and answered once it comes back in the total
 * order and is applied here (so it is applied on every member that stays). The group's control
 * messages (Have, Snapshot notices) are multicast one at a time in order, retried on TRY_AGAIN.
 */
public final class KvActor extends AbstractBehavior<KvActor.Command> {

    /** How soon a refused join or control message, or a checkpoint read that is not there yet, is tried again. */
    public static final Duration RETRY = Duration.ofMillis(100);
    /** Checkpoint reads of one snapshot before giving up (until the next comparison). */
    public static final int MAX_READS = 200;
    private static final SectionId SECTION = SectionId.of("replica");
    private static final int MAX_REPLICA_BYTES = 8 * 1024 * 1024;
    private static final CreationAttributes ATTRIBUTES = new CreationAttributes(CreationAttributes.WR_ALL_REPLICAS,
            2L * MAX_REPLICA_BYTES, Times.END, 2, MAX_REPLICA_BYTES, 32);

    /** The store's protocol. */
    public sealed interface Command permits Put, Get, GetState, QuorumChanged, GroupEvent, JoinAnswered,
            WriteAnswered, ControlAnswered, SnapshotWritten, SnapshotRead, ReadAgain, Retry {
    }

    /** Sets {@code key} to {@code value}; answered once applied here, or refused with why. */
    public record Put(String key, String value, ActorRef<PutResult> replyTo) implements Command {
    }

    /** The local value of {@code key}. */
    public record Get(String key, ActorRef<Optional<String>> replyTo) implements Command {
    }

    /** This member's {@link KvState}. */
    public record GetState(ActorRef<KvState> replyTo) implements Command {
    }

    /**
     * A put's outcome.
     *
     * @param applied true when applied
     * @param error   why not, else empty
     */
    public record PutResult(boolean applied, String error) {
    }

    /**
     * A member's replica as seen from outside.
     *
     * @param version writes applied
     * @param digest  the replica's digest
     * @param size    entries
     * @param current the last comparison found it equal to the source's
     * @param quorate its ring is quorate
     */
    public record KvState(long version, String digest, int size, boolean current, boolean quorate) {
    }

    private record QuorumChanged(QuorumStatus status) implements Command {
    }

    private record GroupEvent(CpgNotification notification) implements Command {
    }

    private record JoinAnswered(CpgResult result) implements Command {
    }

    private record WriteAnswered(long requestId, CpgResult result) implements Command {
    }

    private record ControlAnswered(CpgResult result) implements Command {
    }

    private record SnapshotWritten(KvCore.Snapshot snapshot, Optional<String> failure) implements Command {
    }

    private record SnapshotRead(KvCore.Snapshot snapshot, int attempt, Optional<KvReplica> replica) implements Command {
    }

    private record ReadAgain(KvCore.Snapshot snapshot, int attempt) implements Command {
    }

    private enum Retry implements Command { INSTANCE }

    private final ActorRef<CpgActor.Command> cpg;
    private final Ckpt ckpt;
    private final String checkpoint;
    private final CpgHandle handle;
    private final CpgMember self;
    private final TimerScheduler<Command> timers;
    private final KvCore core;
    private final ActorRef<CpgNotification> listener;
    private final Deque<byte[]> control = new ArrayDeque<>();
    private final Map<Long, ActorRef<PutResult>> puts = new HashMap<>();
    private boolean joined;
    private boolean controlInFlight;
    private long nextRequest;
    private RingId quorumRing;
    private boolean quorate;

    private KvActor(ActorContext<Command> context, TimerScheduler<Command> timers, Ringsync ringsync, String group) {
        super(context);
        this.cpg = ringsync.cpgActor();
        this.ckpt = ringsync.ckpt();
        this.checkpoint = "kvstore-" + group;
        this.handle = new CpgHandle(group, ProcessHandle.current().pid());
        this.self = new CpgMember(ringsync.nodeId(), handle.pid());
        this.timers = timers;
        this.core = new KvCore(self);
        this.listener = context.messageAdapter(CpgNotification.class, GroupEvent::new);
        ringsync.quorumActor().tell(new QuorumActor.Subscribe(context.messageAdapter(QuorumStatus.class,
                QuorumChanged::new)));
        join();
    }

    /** The store member of the node {@code ringsync} runs, in CPG group {@code group}. */
    public static Behavior<Command> create(Ringsync ringsync, String group) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> new KvActor(context, timers, ringsync, group)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Put.class, this::onPut)
                .onMessage(Get.class, this::onGet)
                .onMessage(GetState.class, this::onGetState)
                .onMessage(QuorumChanged.class, this::onQuorumChanged)
                .onMessage(GroupEvent.class, this::onGroupEvent)
                .onMessage(JoinAnswered.class, this::onJoinAnswered)
                .onMessage(WriteAnswered.class, this::onWriteAnswered)
                .onMessage(ControlAnswered.class, this::onControlAnswered)
                .onMessage(SnapshotWritten.class, this::onSnapshotWritten)
                .onMessage(SnapshotRead.class, this::onSnapshotRead)
                .onMessage(ReadAgain.class, this::onReadAgain)
                .onMessageEquals(Retry.INSTANCE, this::onRetry)
                .build();
    }

    private Behavior<Command> onPut(Put put) {
        Optional<String> refusal = refusal();
        if (refusal.isPresent()) {
            put.replyTo().tell(new PutResult(false, refusal.get()));
            return this;
        }
        byte[] message;
        try {
            message = KvCodec.write(++nextRequest, new KvReplica.Write(put.key(), put.value()));
        } catch (IllegalArgumentException e) {
            put.replyTo().tell(new PutResult(false, e.getMessage()));
            return this;
        }
        long requestId = nextRequest;
        puts.put(requestId, put.replyTo());
        ask(replyTo -> new CpgActor.Mcast(handle, Delivery.AGREED, message, replyTo),
                result -> new WriteAnswered(requestId, result));
        return this;
    }

    private Optional<String> refusal() {
        if (!quorate || core.ring().isEmpty() || !core.ring().get().equals(quorumRing)) {
            return Optional.of("inquorate: this node's ring has no quorum (writes are refused until it has)");
        }
        return core.current() ? Optional.empty() : Optional.of("catching up: this replica is being compared or installed");
    }

    private Behavior<Command> onGet(Get get) {
        get.replyTo().tell(core.replica().get(get.key()));
        return this;
    }

    private Behavior<Command> onGetState(GetState request) {
        KvReplica replica = core.replica();
        request.replyTo().tell(new KvState(replica.version(), replica.digest(), replica.size(), core.current(),
                refusal().filter(r -> r.startsWith("inquorate")).isEmpty()));
        return this;
    }

    private Behavior<Command> onQuorumChanged(QuorumChanged message) {
        quorumRing = message.status().ringId().orElse(null);
        quorate = message.status().quorate();
        return this;
    }

    private Behavior<Command> onGroupEvent(GroupEvent message) {
        CpgEvent event = message.notification().event();
        if (event instanceof CpgConfChg change) {
            joined |= change.members().contains(self);
            core.groupChanged(change);
        } else if (event instanceof CpgTotemConfChg ring) {
            core.groupRing(ring.ringId());
        } else if (event instanceof CpgDeliver delivery) {
            delivered(delivery);
        }
        carryOut();
        return this;
    }

    private void delivered(CpgDeliver delivery) {
        Optional<KvCodec.Message> message = KvCodec.decode(delivery.payload());
        if (message.isEmpty()) {
            getContext().getLog().warn("kvstore ignored a message it cannot read from {}", delivery.sender());
        } else if (message.get() instanceof KvCodec.Written written) {
            core.writeDelivered(written.write());
            if (delivery.sender().equals(self)) {
                Optional.ofNullable(puts.remove(written.requestId()))
                        .ifPresent(replyTo -> replyTo.tell(new PutResult(true, "")));
            }
        } else if (message.get() instanceof KvCodec.Had had) {
            core.haveDelivered(delivery.sender(), had.have());
        } else if (message.get() instanceof KvCodec.Snapshotted snapshotted) {
            core.snapshotDelivered(snapshotted.snapshot());
        }
    }

    /** Carries out the core's effects: Haves to multicast, a replica to write, a snapshot to read. */
    private void carryOut() {
        for (KvCore.Effect effect : core.takeEffects()) {
            if (effect instanceof KvCore.SendHave send) {
                while (control.size() > (controlInFlight ? 1 : 0)) {
                    control.pollLast();
                }
                control.addLast(KvCodec.have(send.have()));
            } else if (effect instanceof KvCore.WriteSnapshot write) {
                writeSnapshot(write);
            } else if (effect instanceof KvCore.ReadSnapshot read) {
                readSnapshot(read.snapshot(), 1);
            }
        }
        sendControl();
    }

    private void writeSnapshot(KvCore.WriteSnapshot write) {
        byte[] bytes = KvCodec.replica(write.replica());
        CompletionStage<Void> written = ckpt.create(checkpoint, ATTRIBUTES, OpenFlags.of(OpenFlags.READ | OpenFlags.WRITE))
                .thenCompose(h -> ckpt.overwrite(h, SECTION, bytes)
                        .exceptionallyCompose(failure -> notExist(failure)
                                ? ckpt.createSection(h, SECTION, Times.END, bytes)
                                : CompletableFuture.<Void>failedStage(failure))
                        .whenComplete((done, failure) -> ckpt.close(h)));
        getContext().pipeToSelf(written, (done, failure) -> new SnapshotWritten(write.snapshot(),
                Optional.ofNullable(failure).map(Throwable::getMessage)));
        getContext().getLog().info("kvstore source: writing replica version {} digest {} ({} bytes) to the checkpoint",
                write.replica().version(), write.replica().digest(), bytes.length);
    }

    private Behavior<Command> onSnapshotWritten(SnapshotWritten written) {
        if (written.failure().isPresent()) {
            getContext().getLog().error("kvstore could not write its replica to the checkpoint: {}",
                    written.failure().get());
        } else {
            control.addLast(KvCodec.snapshot(written.snapshot()));
            sendControl();
        }
        return this;
    }

    private void readSnapshot(KvCore.Snapshot snapshot, int attempt) {
        CompletionStage<Optional<KvReplica>> read = ckpt.create(checkpoint, ATTRIBUTES, OpenFlags.of(OpenFlags.READ))
                .thenCompose(h -> ckpt.read(h, List.of(new ReadRange(SECTION, 0, MAX_REPLICA_BYTES)))
                        .whenComplete((data, failure) -> ckpt.close(h)))
                .thenApply(data -> KvCodec.decodeReplica(data.get(0)));
        getContext().pipeToSelf(read, (replica, failure) -> new SnapshotRead(snapshot, attempt,
                failure == null ? replica : Optional.empty()));
    }

    private Behavior<Command> onSnapshotRead(SnapshotRead read) {
        if (read.replica().isPresent() && core.install(read.replica().get())) {
            KvReplica replica = core.replica();
            getContext().getLog().info("kvstore caught up from the checkpoint: version {} digest {}",
                    replica.version(), replica.digest());
        } else if (read.attempt() < MAX_READS) {
            // The checkpoint's write may not have reached this node's replica of it yet.
            timers.startSingleTimer(new ReadAgain(read.snapshot(), read.attempt() + 1), RETRY);
        } else {
            getContext().getLog().warn("kvstore: the checkpoint never held replica version {}; waiting for the next "
                    + "comparison", read.snapshot().version());
        }
        return this;
    }

    private Behavior<Command> onReadAgain(ReadAgain again) {
        readSnapshot(again.snapshot(), again.attempt());
        return this;
    }

    private Behavior<Command> onJoinAnswered(JoinAnswered answer) {
        if (answer.result() == CpgResult.OK) {
            joined = true;
            getContext().getLog().info("kvstore joined group \"{}\" as {}", handle.group(), self);
        } else if (answer.result() == CpgResult.TRY_AGAIN || answer.result() == CpgResult.TIMEOUT) {
            timers.startSingleTimer(Retry.INSTANCE, RETRY);
        } else {
            getContext().getLog().error("kvstore cannot join group \"{}\": {}", handle.group(), answer.result());
        }
        return this;
    }

    private Behavior<Command> onWriteAnswered(WriteAnswered answer) {
        if (answer.result() != CpgResult.OK) {
            Optional.ofNullable(puts.remove(answer.requestId())).ifPresent(replyTo ->
                    replyTo.tell(new PutResult(false, "not multicast: " + answer.result())));
        }
        return this;
    }

    private Behavior<Command> onControlAnswered(ControlAnswered answer) {
        controlInFlight = false;
        if (answer.result() == CpgResult.TRY_AGAIN || answer.result() == CpgResult.TIMEOUT) {
            timers.startSingleTimer(Retry.INSTANCE, RETRY);
        } else {
            control.pollFirst();
            sendControl();
        }
        return this;
    }

    private Behavior<Command> onRetry() {
        if (!joined) {
            join();
        }
        sendControl();
        return this;
    }

    private void join() {
        ask(replyTo -> new CpgActor.Join(handle.group(), handle.pid(), listener, true, replyTo), JoinAnswered::new);
    }

    private void sendControl() {
        if (!controlInFlight && !control.isEmpty()) {
            controlInFlight = true;
            byte[] message = control.peekFirst();
            ask(replyTo -> new CpgActor.Mcast(handle, Delivery.AGREED, message, replyTo), ControlAnswered::new);
        }
    }

    /** Asks the CPG actor (one ask per request: a message adapter per reply class serves only the last one). */
    private void ask(Function<ActorRef<CpgResult>, CpgActor.Command> request, Function<CpgResult, Command> answered) {
        getContext().ask(CpgResult.class, cpg, Cpg.DEFAULT_TIMEOUT, request::apply,
                (result, failure) -> answered.apply(failure == null ? result : CpgResult.TIMEOUT));
    }

    private static boolean notExist(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof CkptException e && e.error() == CkptError.NOT_EXIST;
    }
}
