package io.ringsync.node.service;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import io.ringsync.node.ipc.IpcHandler;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.service.ServiceId;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One replicated service as the node runs it (STYLE.md 8: every service plugs in the same way):
 * its id, the actor the guardian spawns and supervises from a {@link ServiceBinding}, and the
 * handler of its IPC operations, named {@code <prefix>.<op>} (e.g. {@code quorum.status}).
 *
 * @param id         the service's id on Totem; also the sync barrier waits for it
 * @param behavior   the service's actor, given the node's binding to Totem
 * @param ipcHandler the handler of the service's IPC operations, given its actor and the system
 * @param <T>        the service actor's command type
 */
public record NodeService<T>(ServiceId id, Function<ServiceBinding, Behavior<T>> behavior,
                             BiFunction<ActorRef<T>, ActorSystem<?>, IpcHandler> ipcHandler) {

    /** The actor's name and the prefix of the IPC operations: the id in lower case. */
    public String name() {
        return id.name().toLowerCase(Locale.ROOT);
    }
}
