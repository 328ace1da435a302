package io.ringsync.node;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.PreRestart;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.ipc.IpcAccess;
import io.ringsync.node.ipc.IpcCounters;
import io.ringsync.node.ipc.IpcHandler;
import io.ringsync.node.ipc.IpcServer;
import io.ringsync.node.ipc.NodeIpcHandler;
import io.ringsync.protocol.link.LinkMonitorActor;
import io.ringsync.protocol.link.LinkStatusReport;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemStatus;
import io.ringsync.protocol.totem.TotemStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The actor that owns the node's {@link IpcServer}: binds the socket when it starts, closes it
 * (and removes the socket file) when it stops or restarts. Requests are served on the
 * server's own threads and reach other actors by ask. Clients are admitted by
 * {@link IpcAccess#of} the system settings; the IPC counters start at zero with each start.
 */
public final class IpcEndpoint extends AbstractBehavior<IpcEndpoint.Command> {

    /** The endpoint takes no messages today; the protocol is here for the ones to come. */
    public interface Command {
    }

    /** Told to the creator each time the socket is bound (at start and after every restart). */
    public record Bound(Path socket) {
    }

    private final IpcServer server;

    private IpcEndpoint(ActorContext<Command> context, IpcServer server) {
        super(context);
        this.server = server;
    }

    /**
     * Binds {@code settings.system().ipcSocket()}, tells {@code bound}, and answers status from
     * {@code linkMonitor} and {@code totem}, and the operations {@code <prefix>.<op>} with the
     * service handler of that prefix in {@code services}.
     */
    public static Behavior<Command> create(RingsyncSettings settings, ActorRef<LinkMonitorActor.Command> linkMonitor,
            ActorRef<TotemActor.Command> totem, Map<String, IpcHandler> services, ActorRef<Bound> bound) {
        return Behaviors.setup(context -> {
            IpcServer server = startServer(context, settings, linkMonitor, totem, services);
            bound.tell(new Bound(server.path()));
            return new IpcEndpoint(context, server);
        });
    }

    private static IpcServer startServer(ActorContext<Command> context, RingsyncSettings settings,
            ActorRef<LinkMonitorActor.Command> linkMonitor, ActorRef<TotemActor.Command> totem,
            Map<String, IpcHandler> services) throws IOException {
        IpcCounters counters = new IpcCounters();
        NodeIpcHandler handler = new NodeIpcHandler(settings.nodeId(), settings.clusterName(),
                () -> askStatus(context, linkMonitor), () -> askTotem(context, totem), counters::snapshot, services);
        return IpcServer.start(settings.system().ipcSocket(), settings.system().ipcSocketMode(), handler,
                "node" + settings.nodeId(), IpcAccess.of(settings.system(), settings.nodeId()), counters);
    }

    private static CompletionStage<LinkStatusReport> askStatus(ActorContext<Command> context,
            ActorRef<LinkMonitorActor.Command> linkMonitor) {
        return AskPattern.ask(linkMonitor, LinkMonitorActor.GetStatus::new, NodeIpcHandler.STATUS_TIMEOUT,
                context.getSystem().scheduler());
    }

    private static CompletionStage<TotemStatus> askTotem(ActorContext<Command> context,
            ActorRef<TotemActor.Command> totem) {
        CompletionStage<TotemStats> stats = AskPattern.ask(totem, TotemActor.GetStats::new,
                NodeIpcHandler.STATUS_TIMEOUT, context.getSystem().scheduler());
        return stats.thenApply(TotemStatus::of);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onSignal(PreRestart.class, signal -> onStop())
                .onSignal(PostStop.class, signal -> onStop())
                .build();
    }

    private Behavior<Command> onStop() {
        server.close();
        return this;
    }
}
