package io.ringsync.cpg;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Java API of a node's CPG, over its {@link CpgActor}. Every call returns a
 * {@link CompletionStage}: it completes with the value on success, and exceptionally with a
 * {@link CpgException} carrying the {@link CpgResult} otherwise (TIMEOUT when the actor did not
 * answer within the ask timeout). A join gives a {@link CpgGroupHandle} for mcast, leave,
 * membership and context; its listener is called, one event at a time in the total order, on an
 * actor of the node's system.
 */
public final class Cpg {

    /** The default time a call waits for the CPG actor (which itself waits up to {@link CpgActor#TOTEM_TIMEOUT}). */
    public static final Duration DEFAULT_TIMEOUT = CpgActor.TOTEM_TIMEOUT.plusSeconds(5);

    private static final AtomicLong LISTENERS = new AtomicLong();

    private final ActorRef<CpgActor.Command> actor;
    private final ActorSystem<?> system;
    private final Duration timeout;

    private Cpg(ActorRef<CpgActor.Command> actor, ActorSystem<?> system, Duration timeout) {
        this.actor = actor;
        this.system = system;
        this.timeout = timeout;
    }

    /** The API of the CPG actor {@code actor} running in {@code system}. */
    public static Cpg of(ActorRef<CpgActor.Command> actor, ActorSystem<?> system) {
        return new Cpg(actor, system, DEFAULT_TIMEOUT);
    }

    /** This JVM's process id, the pid of {@link #join(String, Consumer)}. */
    public static long jvmPid() {
        return ProcessHandle.current().pid();
    }

    /** Joins {@code group} as this JVM's process; see {@link #join(String, long, boolean, Consumer)}. */
    public CompletionStage<CpgGroupHandle> join(String group, Consumer<CpgNotification> listener) {
        return join(group, jvmPid(), false, listener);
    }

    /**
     * Joins {@code group} as process {@code pid} (one membership per group and pid on a node, so
     * several embedded processes of one JVM use distinct pids). {@code listener} gets the
     * process's events, the current ring first with {@code initialTotemConf}, on a listener of its
     * own (so only this group's order ties it to other listeners; see {@link CpgListener}). The
     * handle's {@link CpgGroupHandle#close()} ends the process: if still a member, it leaves with
     * PROCDOWN.
     */
    public CompletionStage<CpgGroupHandle> join(String group, long pid, boolean initialTotemConf,
                                                Consumer<CpgNotification> listener) {
        return join(group, pid, initialTotemConf, listener(listener), true);
    }

    /**
     * Joins {@code group} as process {@code pid} with a {@link CpgListener} that may serve other
     * memberships too: all of them are told their events in the one total order across groups.
     * The handle's {@link CpgGroupHandle#close()} ends this membership alone (PROCDOWN if still a
     * member); closing the listener ends all of them.
     */
    public CompletionStage<CpgGroupHandle> join(String group, long pid, boolean initialTotemConf,
                                                CpgListener listener) {
        return join(group, pid, initialTotemConf, listener, false);
    }

    /**
     * A listener for several memberships ({@link #join(String, long, boolean, CpgListener)}):
     * {@code listener} is called with their events one at a time, in the total order, on an actor
     * of the node's system; a call that throws is logged and the next event follows.
     */
    public CpgListener listener(Consumer<CpgNotification> listener) {
        return new CpgListener(system.systemActorOf(listening(listener), "cpg-listener-" + LISTENERS.incrementAndGet(),
                Props.empty()));
    }

    private CompletionStage<CpgGroupHandle> join(String group, long pid, boolean initialTotemConf, CpgListener listener,
                                                 boolean ownListener) {
        CompletionStage<CpgResult> joined = ask(replyTo -> new CpgActor.Join(group, pid, listener.actor(),
                initialTotemConf, replyTo));
        return joined.handle((result, failure) -> {
            CpgResult outcome = failure == null ? result : CpgResult.TIMEOUT;
            if (outcome != CpgResult.OK) {
                if (ownListener) {
                    listener.close();
                }
                throw new CpgException("join of \"" + group + "\" as pid " + pid, outcome);
            }
            return new CpgGroupHandle(this, new CpgHandle(group, pid), ownListener ? listener : null);
        });
    }

    /** The members of {@code group} (empty when it does not exist). */
    public CompletionStage<List<CpgMember>> membership(String group) {
        return this.<CpgGroupMembers>ask(replyTo -> new CpgActor.MembershipGet(group, replyTo))
                .thenApply(CpgGroupMembers::members);
    }

    /** This node's id. */
    public CompletionStage<Integer> localNodeId() {
        return ask(CpgActor.LocalGet::new);
    }

    /** Every group and its members, by name. */
    public CompletionStage<List<CpgGroupMembers>> groups() {
        return this.<CpgActor.Groups>ask(CpgActor.IterateGroups::new).thenApply(CpgActor.Groups::groups);
    }

    /** Asks the actor; a timeout completes exceptionally with a {@link CpgException} of TIMEOUT. */
    <T> CompletionStage<T> ask(Function<ActorRef<T>, CpgActor.Command> request) {
        return AskPattern.ask(actor, request::apply, timeout, system.scheduler())
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof TimeoutException) {
                        throw new CpgException("the CPG service did not answer within " + timeout.toMillis()
                                + " ms", CpgResult.TIMEOUT);
                    }
                    throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
                });
    }

    /** Tells the actor {@code command}, which has no answer. */
    void tell(CpgActor.Command command) {
        actor.tell(command);
    }

    /** Asks the actor for a {@link CpgResult}; anything but OK completes exceptionally. */
    CompletionStage<Void> request(String what, Function<ActorRef<CpgResult>, CpgActor.Command> request) {
        return ask(request).thenAccept(result -> {
            if (result != CpgResult.OK) {
                throw new CpgException(what, result);
            }
        });
    }

    /** Tells a listener actor to stop. */
    enum Stop { INSTANCE }

    /** Calls {@code listener} with each notification; stops on {@link Stop}. A failing call is logged. */
    private static Behavior<CpgNotification> listening(Consumer<CpgNotification> listener) {
        return Behaviors.setup(context -> Behaviors.<Object>receive(Object.class)
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .onMessage(CpgNotification.class, notification -> {
                    try {
                        listener.accept(notification);
                    } catch (RuntimeException e) {
                        context.getLog().warn("a CPG listener failed on {}: {}", notification.event(), e.toString());
                    }
                    return Behaviors.same();
                })
                .build()).narrow();
    }
}
