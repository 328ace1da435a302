package io.ringsync.node.service;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.link.LinkMonitorActor;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.transport.TransportActor;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The settings a node's transport, link monitor and Totem run with, which a committed
 * {@code cfg reload} changes at runtime (Corosync's reload of the nodelist and the totem section):
 * {@link #apply} tells each of them the new settings, and a child restarted afterwards (by its
 * supervisor) starts from them, not from the file the node was started with ({@link #starting}).
 * What each part takes from a change is its own rule: the transport and the link monitor follow the
 * nodelist at once, Totem the nodelist at once and its timers from the next ring. Services that
 * read their settings at start (the quorum service's votes and expected votes) start from
 * {@link #current} too when they restart.
 */
public final class LiveSettings {

    private final AtomicReference<RingsyncSettings> current;
    private volatile ActorRef<TransportActor.Command> transport;
    private volatile ActorRef<LinkMonitorActor.Command> linkMonitor;
    private volatile ActorRef<TotemActor.Command> totem;

    /** Settings that start as {@code initial}. */
    public LiveSettings(RingsyncSettings initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** The settings the node runs with now. */
    public RingsyncSettings current() {
        return current.get();
    }

    /** A behavior that, at each (re)start, is {@code create} of the settings current then. */
    public <T> Behavior<T> starting(Function<RingsyncSettings, Behavior<T>> create) {
        return Behaviors.setup(context -> create.apply(current.get()));
    }

    /** The children {@link #apply} tells (references stable across their restarts). */
    public void attach(ActorRef<TransportActor.Command> transportRef, ActorRef<LinkMonitorActor.Command> linkMonitorRef,
                       ActorRef<TotemActor.Command> totemRef) {
        this.transport = transportRef;
        this.linkMonitor = linkMonitorRef;
        this.totem = totemRef;
    }

    /** The node's transport (its reference is stable across restarts), once attached. */
    public Optional<ActorRef<TransportActor.Command>> transport() {
        return Optional.ofNullable(transport);
    }

    /**
     * The node runs with {@code next} from now on. When its nodelist or Totem section differ from
     * the current ones, the nodelist goes to the transport, the link monitor and Totem, the Totem
     * section to Totem. The caller keeps in {@code next} everything a restart alone changes as it
     * was.
     */
    public void apply(RingsyncSettings next) {
        RingsyncSettings before = current.getAndSet(next);
        if (before.nodelist().equals(next.nodelist()) && before.totem().equals(next.totem())) {
            return;
        }
        if (transport == null) {
            throw new IllegalStateException("the node's transport, link monitor and Totem are not attached");
        }
        transport.tell(new TransportActor.ChangeNodelist(next.nodelist()));
        linkMonitor.tell(new LinkMonitorActor.ChangeNodelist(next.nodelist()));
        totem.tell(new TotemActor.ChangeConfig(next));
    }
}
