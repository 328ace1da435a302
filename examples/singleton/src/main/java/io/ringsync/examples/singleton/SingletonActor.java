package io.ringsync.examples.singleton;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
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
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import io.ringsync.quorum.QuorumActor;
import io.ringsync.quorum.QuorumStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;

/**
 * The singleton service of one process, composed from the node's actors through {@link Ringsync}:
 * it subscribes to the quorum actor and to Totem's configuration changes, joins the CPG group
 * {@code group} through the CPG actor with itself as the listener, and feeds all of it to a
 * {@link SingletonCore}. While the core says it holds, it acts every {@code actionInterval}: one
 * log line per action with its {@link FencingToken}, and the action multicast into the group,
 * where every member's {@link FencingGate} admits it or refuses it as stale (logged).
 *
 * <p>Log lines (the failover test reads them): {@code singleton start token=T members=[..]},
 * {@code singleton action n=N token=T}, {@code singleton stop token=T reason=R},
 * {@code singleton standby reason=R}, {@code singleton refused ...}.
 *
 * <p>Votes are multicast one at a time, in order, each retried while CPG answers TRY_AGAIN (a sync
 * round runs) or does not answer: the election relies on one process's votes arriving in the order it sent them. An
 * unsent vote is dropped when a newer one supersedes it. Actions are not retried.
 */
public final class SingletonActor extends AbstractBehavior<SingletonActor.Command> {

    /** How soon a refused join or vote is offered again. */
    public static final Duration RETRY = Duration.ofMillis(100);

    /** This actor's protocol: all of it internal (what the node's actors tell it). */
    public sealed interface Command permits QuorumChanged, RingChanged, GroupEvent, JoinAnswered, VoteAnswered,
            ActionAnswered, Retry, Act {
    }

    private record QuorumChanged(QuorumStatus status) implements Command {
    }

    private record RingChanged(TotemEvent.ConfigurationChanged change) implements Command {
    }

    private record GroupEvent(CpgNotification notification) implements Command {
    }

    private record JoinAnswered(CpgResult result) implements Command {
    }

    private record VoteAnswered(CpgResult result) implements Command {
    }

    private record ActionAnswered(CpgResult result) implements Command {
    }

    private enum Retry implements Command { INSTANCE }

    private enum Act implements Command { INSTANCE }

    private final ActorRef<CpgActor.Command> cpg;
    private final String group;
    private final CpgHandle handle;
    private final Duration actionInterval;
    private final TimerScheduler<Command> timers;
    private final CpgMember self;
    private final SingletonCore core;
    private final FencingGate gate = new FencingGate();
    private final ActorRef<CpgNotification> listener;
    private final Deque<byte[]> votes = new ArrayDeque<>();
    private boolean joined;
    private boolean voteInFlight;
    private SingletonCore.Decision last = new SingletonCore.Decision(Optional.empty(), Optional.empty());
    private long actions;

    private SingletonActor(ActorContext<Command> context, TimerScheduler<Command> timers, Ringsync ringsync,
                           String group, Duration actionInterval) {
        super(context);
        this.cpg = ringsync.cpgActor();
        this.group = group;
        this.handle = new CpgHandle(group, ProcessHandle.current().pid());
        this.actionInterval = actionInterval;
        this.timers = timers;
        this.self = new CpgMember(ringsync.nodeId(), handle.pid());
        this.core = new SingletonCore(self);
        this.listener = context.messageAdapter(CpgNotification.class, GroupEvent::new);
        ringsync.quorumActor().tell(new QuorumActor.Subscribe(context.messageAdapter(QuorumStatus.class,
                QuorumChanged::new)));
        ringsync.subscribeConfigurationChanges(context.messageAdapter(TotemEvent.ConfigurationChanged.class,
                RingChanged::new));
        join();
    }

