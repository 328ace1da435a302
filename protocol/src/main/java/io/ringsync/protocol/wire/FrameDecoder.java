package io.ringsync.protocol.wire;

import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.wire.sbe.FrameHeaderDecoder;
import io.ringsync.protocol.wire.sbe.LinkPingDecoder;
import io.ringsync.protocol.wire.sbe.LinkPongDecoder;
import io.ringsync.protocol.wire.sbe.MessageHeaderDecoder;
import io.ringsync.protocol.wire.sbe.TotemCommitTokenDecoder;
import io.ringsync.protocol.wire.sbe.TotemJoinDecoder;
import io.ringsync.protocol.wire.sbe.TotemMcastDecoder;
import io.ringsync.protocol.wire.sbe.TotemMergeDetectDecoder;
import io.ringsync.protocol.wire.sbe.TotemTokenDecoder;
import io.ringsync.protocol.wire.sbe.TotemTokenHoldCancelDecoder;
import java.util.List;
import java.util.Map;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;

/**
 * Decodes inbound bytes with reused flyweights into immutable {@link WireFrame} records,
 * or into the {@link DropReason} they were dropped for. Never throws on any byte sequence:
 * every length is checked before the bytes it covers are read, in this order:
 * <ol>
 *   <li>the range lies in the buffer and holds a message header ({@code TRUNCATED});</li>
 *   <li>schema id, version &ge; 1, known template id;</li>
 *   <li>block length &ge; what the message needs at the declared version and &le;
 *       {@link #MAX_BLOCK_LENGTH} ({@code BAD_BLOCK_LENGTH}); header + block length &le; length
 *       ({@code TRUNCATED});</li>
 *   <li>cluster hash, sender in the nodelist and not us, target is us, link number known
 *       (Totem frames carry no link number: they use link 0 for now);</li>
 *   <li>Totem frames ({@link TotemFrameDecoding}): field ranges ({@code BAD_FIELD}); then each
 *       variable part: its header lies in the frame ({@code TRUNCATED}), its count or length is within its cap
 *       ({@code BAD_GROUP_COUNT}: rtr entries &le; {@link #MAX_RTR_ENTRIES}; {@code BAD_LENGTH}:
 *       payload &le; {@link #maxPayloadBytes}), and what it declares lies in the frame
 *       ({@code TRUNCATED}), all before the first byte of it is read. Membership frames
 *       ({@link MembershipFrameDecoding}) are checked the same way, their groups capped at the
 *       nodelist size (at most {@link #MAX_MEMBERSHIP_NODES}), and their lists and entries
 *       checked so that the membership value types accept them.</li>
 * </ol>
 * Totem templates exist since schema version 2, membership templates since version 3 and the
 * token hold cancel since version 4: one claimed by an older header is an {@code UNKNOWN_TYPE}.
 * A TotemMcast of version 2 or 3 has the shorter block without the encapsulation fields and
 * decodes as not encapsulated.
 * A frame from a newer version is read with its own block length and version, so fields we
 * do not know are skipped. Not thread safe: one decoder per polling thread; drop counters
 * may be read from any thread.
 */
public final class FrameDecoder {

    /** Sanity cap on a fixed block: every fixed block of this schema is far smaller. */
    public static final int MAX_BLOCK_LENGTH = 1024;

    /** Corosync's RETRANSMIT_ENTRIES_MAX, the token's rtr cap (equal to RegularToken.MAX_RTR_ENTRIES). */
    public static final int MAX_RTR_ENTRIES = 30;

    /** Corosync's PROCESSOR_COUNT_MAX and the nodelist's limit: the cap on a membership group of nodes. */
    public static final int MAX_MEMBERSHIP_NODES = 384;

    /** Schema version that introduced the Totem templates. */
    static final int TOTEM_SINCE_VERSION = 2;

    /** Schema version that introduced the Totem membership templates (join, commit token, merge detect). */
    static final int MEMBERSHIP_SINCE_VERSION = 3;

    /** Schema version that added TotemMcast's encapsulation fields and the TotemTokenHoldCancel template. */
    static final int ENCAPSULATION_SINCE_VERSION = 4;

