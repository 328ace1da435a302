package io.ringsync.quorum;

import io.ringsync.protocol.TestSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * votequorum across a network partition over real Totem and Aeron (the transports' fault
 * filters cut the network): five nodes of one vote each, expected 5, quorum 3. Split 3|2, the
 * majority forms a ring of its own and stays quorate while the minority's ring is not quorate
 * ("Activity blocked"), as votequorum(5) says of a partitioned cluster; healed, the five form
 * one ring again and every member is quorate with 5 votes.
 */
class QuorumPartitionTest {

    private static final List<Integer> ALL = List.of(1, 2, 3, 4, 5);
    private static final List<Integer> MAJORITY = List.of(1, 2, 3);
    private static final List<Integer> MINORITY = List.of(4, 5);

    @TempDir
    Path tmp;

    @Test
    void aThreeTwoSplitLeavesTheMajorityQuorateAndTheHealMakesOneQuorateRing() {
        try (QuorumNodes nodes = new QuorumNodes(5, tmp,
                id -> new QuorumSetup(id, 1, 5, QuorumOptions.NONE, Optional.empty(), Optional.empty()),
                TestSettings.transport().withFaultInjection(true))) {
            ALL.forEach(nodes::start);
            nodes.await(ALL, s -> s.quorate() && s.totalVotes() == 5 && s.quorum() == 3, "all five up");

            nodes.cluster().partition(MAJORITY, MINORITY);
            nodes.await(MAJORITY, s -> s.quorate() && s.totalVotes() == 3 && s.quorum() == 3 && s.expectedVotes() == 5,
                    "the majority side quorate");
            nodes.await(MINORITY, s -> !s.quorate() && s.totalVotes() == 2 && s.quorum() == 3 && s.expectedVotes() == 5,
                    "the minority side not quorate");

            nodes.cluster().heal();
            nodes.await(ALL, s -> s.quorate() && s.totalVotes() == 5 && s.quorum() == 3 && s.expectedVotes() == 5,
                    "one quorate ring of five after the heal");
        }
    }
}
