package io.ringsync.quorum;

import io.ringsync.config.NodeEntry;
import io.ringsync.config.QuorumSettings;
import io.ringsync.config.RingsyncSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a node's quorum actor starts from.
 *
 * @param localNodeId  this node
 * @param votes        its votes (its nodelist entry's)
 * @param expected     configured expected votes: quorum.expected_votes, or the sum of the
 *                     nodelist's votes plus a device's (as votequorum computes them)
 * @param options      the flags
 * @param trackingFile expected_votes_tracking's file (present when tracking is on)
 * @param device       a quorum device registered on this node
 */
public record QuorumSetup(int localNodeId, int votes, int expected, QuorumOptions options,
                          Optional<Path> trackingFile, Optional<QuorumDevice> device) {

    /**
     * The setup of the node of {@code settings} with the device its {@code quorum.device} section
     * describes, deciding through {@code arbiter}: without the section there is no device (an
     * arbiter is then refused with {@link IllegalArgumentException}); with the section but no
     * arbiter, the device's votes count in expected votes but none are cast, as in Corosync
     * until a qdevice daemon registers.
     */
    public static QuorumSetup of(RingsyncSettings settings, Optional<QuorumDevice> arbiter) {
        QuorumSetup setup = of(settings);
        Optional<QuorumSettings.QdeviceSettings> configured = settings.quorum().qdevice();
        if (arbiter.isPresent() && configured.isEmpty()) {
            throw new IllegalArgumentException("a quorum device arbiter (" + arbiter.get().name()
                    + ") was given, but the config has no quorum.device section");
        }
        return arbiter.isEmpty() ? setup : setup.withDevice(new ConfiguredQuorumDevice(arbiter.get(), configured.get()));
    }

    /** The setup of the node of {@code settings}, without a device. */
    public static QuorumSetup of(RingsyncSettings settings) {
        int nodelistVotes = settings.nodelist().stream().mapToInt(NodeEntry::votes).sum();
        int deviceVotes = settings.quorum().qdevice().map(d -> d.votes()).orElse(0);
        int expected = settings.quorum().expectedVotes().orElse(nodelistVotes + deviceVotes);
        int votes = settings.node(settings.nodeId()).map(NodeEntry::votes).orElse(1);
        QuorumOptions options = QuorumOptions.of(settings.quorum());
        Optional<Path> tracking = options.expectedVotesTracking()
                ? Optional.of(settings.system().stateDir().resolve(TrackedExpectedVotes.FILE_NAME))
                : Optional.empty();
        return new QuorumSetup(settings.nodeId(), votes, expected, options, tracking, Optional.empty());
    }

    /** This setup with {@code device} registered. */
    public QuorumSetup withDevice(QuorumDevice device) {
        return new QuorumSetup(localNodeId, votes, expected, options, trackingFile, Optional.of(device));
    }
}