    /** TotemMcast's block as version 2 and 3 senders write it: everything before the encapsulation fields. */
    static final int MCAST_V2_BLOCK_LENGTH = TotemMcastDecoder.encapsulatedEncodingOffset();

    /** Message header, TotemMcast's block as this version writes it, and the payload's length prefix. */
    static final int MCAST_OVERHEAD_BYTES = MessageHeaderDecoder.ENCODED_LENGTH + TotemMcastDecoder.BLOCK_LENGTH
            + TotemMcastDecoder.payloadHeaderLength();

    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    private final int clusterHash;
    private final int localNodeId;
    private final int localLinkCount;
    /** Node id to its number of links, for every node of the nodelist. */
    private final Int2IntHashMap linkCounts = new Int2IntHashMap(-1);
    private final EnumCounters<DropReason> drops = new EnumCounters<>(DropReason.class);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LinkPingDecoder ping = new LinkPingDecoder();
    private final LinkPongDecoder pong = new LinkPongDecoder();
    /** The Totem frames' flyweights and field, group and payload checks. */
    private final TotemFrameDecoding totem;
    /** The membership frames' flyweights and field and group checks. */
    private final MembershipFrameDecoding membership;
    /** Sender of the frame being decoded, read once (the flyweights check field order). */
    private int sender;
    private int senderLinkCount;

    /** A decoder for {@code settings}' cluster, node and nodelist. */
    public FrameDecoder(RingsyncSettings settings) {
        this.clusterHash = ClusterHash.of(settings.clusterName());
        this.localNodeId = settings.nodeId();
        this.localLinkCount = settings.localNode().links().size();
        for (NodeEntry node : settings.nodelist()) {
            linkCounts.put(node.nodeId(), node.links().size());
        }
        this.totem = new TotemFrameDecoding(localNodeId, linkCounts,
                maxPayloadBytes(settings.transport().termLengthBytes()));
        this.membership = new MembershipFrameDecoding(localNodeId, linkCounts);
    }

    /**
     * Frames from now on are checked against {@code nodelist} (a runtime nodelist change): an
     * added node's frames are accepted, a removed node's dropped as {@link DropReason#UNKNOWN_SENDER}.
     * Call it on the decoding thread.
     */
    public void changeNodelist(List<NodeEntry> nodelist) {
        linkCounts.clear();
        for (NodeEntry node : nodelist) {
            linkCounts.put(node.nodeId(), node.links().size());
        }
        membership.nodelistChanged();
    }

    /** Decodes the {@code length} bytes at {@code offset} of {@code buffer}. */
    public DecodeResult decode(DirectBuffer buffer, int offset, int length) {
        if (offset < 0 || length < HEADER_LENGTH || offset > buffer.capacity() - length) {
            return drops.increment(DropReason.TRUNCATED);
        }
        header.wrap(buffer, offset);
        DropReason headerProblem = checkHeader(length);
        if (headerProblem != null) {
            return drops.increment(headerProblem);
        }
        int blockOffset = offset + HEADER_LENGTH;
        int blockLength = header.blockLength();
        int version = header.version();
        return switch (header.templateId()) {
            case LinkPingDecoder.TEMPLATE_ID -> decodePing(buffer, blockOffset, blockLength, version);
            case LinkPongDecoder.TEMPLATE_ID -> decodePong(buffer, blockOffset, blockLength, version);
            case TotemTokenDecoder.TEMPLATE_ID -> decodeToken(buffer, blockOffset, blockLength, version, offset + length);
            case TotemMcastDecoder.TEMPLATE_ID -> decodeMcast(buffer, blockOffset, blockLength, version, offset + length);
            case TotemJoinDecoder.TEMPLATE_ID -> decodeJoin(buffer, blockOffset, blockLength, version, offset + length);
            case TotemCommitTokenDecoder.TEMPLATE_ID ->
                    decodeCommitToken(buffer, blockOffset, blockLength, version, offset + length);
            case TotemMergeDetectDecoder.TEMPLATE_ID -> decodeMergeDetect(buffer, blockOffset, blockLength, version);
            default -> decodeHoldCancel(buffer, blockOffset, blockLength, version);
        };
    }

