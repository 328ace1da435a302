package io.ringsync.node.cmap;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.TimerScheduler;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.logging.LoggingSetup;
import io.ringsync.node.service.NodeContext;
import io.ringsync.protocol.crypto.AuthKey;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.quorum.QuorumActor;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link CmapActor}'s part that takes this node through each {@code cfg reload} (the actor's
 * helper, run on its thread; the asker's side is {@link ClusterOps}). At the vote it validates
 * this node's reloaded file ({@link ReloadCandidates}) and multicasts the verdict; at the
 * decision, when committed, it applies the new settings: the config keys, the live settings,
 * the nodelist, Totem timers and expected votes ({@link NodelistReload}), the logging, this
 * node's votes, and the frame key rollover ({@link KeyRollover}, the old key retired
 * {@link KeyRollover#GRACE} later). It keeps the configuration keys ({@link ConfigKeys}) and the
 * reload status: {@code config.reload_in_progress} and {@code runtime.config.reload.count},
 * {@code .last_result}, {@code .last_reason}.
 */
final class ConfigReload {

    private final ActorContext<CmapActor.Command> context;
    private final TimerScheduler<CmapActor.Command> timers;
    private final ServiceBinding binding;
    private final NodeContext node;
    private final CmapStore store;
    private final CmapClients clients;
    private final TotemReports reports;
    private final CfgService cfg;
    private final MemberKeys members;
    private final ReloadCandidates reloads;
    private final ActorRef<TotemActor.MulticastResult> ignoredAnswers;
    private long reloadCount;

    /** Puts the configuration keys of {@code settings} and the reload status of a node that has not reloaded. */
    ConfigReload(ActorContext<CmapActor.Command> context, TimerScheduler<CmapActor.Command> timers,
                 ServiceBinding binding, NodeContext node, RingsyncSettings settings, CmapStore store,
                 CmapClients clients, TotemReports reports, CfgService cfg, MemberKeys members,
                 ActorRef<TotemActor.MulticastResult> ignoredAnswers) {
        this.context = context;
        this.timers = timers;
        this.binding = binding;
        this.node = node;
        this.store = store;
        this.clients = clients;
        this.reports = reports;
        this.cfg = cfg;
        this.members = members;
        this.reloads = new ReloadCandidates(settings, node.keyRing());
        this.ignoredAnswers = ignoredAnswers;
        putConfig(settings, true);
        store.put("config.reload_in_progress", CmapValue.flag(false));
        store.put("runtime.config.reload.count", CmapValue.u32(0));
        store.replacePrefix(KeyRollover.PREFIX, reloads.cryptoKeys());
    }

    /** The settings the node runs with. */
    RingsyncSettings running() {
        return reloads.running();
    }

    /** Validates this node's file for the reload asked and multicasts this node's verdict on it. */
    void vote(CfgEffect.ValidateReload validate) {
        ReloadVerdict verdict = reloads.validate(validate.origin(), validate.requestId(), cfg.members());
        context.getLog().info("cmap: reload {}/{} asked: this node's file is {}", validate.origin(),
                validate.requestId(), verdict.valid() ? "valid" : "invalid: " + String.join("; ", verdict.problems()));
        clients.dispatch(store.put("config.reload_in_progress", CmapValue.flag(true)));
        clients.dispatch(store.replacePrefix(KeyRollover.PREFIX, reloads.cryptoKeys()));
        binding.multicast(ServiceId.CMAP, Delivery.AGREED, cfg.vote(validate.origin(), validate.requestId(), verdict),
                ignoredAnswers);
    }

    /** Applies a committed reload (a plan this node validated), then records the outcome in the reload status. */
    void decided(CfgEffect.ReloadDecided decision) {
        boolean applied = reloads.decided(decision.origin(), decision.requestId(), decision.commit())
                .map(this::apply).isPresent();
        reloads.keyDecided(decision.origin(), decision.requestId(), decision.commit()).ifPresent(keyId ->
                timers.startSingleTimer("retire-key", new CmapActor.RetireKey(keyId), KeyRollover.GRACE));
        clients.dispatch(store.replacePrefix(KeyRollover.PREFIX, reloads.cryptoKeys()));
        String result = decision.commit() ? (applied ? "applied" : "committed elsewhere") : "not applied";
        String why = !decision.abortReason().isEmpty() ? decision.abortReason() : decision.verdicts().stream()
                .filter(v -> !v.valid()).map(v -> "node " + v.nodeId() + ": " + String.join("; ", v.problems()))
                .findFirst().orElse("");
        reloadCount++;
        clients.dispatch(store.put("runtime.config.reload.count", CmapValue.u32(reloadCount)));
        clients.dispatch(store.put("runtime.config.reload.last_result", CmapValue.str(result)));
        clients.dispatch(store.put("runtime.config.reload.last_reason", CmapValue.str(why)));
        clients.dispatch(store.put("config.reload_in_progress", CmapValue.flag(reloads.inProgress())));
        context.getLog().info("cmap: reload {}/{} {}{}", decision.origin(), decision.requestId(), result,
                why.isEmpty() ? "" : ": " + why);
    }

    /**
     * Applies a committed plan: the config keys, the logging, this node's votes, and the nodelist,
     * Totem timers and expected votes ({@link NodelistReload}).
     */
    private ReloadPlan apply(ReloadPlan plan) {
        RingsyncSettings next = plan.next();
        putConfig(next, false);
        node.live().apply(next);
        if (NodelistReload.touchesMembership(plan.verdict().applied())) {
            clients.dispatch(store.replacePrefix(MemberKeys.PREFIX, members.nodelist(next)));
            reports.askRuntimeConfig();
        }
        plan.expectedVotes().ifPresent(expected -> node.quorum().ifPresent(quorum -> quorum.tell(
                new QuorumActor.ReloadExpected(expected, context.messageAdapter(QuorumActor.ChangeResult.class,
                        CmapActor.VotesApplied::new)))));
        if (!plan.verdict().applied().stream().filter(line -> line.startsWith("logging.")).toList().isEmpty()
                && !LoggingSetup.reconfigure(next.logging())) {
            context.getLog().info("cmap: logging of this JVM is not the node's own: new levels not applied");
        }
        plan.localVotes().ifPresent(votes -> node.quorum().ifPresent(quorum -> quorum.tell(new QuorumActor.SetVotes(0,
                votes, context.messageAdapter(QuorumActor.ChangeResult.class, CmapActor.VotesApplied::new)))));
        return plan;
    }

    /** The key rollover's last step, {@link KeyRollover#GRACE} after its commit. */
    void retireKey(CmapActor.RetireKey retire) {
        reloads.retireKey(retire.keyId());
        clients.dispatch(store.replacePrefix(KeyRollover.PREFIX, reloads.cryptoKeys()));
        context.getLog().info("cmap: frame key rollover done: key {} only is accepted from now on",
                AuthKey.hex(retire.keyId()));
    }

    void votesApplied(CmapActor.VotesApplied applied) {
        if (!applied.result().applied()) {
            context.getLog().warn("cmap: reload: the quorum service refused a reloaded value: {}",
                    applied.result().error());
        }
    }

    /**
     * The configuration keys of {@code settings}; {@code runtime.config.totem.*} too only
     * {@code atStart}: after that they are Totem's own report ({@link TotemReports#askRuntimeConfig}),
     * since a reload's timers run only from the next ring.
     */
    private void putConfig(RingsyncSettings settings, boolean atStart) {
        Map<String, CmapValue> keys = ConfigKeys.of(settings);
        for (String section : ConfigKeys.SECTIONS) {
            if (!atStart && section.equals(ConfigKeys.RUNTIME_TOTEM)) {
                continue;
            }
            Map<String, CmapValue> part = new TreeMap<>();
            keys.forEach((key, value) -> {
                if (key.startsWith(section) && (section.startsWith("runtime.") || !key.startsWith("runtime."))) {
                    part.put(key, value);
                }
            });
            clients.dispatch(store.replacePrefix(section, part));
        }
    }
}
