package io.ringsync.node.cmap;

import akka.actor.typed.javadsl.ActorContext;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemRuntimeConfig;
import io.ringsync.protocol.totem.TotemStats;

/**
 * The {@link CmapActor}'s part that copies what Totem reports into the store (the actor's helper,
 * run on its thread): {@code stats.srp.*} ({@link StatsKeys}), read from Totem before each read
 * that covers them and every {@value CmapActor#STATS_POLL_MS} ms while a tracker covers them;
 * {@code runtime.config.totem.*} ({@link ConfigKeys#RUNTIME_TOTEM}) and {@link #TOTEM_PENDING},
 * the values Totem runs with, asked for when they may have changed (a ring, a reload).
 */
final class TotemReports {

    /** Set while reloaded Totem values wait for the next ring. */
    static final String TOTEM_PENDING = "runtime.config.reload.totem_pending";

    private final ActorContext<CmapActor.Command> context;
    private final ServiceBinding binding;
    private final CmapStore store;
    private final CmapClients clients;

    TotemReports(ActorContext<CmapActor.Command> context, ServiceBinding binding, CmapStore store, CmapClients clients) {
        this.context = context;
        this.binding = binding;
        this.store = store;
        this.clients = clients;
        store.put(TOTEM_PENDING, CmapValue.flag(false));
    }

    // ---- stats.srp.*

    /** Whether keys under {@code prefix} may be {@code stats.*} keys. */
    static boolean overlapsStats(String prefix) {
        return prefix.startsWith("stats.") || "stats.".startsWith(prefix);
    }

    /** Answers {@code get}, once the stats are read from Totem when it is for one of them. */
    void read(CmapActor.GetValue get) {
        readStatsFirst(get.key().startsWith("stats."), get);
    }

    /** Answers {@code list}, once the stats are read from Totem when its prefix covers them. */
    void read(CmapActor.ListKeys list) {
        readStatsFirst(overlapsStats(list.prefix()), list);
    }

    /** Reads the stats from Totem when a tracker covers them (their trackers learn of each change). */
    void pollTrackedStats() {
        boolean statsTracked = store.tracks().stream().anyMatch(t -> t.prefix() ? overlapsStats(t.key())
                : t.key().startsWith("stats."));
        if (statsTracked) {
            readStatsFirst(true, null);
        }
    }

    private void readStatsFirst(boolean needed, CmapActor.Command request) {
        if (!needed) {
            clients.answer(request);
            return;
        }
        context.ask(TotemStats.class, binding.totem(), CmapActor.TOTEM_ASK, TotemActor.GetStats::new,
                (stats, failure) -> new CmapActor.StatsRead(stats, request));
    }

    /** Puts the stats Totem answered (if it did), then answers the request that waited for them. */
    void statsRead(CmapActor.StatsRead read) {
        if (read.stats() != null) {
            clients.dispatch(store.replacePrefix(StatsKeys.PREFIX, StatsKeys.of(read.stats())));
        }
        if (read.then() != null) {
            clients.answer(read.then());
        }
    }

    // ---- runtime.config.totem.*

    /** Asks Totem which values it runs with, for {@code runtime.config.totem.*}. */
    void askRuntimeConfig() {
        context.ask(TotemRuntimeConfig.class, binding.totem(), CmapActor.TOTEM_ASK, TotemActor.GetRuntimeConfig::new,
                (config, failure) -> new CmapActor.RuntimeConfigIn(config));
    }

    /** Puts the values Totem runs with (when it answered), and whether reloaded ones wait for the next ring. */
    void runtimeConfig(CmapActor.RuntimeConfigIn in) {
        if (in.config() != null) {
            clients.dispatch(store.replacePrefix(ConfigKeys.RUNTIME_TOTEM,
                    ConfigKeys.runtimeTotem(in.config().totem(), in.config().nodeCount())));
            clients.dispatch(store.put(TOTEM_PENDING, CmapValue.flag(in.config().changePending())));
        }
    }
}
