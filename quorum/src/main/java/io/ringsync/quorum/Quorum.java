package io.ringsync.quorum;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import akka.actor.typed.javadsl.AskPattern;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The Java API of a node's quorum service, over its {@link QuorumActor}: read the status, wait for
 * quorum, change expected votes or a node's votes, cancel wait_for_all, and subscribe an actor to
 * every change. Each call asks the actor; a change completes once applied in the total order, or
 * with the reason it was refused.
 */
public final class Quorum {

    private final ActorRef<QuorumActor.Command> actor;
    private final Scheduler scheduler;
    private final Duration timeout;

    /**
     * @param actor     the node's quorum actor
     * @param scheduler the actor system's scheduler
     * @param timeout   how long a status read or a change may take
     */
    public Quorum(ActorRef<QuorumActor.Command> actor, Scheduler scheduler, Duration timeout) {
        this.actor = actor;
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    /** The current status. */
    public CompletionStage<QuorumStatus> status() {
        return AskPattern.ask(actor, QuorumActor.GetStatus::new, timeout, scheduler);
    }

    /** The status once the cluster is quorate; fails when it is not within {@code within}. */
    public CompletionStage<QuorumStatus> awaitQuorate(Duration within) {
        return AskPattern.ask(actor, QuorumActor.AwaitQuorate::new, within, scheduler);
    }

    /** Sets every member's expected votes. */
    public CompletionStage<QuorumActor.ChangeResult> setExpected(int expected) {
        return AskPattern.ask(actor, replyTo -> new QuorumActor.SetExpected(expected, replyTo), change(), scheduler);
    }

    /** Sets node {@code nodeId}'s votes (0: this node). */
    public CompletionStage<QuorumActor.ChangeResult> setVotes(int nodeId, int votes) {
        return AskPattern.ask(actor, replyTo -> new QuorumActor.SetVotes(nodeId, votes, replyTo), change(), scheduler);
    }

    /** Ends wait_for_all's wait on every member. */
    public CompletionStage<QuorumActor.ChangeResult> cancelWaitForAll() {
        return AskPattern.ask(actor, QuorumActor.CancelWaitForAll::new, change(), scheduler);
    }

    /** Sends {@code subscriber} the current status and every change after. */
    public void subscribe(ActorRef<QuorumStatus> subscriber) {
        actor.tell(new QuorumActor.Subscribe(subscriber));
    }

    /** Stops sending {@code subscriber} statuses. */
    public void unsubscribe(ActorRef<QuorumStatus> subscriber) {
        actor.tell(new QuorumActor.Unsubscribe(subscriber));
    }

    /** A change may wait for the order as long as the actor does, and a little more. */
    private Duration change() {
        return QuorumActor.APPLY_TIMEOUT.plus(timeout);
    }
}
