package io.ringsync.node.cmap;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.TimerScheduler;
import io.ringsync.node.service.NodeContext;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.service.ServiceEnvelope;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.TotemActor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link CmapActor}'s part that runs the {@code cfg} operations a client asks of this node
 * (the actor's helper, run on its thread). A reload or a kill is multicast in the total order,
 * where {@link CfgService} decides it alike on every member; its askers are answered with the
 * outcome, or refused when Totem does not take the request or no outcome arrives within
 * {@link CmapActor#CLUSTER_OP_TIMEOUT} (a ring change may have lost it). A kill is done once its
 * target has left this node's ring; a kill of this node is a shutdown, answered before it leaves.
 */
final class ClusterOps {

    private final ActorContext<CmapActor.Command> context;
    private final TimerScheduler<CmapActor.Command> timers;
    private final ServiceBinding binding;
    private final NodeContext node;
    private final CfgService cfg;
    private final int nodeId;
    private final Map<Long, ActorRef<CmapReply<ReloadOutcome>>> reloadAskers = new HashMap<>();
    private final Map<Integer, List<ActorRef<CmapReply<String>>>> killAskers = new HashMap<>();
    private final ActorRef<TotemActor.MulticastResult> ignoredAnswers;
    private long nextRequestId = 1;

    ClusterOps(ActorContext<CmapActor.Command> context, TimerScheduler<CmapActor.Command> timers,
               ServiceBinding binding, NodeContext node, CfgService cfg, int nodeId) {
        this.context = context;
        this.timers = timers;
        this.binding = binding;
        this.node = node;
        this.cfg = cfg;
        this.nodeId = nodeId;
        this.ignoredAnswers = context.messageAdapter(TotemActor.MulticastResult.class,
                r -> new CmapActor.OpRefused("", r));
    }

    /** Where Totem's answers to multicasts no asker waits on go. */
    ActorRef<TotemActor.MulticastResult> ignoredAnswers() {
        return ignoredAnswers;
    }

    // ---- reload

    void reload(CmapActor.Reload reload) {
        long id = nextRequestId++;
        reloadAskers.put(id, reload.replyTo());
        timers.startSingleTimer("reload-" + id, new CmapActor.OpDeadline("reload-" + id), CmapActor.CLUSTER_OP_TIMEOUT);
        multicast("reload-" + id, new CfgMessage.ReloadRequest(nodeId, id));
    }

    /** Answers the asker of {@code decision} when this node asked for it. */
    void reloadDecided(CfgEffect.ReloadDecided decision) {
        if (decision.origin() == nodeId) {
            timers.cancel("reload-" + decision.requestId());
            ActorRef<CmapReply<ReloadOutcome>> asker = reloadAskers.remove(decision.requestId());
            if (asker != null) {
                asker.tell(CmapReply.ok(new ReloadOutcome(decision.commit(), decision.verdicts(), decision.abortReason())));
            }
        }
    }

    // ---- kill and shutdown

    void kill(CmapActor.Kill kill) {
        if (kill.nodeId() == nodeId) {
            shutdown(new CmapActor.Shutdown(kill.replyTo()));
            return;
        }
        if (!cfg.members().contains(kill.nodeId())) {
            kill.replyTo().tell(CmapReply.refused(CmapError.NOT_EXIST, "node " + kill.nodeId()
                    + " is not a member of this node's ring (members " + cfg.members() + ")"));
            return;
        }
        killAskers.computeIfAbsent(kill.nodeId(), id -> new ArrayList<>()).add(kill.replyTo());
        timers.startSingleTimer("kill-" + kill.nodeId(), new CmapActor.OpDeadline("kill-" + kill.nodeId()),
                CmapActor.CLUSTER_OP_TIMEOUT);
        multicast("kill-" + kill.nodeId(), new CfgMessage.Kill(nodeId, kill.nodeId()));
    }

    /** Answers the askers of a kill of each node of {@code left}, gone from the ring. */
    void answerKills(List<Integer> left) {
        for (int id : left) {
            List<ActorRef<CmapReply<String>>> askers = killAskers.remove(id);
            if (askers != null) {
                timers.cancel("kill-" + id);
                askers.forEach(a -> a.tell(CmapReply.ok("node " + id + " left the ring")));
            }
        }
    }

    void shutdown(CmapActor.Shutdown shutdown) {
        shutdown.replyTo().tell(CmapReply.ok("node " + nodeId + " is leaving the ring and stopping"));
        node.shutdownNode().accept("asked to shut down (ringsync cfg shutdown)");
    }

    // ---- requests through the order

    private void multicast(String op, CfgMessage message) {
        context.ask(TotemActor.MulticastResult.class, binding.totem(), CmapActor.TOTEM_ASK,
                replyTo -> new TotemActor.Multicast(Delivery.AGREED,
                        ServiceEnvelope.app(ServiceId.CMAP, CfgCodec.encode(message)), replyTo),
                (result, failure) -> new CmapActor.OpRefused(op,
                        result == null ? TotemActor.MulticastResult.ACCEPTED : result));
    }

    void refused(CmapActor.OpRefused refused) {
        if (refused.result() != TotemActor.MulticastResult.ACCEPTED) {
            fail(refused.op(), "Totem did not take the request (" + refused.result() + "): retry");
        }
    }

    void deadline(CmapActor.OpDeadline deadline) {
        fail(deadline.op(), "no outcome within " + CmapActor.CLUSTER_OP_TIMEOUT.toSeconds() + " s (a ring change may have "
                + "lost it): check and retry");
    }

    private void fail(String op, String why) {
        if (op.startsWith("reload-")) {
            long id = Long.parseLong(op.substring("reload-".length()));
            timers.cancel(op);
            ActorRef<CmapReply<ReloadOutcome>> asker = reloadAskers.remove(id);
            if (asker != null) {
                asker.tell(CmapReply.refused(CmapError.NOT_EXIST, "reload: " + why));
            }
        } else if (op.startsWith("kill-")) {
            int id = Integer.parseInt(op.substring("kill-".length()));
            timers.cancel(op);
            List<ActorRef<CmapReply<String>>> askers = killAskers.remove(id);
            if (askers != null) {
                askers.forEach(a -> a.tell(CmapReply.refused(CmapError.NOT_EXIST, "kill of node " + id + ": " + why)));
            }
        }
    }
}