    /**
     * The largest multicast payload for Aeron terms of {@code termLengthBytes}: Aeron's largest
     * message (term length / 8) less the frame's header, block and length prefix.
     */
    public static int maxPayloadBytes(int termLengthBytes) {
        return termLengthBytes / 8 - MCAST_OVERHEAD_BYTES;
    }

    /** Frames dropped so far, per reason. */
    public Map<DropReason, Long> dropCounts() {
        return drops.snapshot();
    }

    private DropReason checkHeader(int length) {
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID) {
            return DropReason.UNKNOWN_SCHEMA;
        }
        int version = header.version();
        if (version < 1) {
            return DropReason.UNSUPPORTED_VERSION;
        }
        int minBlockLength = minBlockLength(header.templateId(), version);
        if (minBlockLength < 0) {
            return DropReason.UNKNOWN_TYPE;
        }
        int blockLength = header.blockLength();
        if (blockLength < minBlockLength || blockLength > MAX_BLOCK_LENGTH) {
            return DropReason.BAD_BLOCK_LENGTH;
        }
        return HEADER_LENGTH + blockLength > length ? DropReason.TRUNCATED : null;
    }

    /**
     * The smallest block a sender of {@code version} writes for {@code templateId}, or -1 for
     * an unknown template (or one newer than {@code version}). A message's block grows when a
     * field is added with {@code sinceVersion=N}; versions below N keep the old length here
     * (TotemMcast: {@link #MCAST_V2_BLOCK_LENGTH} below version 4).
     */
    static int minBlockLength(int templateId, int version) {
        return switch (templateId) {
            case LinkPingDecoder.TEMPLATE_ID -> LinkPingDecoder.BLOCK_LENGTH;
            case LinkPongDecoder.TEMPLATE_ID -> LinkPongDecoder.BLOCK_LENGTH;
            case TotemTokenDecoder.TEMPLATE_ID -> version < TOTEM_SINCE_VERSION ? -1 : TotemTokenDecoder.BLOCK_LENGTH;
            case TotemMcastDecoder.TEMPLATE_ID -> version < TOTEM_SINCE_VERSION ? -1
                    : version < ENCAPSULATION_SINCE_VERSION ? MCAST_V2_BLOCK_LENGTH : TotemMcastDecoder.BLOCK_LENGTH;
            case TotemJoinDecoder.TEMPLATE_ID -> version < MEMBERSHIP_SINCE_VERSION ? -1 : TotemJoinDecoder.BLOCK_LENGTH;
            case TotemCommitTokenDecoder.TEMPLATE_ID ->
                    version < MEMBERSHIP_SINCE_VERSION ? -1 : TotemCommitTokenDecoder.BLOCK_LENGTH;
            case TotemMergeDetectDecoder.TEMPLATE_ID ->
                    version < MEMBERSHIP_SINCE_VERSION ? -1 : TotemMergeDetectDecoder.BLOCK_LENGTH;
            case TotemTokenHoldCancelDecoder.TEMPLATE_ID ->
                    version < ENCAPSULATION_SINCE_VERSION ? -1 : TotemTokenHoldCancelDecoder.BLOCK_LENGTH;
            default -> -1;
        };
    }

    private DecodeResult decodePing(DirectBuffer buffer, int offset, int blockLength, int version) {
        ping.wrap(buffer, offset, blockLength, version);
        DropReason problem = checkEnvelope(ping.frameHeader(), ping.targetNodeId(), ping.linkNumber());
        if (problem != null) {
            return drops.increment(problem);
        }
        return new DecodeResult.Decoded(new LinkPing(
                sender, localNodeId, ping.linkNumber(), ping.seq(), ping.sendTimeNs()));
    }

    private DecodeResult decodePong(DirectBuffer buffer, int offset, int blockLength, int version) {
        pong.wrap(buffer, offset, blockLength, version);
        DropReason problem = checkEnvelope(pong.frameHeader(), pong.targetNodeId(), pong.linkNumber());
        if (problem != null) {
            return drops.increment(problem);
        }
        return new DecodeResult.Decoded(new LinkPong(
                sender, localNodeId, pong.linkNumber(), pong.seq(), pong.echoedSendTimeNs()));
    }

    /** The checks every link-layer frame passes: cluster hash and sender, then target and link. */
    private DropReason checkEnvelope(FrameHeaderDecoder frameHeader, long targetNodeId, short linkNumber) {
        DropReason problem = checkFrameHeader(frameHeader);
        return problem != null ? problem : checkAddress(targetNodeId, linkNumber);
    }

    /** Checks hash and sender; remembers the sender's link count for {@link #checkAddress}. */
    private DropReason checkFrameHeader(FrameHeaderDecoder frameHeader) {
        if ((int) frameHeader.clusterHash() != clusterHash) {
            return DropReason.FOREIGN_CLUSTER;
        }
        sender = (int) frameHeader.senderNodeId();
        senderLinkCount = linkCounts.get(sender);
        if (senderLinkCount < 0) {
            return DropReason.UNKNOWN_SENDER;
        }
        return sender == localNodeId ? DropReason.SELF_SENDER : null;
    }

    private DropReason checkAddress(long targetNodeId, short linkNumber) {
        if (targetNodeId != Integer.toUnsignedLong(localNodeId)) {
            return DropReason.WRONG_TARGET;
        }
        return linkNumber >= localLinkCount || linkNumber >= senderLinkCount ? DropReason.UNKNOWN_LINK : null;
    }

    /** The checks every Totem frame passes: cluster hash and sender, then target. */
    private DropReason checkTotemEnvelope(FrameHeaderDecoder frameHeader, long targetNodeId) {
        DropReason problem = checkFrameHeader(frameHeader);
        if (problem != null) {
            return problem;
        }
        return targetNodeId != Integer.toUnsignedLong(localNodeId) ? DropReason.WRONG_TARGET : null;
    }

    private DecodeResult decodeToken(DirectBuffer buffer, int offset, int blockLength, int version, int end) {
        TotemTokenDecoder token = totem.wrapToken(buffer, offset, blockLength, version);
        DropReason problem = checkTotemEnvelope(token.frameHeader(), token.targetNodeId());
        return counted(problem != null ? problem : totem.decodeToken(buffer, end, sender));
    }

    private DecodeResult decodeMcast(DirectBuffer buffer, int offset, int blockLength, int version, int end) {
        TotemMcastDecoder mcast = totem.wrapMcast(buffer, offset, blockLength, version);
        DropReason problem = checkTotemEnvelope(mcast.frameHeader(), mcast.targetNodeId());
        return counted(problem != null ? problem : totem.decodeMcast(end, sender));
    }

    private DecodeResult decodeJoin(DirectBuffer buffer, int offset, int blockLength, int version, int end) {
        TotemJoinDecoder join = membership.wrapJoin(buffer, offset, blockLength, version);
        DropReason problem = checkTotemEnvelope(join.frameHeader(), join.targetNodeId());
        return counted(problem != null ? problem : membership.decodeJoin(buffer, end, sender));
    }

    private DecodeResult decodeCommitToken(DirectBuffer buffer, int offset, int blockLength, int version, int end) {
        TotemCommitTokenDecoder commit = membership.wrapCommitToken(buffer, offset, blockLength, version);
        DropReason problem = checkTotemEnvelope(commit.frameHeader(), commit.targetNodeId());
        return counted(problem != null ? problem : membership.decodeCommitToken(buffer, end, sender));
    }

    private DecodeResult decodeMergeDetect(DirectBuffer buffer, int offset, int blockLength, int version) {
        TotemMergeDetectDecoder detect = membership.wrapMergeDetect(buffer, offset, blockLength, version);
        DropReason problem = checkTotemEnvelope(detect.frameHeader(), detect.targetNodeId());
        return counted(problem != null ? problem : membership.decodeMergeDetect(sender));
    }

    private DecodeResult decodeHoldCancel(DirectBuffer buffer, int offset, int blockLength, int version) {
        TotemTokenHoldCancelDecoder cancel = totem.wrapHoldCancel(buffer, offset, blockLength, version);
        DropReason problem = checkTotemEnvelope(cancel.frameHeader(), cancel.targetNodeId());
        return counted(problem != null ? problem : totem.decodeHoldCancel(sender));
    }

    /** {@code result}, its drop reason counted if it is one. */
    private DecodeResult counted(DecodeResult result) {
        return result instanceof DropReason reason ? drops.increment(reason) : result;
    }
}
