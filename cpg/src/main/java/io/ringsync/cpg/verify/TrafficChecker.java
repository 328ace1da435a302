package io.ringsync.cpg.verify;

import io.ringsync.cpg.CpgAddress;
import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgDeliver;
import io.ringsync.cpg.CpgEvent;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgTotemConfChg;
import io.ringsync.protocol.PureCore;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The receiving side of the CPG traffic checker (after Corosync's cpghum), pure: fed every event
 * of one group in order, it checks each message ({@link VerifyPayload}: size and checksum) and
 * each sender's sequence (no gap, no duplicate, no reorder), measures the send-to-delivery time of
 * this process's own messages, and keeps a running SHA-256 digest of the agreed order, one per
 * configuration. A configuration ends at each change of the group and at each totem callback; it
 * is labelled by its ring and its members (not by how many changes this process saw, which
 * depends on when it joined), so two processes that saw the same configuration from its start to
 * its end print the same label and digest for it.
 *
 * <p>A sender that leaves the group (or whose node does) is forgotten: when it comes back, after
 * a partition for instance, its sequence may have moved on, and that is no gap. While it stays a
 * member, extended virtual synchrony promises every one of its messages in order, so any jump is
 * a violation.
 */
@PureCore
public final class TrafficChecker {

    /** Violations kept verbatim; more are only counted. */
    public static final int MAX_KEPT_VIOLATIONS = 100;

    /**
     * One configuration's share of the agreed order.
     *
     * @param label    the ring (of the last totem callback, "start" before one), the number of
     *                 members and a hash of them, e.g. {@code 1.8/2m-5d41402a} ("?" before the
     *                 first change)
     * @param messages messages delivered in it
     * @param digest   the first 16 hex digits of the SHA-256 of their senders, sequence numbers
     *                 and checksums, in order
     */
    public record ConfigDigest(String label, long messages, String digest) {
    }

    private final String group;
    private final CpgMember self;
    private final Map<CpgMember, Long> expected = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final List<ConfigDigest> digests = new ArrayList<>();
    private final LatencyWindow latency = new LatencyWindow();
    private final MessageDigest sha;
    private final ByteBuffer entry = ByteBuffer.allocate(Integer.BYTES + 3 * Long.BYTES);
    private long violationCount;
    private long delivered;
    private long bytes;
    private String ring = "start";
    private String members = "?";
    private long inConfiguration;

    /** A checker of {@code group} run by the process {@code self}. */
    public TrafficChecker(String group, CpgMember self) {
        this.group = group;
        this.self = self;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** Feeds one event at {@code nowNs} (this process's clock); the configuration it closed, if any. */
    public Optional<ConfigDigest> onEvent(CpgEvent event, long nowNs) {
        if (event instanceof CpgDeliver deliver) {
            if (deliver.group().equals(group)) {
                onDeliver(deliver, nowNs);
            }
            return Optional.empty();
        }
        if (event instanceof CpgConfChg change) {
            if (!change.group().equals(group)) {
                return Optional.empty();
            }
            change.left().stream().map(CpgAddress::member).forEach(expected::remove);
            ConfigDigest closed = closeConfiguration();
            members = membersLabel(change.members());
            return Optional.of(closed);
        }
        ConfigDigest closed = closeConfiguration();
        ring = ((CpgTotemConfChg) event).ringId().toString();
        return Optional.of(closed);
    }

    private void onDeliver(CpgDeliver deliver, long nowNs) {
        delivered++;
        bytes += deliver.size();
        inConfiguration++;
        VerifyPayload.Checked checked = VerifyPayload.check(deliver.payload());
        if (!checked.ok()) {
            violation("message from " + deliver.sender() + ": " + checked.problem());
            digest(deliver.sender(), -1, deliver.size());
            return;
        }
        VerifyPayload.Header header = checked.header();
        digest(deliver.sender(), header.seq(), header.crc());
        Long next = expected.get(deliver.sender());
        expected.put(deliver.sender(), next == null ? header.seq() + 1 : Math.max(next, header.seq() + 1));
        if (next != null && header.seq() > next) {
            violation("gap from " + deliver.sender() + ": #" + header.seq() + " after #" + (next - 1) + " ("
                    + (header.seq() - next) + " missing)");
        } else if (next != null && header.seq() < next) {
            violation("duplicate or reorder from " + deliver.sender() + ": #" + header.seq() + " after #" + (next - 1));
        }
        if (deliver.sender().equals(self)) {
            latency.add(nowNs - header.sentNanos());
        }
    }

    private void digest(CpgMember sender, long seq, long crc) {
        entry.clear();
        entry.putInt(sender.nodeId()).putLong(sender.pid()).putLong(seq).putLong(crc);
        sha.update(entry.array());
    }

    private void violation(String what) {
        violationCount++;
        if (violations.size() < MAX_KEPT_VIOLATIONS) {
            violations.add(what);
        }
    }

    /** Ends the current configuration's digest and starts the next. */
    private ConfigDigest closeConfiguration() {
        String hex = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        ConfigDigest closed = new ConfigDigest(ring + "/" + members, inConfiguration, hex);
        digests.add(closed);
        inConfiguration = 0;
        return closed;
    }

    /** A configuration's members in a label: their number and a hash of their node ids and pids. */
    public static String membersLabel(List<CpgMember> members) {
        int hash = 1;
        for (CpgMember member : members) {
            hash = 31 * (31 * hash + member.nodeId()) + Long.hashCode(member.pid());
        }
        return members.size() + "m-" + String.format("%08x", hash);
    }

    /** Closes the configuration still open (at exit); the digests of every configuration, in order. */
    public List<ConfigDigest> finish() {
        closeConfiguration();
        return List.copyOf(digests);
    }

    /** Messages delivered so far. */
    public long delivered() {
        return delivered;
    }

    /** Bytes delivered so far. */
    public long bytes() {
        return bytes;
    }

    /** Violations found so far. */
    public long violationCount() {
        return violationCount;
    }

    /** The first {@link #MAX_KEPT_VIOLATIONS} violations, one line each. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Send-to-delivery times of this process's own messages. */
    public LatencyWindow latency() {
        return latency;
    }

    /** The digests of the configurations closed so far. */
    public List<ConfigDigest> digests() {
        return List.copyOf(digests);
    }
}
