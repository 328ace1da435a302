package io.ringsync.quorum;

import io.ringsync.config.QuorumSettings.QdeviceSettings;
import io.ringsync.protocol.totem.RingId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The quorum device a node's {@code quorum.device} section describes, deciding through an
 * {@code arbiter} (e.g. an {@link InProcessArbiter} shared by the nodes of one JVM): the votes are
 * the section's ({@code votes}, by default nodes − 1, as votequorum counts them in expected
 * votes), the node asks again every {@code timeout} (qdevice's heartbeat), and an answer that
 * does not come within {@code sync_timeout} (Corosync's bound on a device during a membership
 * change) counts as no vote.
 */
public final class ConfiguredQuorumDevice implements QuorumDevice {

    private final QuorumDevice arbiter;
    private final QdeviceSettings settings;

    /** The device of {@code settings} deciding through {@code arbiter}. */
    public ConfiguredQuorumDevice(QuorumDevice arbiter, QdeviceSettings settings) {
        this.arbiter = arbiter;
        this.settings = settings;
    }

    @Override
    public String name() {
        return arbiter.name();
    }

    @Override
    public int votes() {
        return settings.votes();
    }

    @Override
    public CompletionStage<Boolean> castVote(int localNodeId, RingId ring, List<Integer> members) {
        CompletableFuture<Boolean> answer;
        try {
            answer = arbiter.castVote(localNodeId, ring, members).toCompletableFuture().thenApply(cast -> cast);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(false);
        }
        return answer.orTimeout(settings.syncTimeoutMs(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> false);
    }

    @Override
    public Optional<Duration> pollInterval() {
        return Optional.of(Duration.ofMillis(settings.timeoutMs()));
    }
}