    /** The singleton of the node {@code ringsync} runs, in CPG group {@code group}, acting every {@code actionInterval}. */
    public static Behavior<Command> create(Ringsync ringsync, String group, Duration actionInterval) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new SingletonActor(context, timers, ringsync, group, actionInterval)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(QuorumChanged.class, this::onQuorumChanged)
                .onMessage(RingChanged.class, this::onRingChanged)
                .onMessage(GroupEvent.class, this::onGroupEvent)
                .onMessage(JoinAnswered.class, this::onJoinAnswered)
                .onMessage(VoteAnswered.class, this::onVoteAnswered)
                .onMessage(ActionAnswered.class, this::onActionAnswered)
                .onMessageEquals(Retry.INSTANCE, this::onRetry)
                .onMessageEquals(Act.INSTANCE, this::onAct)
                .build();
    }

    private Behavior<Command> onQuorumChanged(QuorumChanged message) {
        core.quorum(message.status().ringId(), message.status().quorate());
        return decided();
    }

    private Behavior<Command> onRingChanged(RingChanged message) {
        core.totemConfiguration(message.change().kind(), message.change().ringId());
        return decided();
    }

    private Behavior<Command> onGroupEvent(GroupEvent message) {
        CpgEvent event = message.notification().event();
        if (event instanceof CpgConfChg change) {
            joined |= change.members().contains(self); // a join answered TIMEOUT may have taken effect
            core.groupChanged(change);
        } else if (event instanceof CpgTotemConfChg ring) {
            core.groupRing(ring.ringId());
            getContext().getLog().info("singleton view ring={} members={}", ring.ringId(), ring.members());
        } else if (event instanceof CpgDeliver delivery) {
            delivered(delivery);
        }
        return decided();
    }

    private void delivered(CpgDeliver delivery) {
        Optional<SingletonCodec.Message> message = SingletonCodec.decode(delivery.payload());
        if (message.isEmpty()) {
            getContext().getLog().warn("singleton ignored a message it cannot read from {}", delivery.sender());
        } else if (message.get() instanceof SingletonCodec.Voted voted) {
            core.voteDelivered(delivery.sender(), voted.vote());
        } else if (message.get() instanceof SingletonCodec.Action action && !gate.admit(action.token())) {
            getContext().getLog().warn("singleton refused stale action n={} token={} from node {} (highest {})",
                    action.number(), action.token(), delivery.sender().nodeId(), gate.highest().orElseThrow());
        }
    }

    private Behavior<Command> onJoinAnswered(JoinAnswered answer) {
        if (answer.result() == CpgResult.OK) {
            joined = true;
            getContext().getLog().info("singleton joined group \"{}\" as pid {}", group, handle.pid());
        } else if (answer.result() == CpgResult.TRY_AGAIN || answer.result() == CpgResult.TIMEOUT) {
            timers.startSingleTimer(Retry.INSTANCE, RETRY);
        } else {
            getContext().getLog().error("singleton cannot join group \"{}\": {}", group, answer.result());
        }
        return this;
    }

    private Behavior<Command> onVoteAnswered(VoteAnswered answer) {
        voteInFlight = false;
        if (answer.result() == CpgResult.TRY_AGAIN || answer.result() == CpgResult.TIMEOUT) {
            if (votes.size() > 1) {
                votes.pollFirst(); // superseded while refused: only the newest still counts
            }
            timers.startSingleTimer(Retry.INSTANCE, RETRY);
        } else {
            votes.pollFirst();
            sendVote();
        }
        return this;
    }

    private Behavior<Command> onActionAnswered(ActionAnswered answer) {
        if (answer.result() != CpgResult.OK) {
            getContext().getLog().debug("singleton action not multicast: {}", answer.result());
        }
        return this;
    }

    private Behavior<Command> onRetry() {
        if (!joined) {
            join();
        }
        sendVote();
        return this;
    }

    private Behavior<Command> onAct() {
        Optional<FencingToken> token = core.decision().token();
        if (token.isPresent()) {
            actions++;
            getContext().getLog().info("singleton action n={} token={}", actions, token.get());
            byte[] action = SingletonCodec.action(new SingletonCodec.Action(token.get(), actions));
            ask(replyTo -> new CpgActor.Mcast(handle, Delivery.AGREED, action, replyTo), ActionAnswered::new);
        }
        return this;
    }

    /** Sends the core's votes, observes its election, and logs and acts on a change of decision. */
    private Behavior<Command> decided() {
        for (SingletonCore.Vote vote : core.takeVotes()) {
            while (votes.size() > (voteInFlight ? 1 : 0)) {
                votes.pollLast();
            }
            votes.addLast(SingletonCodec.vote(vote));
        }
        sendVote();
        core.elected().ifPresent(gate::observe);
        SingletonCore.Decision now = core.decision();
        if (!now.equals(last)) {
            changed(now);
            last = now;
        }
        return this;
    }

    private void changed(SingletonCore.Decision now) {
        if (last.token().isPresent()) {
            timers.cancel(Act.INSTANCE);
            getContext().getLog().info("singleton stop token={} reason={}", last.token().get(),
                    now.standby().map(Enum::name).orElse("NEW_TOKEN"));
        }
        if (now.token().isPresent()) {
            actions = 0;
            getContext().getLog().info("singleton start token={} members={}", now.token().get(), core.members());
            timers.startTimerAtFixedRate(Act.INSTANCE, Act.INSTANCE, Duration.ZERO, actionInterval);
        } else if (!now.standby().equals(last.standby())) {
            getContext().getLog().info("singleton standby reason={}", now.standby().orElseThrow());
        }
    }

    private void join() {
        ask(replyTo -> new CpgActor.Join(group, handle.pid(), listener, true, replyTo), JoinAnswered::new);
    }

    private void sendVote() {
        if (!voteInFlight && !votes.isEmpty()) {
            voteInFlight = true;
            byte[] vote = votes.peekFirst();
            ask(replyTo -> new CpgActor.Mcast(handle, Delivery.AGREED, vote, replyTo), VoteAnswered::new);
        }
    }

    /**
     * Asks the CPG actor; the answer, or TIMEOUT when none comes, arrives wrapped by {@code answered}.
     * (One ask per request: a message adapter per reply class would serve only the last registered.)
     */
    private void ask(Function<ActorRef<CpgResult>, CpgActor.Command> request, Function<CpgResult, Command> answered) {
        getContext().ask(CpgResult.class, cpg, Cpg.DEFAULT_TIMEOUT, request::apply,
                (result, failure) -> answered.apply(failure == null ? result : CpgResult.TIMEOUT));
    }
}
