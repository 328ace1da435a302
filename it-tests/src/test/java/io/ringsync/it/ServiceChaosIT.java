package io.ringsync.it;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A chaos scenario of the normal suite (with {@link PartitionChaosIT}), under cpg verify traffic,
 * CKPT writes and quorum watches from every node, with the checks of {@link ChaosScenario}; the
 * others are in {@link FullChaosIT}. Logs stay in {@code target/it-output/ServiceChaosIT-*}.
 */
class ServiceChaosIT {

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
}
