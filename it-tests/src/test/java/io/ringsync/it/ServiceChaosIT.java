package io.ringsync.it;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Chaos scenarios of the normal suite (a few minutes in all), each under cpg verify traffic,
 * CKPT writes and quorum watches from every node, with the checks of {@link ChaosScenario}; the
 * others are in {@link FullChaosIT}. Logs stay in {@code target/it-output/ServiceChaosIT-*}.
 */
class ServiceChaosIT {

    /** The services' actors and Totem's, killed in turn inside node 2. */
    static final List<String> ACTORS = List.of("/user/totem", "/user/transport", "/user/cpg", "/user/quorum",
            "/user/ckpt");

    /** kill -9 of one node of three under load, a write on the survivors, then its restart. */
    @Test
    void oneOfThreeKilledUnderLoadThenRestarted() throws Exception {
        ChaosScenario.run("ServiceChaosIT-kill", 3, s -> {
            s.expectQuorateThroughout(List.of(1, 2));
            s.kill(List.of(3));
            s.awaitRing(List.of(1, 2));
            s.awaitQuorate(1, true);
            s.write(1);
            s.restart(3);
        });
    }

    /**
     * Totem, the transport, CPG, quorum and CKPT actors of node 2 made to fail in turn
     * ({@code fault kill-actor}): each is restarted by its supervisor, node 2 comes back into
     * one ring each time, and a write goes through after each.
     */
    @Test
    void totemCpgQuorumAndCkptActorsKilledInTurn() throws Exception {
        ChaosScenario.run("ServiceChaosIT-actors", 3, s -> {
            s.expectQuorateThroughout(List.of(1, 3));
            for (String actor : ACTORS) {
                s.killActor(2, actor);
                s.awaitRing(List.of(1, 2, 3));
                s.write(1);
            }
        });
    }
}
