package io.ringsync.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringsync.config.QuorumSettings.QdeviceSettings;
import io.ringsync.protocol.totem.RingId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The device of a quorum.device section: the section's votes and heartbeat, and no vote from a silent or failing arbiter. */
class ConfiguredQuorumDeviceTest {

    private static final RingId RING = new RingId(1, 4);

    /** An arbiter answering with {@code answer}. */
    private static QuorumDevice arbiter(CompletionStage<Boolean> answer) {
        return new QuorumDevice() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public int votes() {
                return 9;
            }

            @Override
            public CompletionStage<Boolean> castVote(int localNodeId, RingId ring, List<Integer> members) {
                return answer;
            }
        };
    }

    private static boolean vote(QuorumDevice device) throws Exception {
        return device.castVote(1, RING, List.of(1, 2)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void theSectionsVotesAndHeartbeatTheArbitersAnswer() throws Exception {
        ConfiguredQuorumDevice device = new ConfiguredQuorumDevice(new InProcessArbiter("a", 9, 2),
                new QdeviceSettings(2, 1_000, 30_000));
        assertEquals(List.of("a", 2, Optional.of(Duration.ofSeconds(1))),
                List.of(device.name(), device.votes(), device.pollInterval()));
        assertEquals(true, vote(device));
        assertEquals(false, device.castVote(1, RING, List.of(1, 3)).toCompletableFuture().get(30, TimeUnit.SECONDS));
    }

    @Test
    void anAnswerLaterThanTheSyncTimeoutOrAFailureIsNoVote() throws Exception {
        QdeviceSettings settings = new QdeviceSettings(2, 1_000, 50);
        assertEquals(false, vote(new ConfiguredQuorumDevice(arbiter(new CompletableFuture<>()), settings)), "never answers");
        assertEquals(false, vote(new ConfiguredQuorumDevice(arbiter(CompletableFuture.failedFuture(
                new IllegalStateException("unreachable"))), settings)));
        assertEquals(true, vote(new ConfiguredQuorumDevice(arbiter(CompletableFuture.completedFuture(true)), settings)));
    }
}
