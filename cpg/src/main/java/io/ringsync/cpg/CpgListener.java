package io.ringsync.cpg;

import akka.actor.typed.ActorRef;

/**
 * One stream of CPG events for several memberships, as {@link Cpg#listener} makes it: a client
 * that joins several groups with one listener gets the events of all of them one at a time, in
 * the one total order across the groups that every node delivers (Corosync's libcpg gives a
 * client one dispatch queue per handle, so a process sees its groups' events interleaved as the
 * ring ordered them). Separate listeners, one per join, only keep each group's own order.
 *
 * <p>{@link #close()} ends the client: every membership joined with this listener and not left
 * leaves with PROCDOWN, as when a client process exits without leaving.
 */
public final class CpgListener implements AutoCloseable {

    private final ActorRef<CpgNotification> actor;

    CpgListener(ActorRef<CpgNotification> actor) {
        this.actor = actor;
    }

    /** The actor that calls the listener; the {@link CpgActor.Join#listener()} of each join made with it. */
    public ActorRef<CpgNotification> actor() {
        return actor;
    }

    /** Stops the listener: its memberships still joined leave with PROCDOWN, and it is called no more. */
    @Override
    public void close() {
        actor.unsafeUpcast().tell(Cpg.Stop.INSTANCE);
    }
}
