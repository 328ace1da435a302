package io.ringsync.node.service;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import io.ringsync.node.ipc.IpcHandler;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.service.ServiceId;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One replicated service as the node runs it (STYLE.md 8: every service plugs in the same way):
 * its id, the actor the guardian spawns and supervises from a {@link ServiceBinding} (and, for a
 * service that needs them, the {@link NodeContext}), and the handler of its IPC operations, named
 * {@code <prefix>.<op>} (e.g. {@code quorum.status}); the prefix is the service's {@link #name()},
 * and the handler also answers the {@code extraIpcPrefixes} (CMAP's handler answers {@code cfg.*}).
 *
 * @param id               the service's id on Totem; also the sync barrier waits for it
 * @param starter          the service's actor, given the node's binding to Totem and its context
 * @param ipcHandler       the handler of the service's IPC operations, given its actor and the system
 * @param extraIpcPrefixes further operation prefixes the handler answers
 * @param <T>              the service actor's command type
 */
public record NodeService<T>(ServiceId id, BiFunction<ServiceBinding, NodeContext, Behavior<T>> starter,
                             BiFunction<ActorRef<T>, ActorSystem<?>, IpcHandler> ipcHandler,
                             List<String> extraIpcPrefixes) {

    /** Copies the prefixes. */
    public NodeService {
        extraIpcPrefixes = List.copyOf(extraIpcPrefixes);
    }

    /** A service whose actor needs only its binding, answering the operations of its own prefix. */
    public NodeService(ServiceId id, Function<ServiceBinding, Behavior<T>> behavior,
                       BiFunction<ActorRef<T>, ActorSystem<?>, IpcHandler> ipcHandler) {
        this(id, (binding, context) -> behavior.apply(binding), ipcHandler, List.of());
    }

    /** The actor's name and the prefix of the IPC operations: the id in lower case. */
    public String name() {
        return id.name().toLowerCase(Locale.ROOT);
    }
}
