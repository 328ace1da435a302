package io.ringsync.node.cmap;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import akka.actor.typed.javadsl.AskPattern;
import java.time.Duration;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The Java API of a node's runtime database and cfg operations, over its {@link CmapActor}: each
 * call asks the actor; a refusal completes the stage exceptionally with a {@link CmapException}
 * (its {@link CmapError} and a one-line reason).
 */
public final class Cmap {

    private final ActorRef<CmapActor.Command> actor;
    private final Scheduler scheduler;
    private final Duration timeout;

    /**
     * @param actor     the node's CMAP actor
     * @param scheduler the actor system's scheduler
     * @param timeout   how long a read, write or track may take
     */
    public Cmap(ActorRef<CmapActor.Command> actor, Scheduler scheduler, Duration timeout) {
        this.actor = actor;
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    /** The value of {@code key}. */
    public CompletionStage<CmapValue> get(String key) {
        return ask(replyTo -> new CmapActor.GetValue(key, replyTo), timeout);
    }

    /** Every key under {@code prefix} ("" for all), sorted. */
    public CompletionStage<SortedMap<String, CmapValue>> list(String prefix) {
        return AskPattern.ask(actor, replyTo -> new CmapActor.ListKeys(prefix, replyTo), timeout, scheduler);
    }

    /** Sets writable key {@code key}. */
    public CompletionStage<Done> set(String key, CmapValue value) {
        return ask(replyTo -> new CmapActor.SetValue(key, value, replyTo), timeout);
    }

    /** Deletes writable key {@code key}. */
    public CompletionStage<Done> delete(String key) {
        return ask(replyTo -> new CmapActor.DeleteKey(key, replyTo), timeout);
    }

    /** Tells {@code subscriber} each event of {@code kinds} on {@code key} (under it when {@code prefix}); the track id. */
    public CompletionStage<Long> track(String key, boolean prefix, Set<CmapEvent.Kind> kinds, ActorRef<CmapEvent> subscriber) {
        return ask(replyTo -> new CmapActor.Track(key, prefix, kinds, subscriber, replyTo), timeout);
    }

    /** A track whose events wait for {@link #poll}; its id. */
    public CompletionStage<Long> trackPolled(String key, boolean prefix, Set<CmapEvent.Kind> kinds) {
        return ask(replyTo -> new CmapActor.TrackPolled(key, prefix, kinds, replyTo), timeout);
    }

    /** The events of polled track {@code trackId}, waiting up to {@code maxWait} for one. */
    public CompletionStage<PolledEvents> poll(long trackId, Duration maxWait) {
        return ask(replyTo -> new CmapActor.Poll(trackId, maxWait, replyTo), timeout.plus(maxWait));
    }

    /** Removes track {@code trackId}. */
    public CompletionStage<Done> untrack(long trackId) {
        return ask(replyTo -> new CmapActor.Untrack(trackId, replyTo), timeout);
    }

    /** Reloads every member's config file ({@code corosync-cfgtool -R}); the outcome, the same on every member. */
    public CompletionStage<ReloadOutcome> reload() {
        return ask(CmapActor.Reload::new, CmapActor.CLUSTER_OP_TIMEOUT.plus(timeout));
    }

    /** Makes node {@code nodeId} leave and stop ({@code corosync-cfgtool -k}); done once it has left this node's ring. */
    public CompletionStage<String> kill(int nodeId) {
        return ask(replyTo -> new CmapActor.Kill(nodeId, replyTo), CmapActor.CLUSTER_OP_TIMEOUT.plus(timeout));
    }

    /** Makes this node leave gracefully and stop; done before it does. */
    public CompletionStage<String> shutdown() {
        return ask(CmapActor.Shutdown::new, timeout);
    }

    private <T> CompletionStage<T> ask(Function<ActorRef<CmapReply<T>>, CmapActor.Command> request, Duration within) {
        return AskPattern.ask(actor, request::apply, within, scheduler).thenCompose(reply -> reply.ok()
                ? CompletableFuture.completedFuture(reply.value())
                : CompletableFuture.failedFuture(new CmapException(reply.error(), reply.message())));
    }
}
