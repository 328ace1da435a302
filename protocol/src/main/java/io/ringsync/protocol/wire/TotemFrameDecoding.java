package io.ringsync.protocol.wire;

import io.ringsync.protocol.wire.sbe.RingIdentityDecoder;
import io.ringsync.protocol.wire.sbe.TotemMcastDecoder;
import io.ringsync.protocol.wire.sbe.TotemTokenDecoder;
import io.ringsync.protocol.wire.sbe.TotemTokenHoldCancelDecoder;
import java.util.ArrayList;
import java.util.List;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;

/**
 * The Totem ordering part of {@link FrameDecoder}: its reused TotemToken, TotemMcast and
 * TotemTokenHoldCancel flyweights and,
 * once {@link FrameDecoder} has checked a frame's envelope, the last of the checks listed there
 * (field ranges, then each variable part's header, cap and extent, before any byte of it is
 * read; an encapsulated mcast's origin is checked like the mcast's own fields). Returns a drop as its {@link DropReason}; {@link FrameDecoder} counts it. Not thread
 * safe: owned by one {@link FrameDecoder}.
 */
final class TotemFrameDecoding {

    private final int localNodeId;
    /** The decoder's node id to link count map, read only: an mcast's origin must be in the nodelist. */
    private final Int2IntHashMap linkCounts;
    private final int maxPayloadBytes;
    private final TotemTokenDecoder token = new TotemTokenDecoder();
    private final TotemMcastDecoder mcast = new TotemMcastDecoder();
    private final TotemTokenHoldCancelDecoder holdCancel = new TotemTokenHoldCancelDecoder();
    private final GroupBounds groupBounds = new GroupBounds();
    /** The rtr seqs of the token being decoded; copied into the frame. */
    private final List<Long> rtrScratch = new ArrayList<>(FrameDecoder.MAX_RTR_ENTRIES);

    /** Decoding for {@code localNodeId}, with the nodelist's {@code linkCounts} and payloads up to {@code maxPayloadBytes}. */
    TotemFrameDecoding(int localNodeId, Int2IntHashMap linkCounts, int maxPayloadBytes) {
        this.localNodeId = localNodeId;
        this.linkCounts = linkCounts;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** The token flyweight wrapped on the block at {@code offset}, for the envelope check. */
    TotemTokenDecoder wrapToken(DirectBuffer buffer, int offset, int blockLength, int version) {
        token.wrap(buffer, offset, blockLength, version);
        return token;
    }

    /** The token wrapped by {@link #wrapToken}, from {@code sender}, checked up to {@code end}. */
    DecodeResult decodeToken(DirectBuffer buffer, int end, int sender) {
        RingIdentityDecoder ring = token.ringId();
        int rep = (int) ring.repNodeId();
        long ringSeq = ring.ringSeq();
        long seq = token.seq();
        long tokenSeq = token.tokenSeq();
        long aru = token.aru();
        int aruNodeId = (int) token.aruNodeId();
        long backlog = token.backlog();
        long fcc = token.fcc();
        short flag = token.retransmitFlagRaw();
        if (rep == 0 || (ringSeq | seq | tokenSeq | aru | backlog | fcc) < 0 || aru > seq || flag > 1) {
            return DropReason.BAD_FIELD;
        }
        DropReason problem = decodeRtr(buffer, end);
        if (problem != null) {
            return problem;
        }
        return new DecodeResult.Decoded(new TotemTokenFrame(sender, localNodeId, rep, ringSeq, seq, tokenSeq, aru,
                aruNodeId, backlog, fcc, flag == 1, rtrScratch));
    }

    /** Reads the token's rtr group into {@link #rtrScratch}, checking its header before anything else. */
    private DropReason decodeRtr(DirectBuffer buffer, int end) {
        rtrScratch.clear();
        DropReason problem = groupBounds.check(buffer, token.limit(), end, 0, FrameDecoder.MAX_RTR_ENTRIES,
                TotemTokenDecoder.RtrDecoder.sbeBlockLength());
        if (problem != null) {
            return problem;
        }
        for (TotemTokenDecoder.RtrDecoder entry : token.rtr()) {
            long seq = entry.seq();
            if (seq < 1) {
                return DropReason.BAD_FIELD;
            }
            rtrScratch.add(seq);
        }
        return null;
    }

    /** The mcast flyweight wrapped on the block at {@code offset}, for the envelope check. */
    TotemMcastDecoder wrapMcast(DirectBuffer buffer, int offset, int blockLength, int version) {
        mcast.wrap(buffer, offset, blockLength, version);
        return mcast;
    }

    /** The mcast wrapped by {@link #wrapMcast}, from {@code sender}, checked up to {@code end}. */
    DecodeResult decodeMcast(int end, int sender) {
        RingIdentityDecoder ring = mcast.ringId();
        int rep = (int) ring.repNodeId();
        long ringSeq = ring.ringSeq();
        long seq = mcast.seq();
        int origin = (int) mcast.originNodeId();
        short delivery = mcast.deliveryRaw();
        if (rep == 0 || ringSeq < 0 || seq < 1 || linkCounts.get(origin) < 0 || delivery > 1) {
            return DropReason.BAD_FIELD;
        }
        short flag = mcast.actingVersion() < FrameDecoder.ENCAPSULATION_SINCE_VERSION ? 0 : mcast.encapsulatedRaw();
        TotemMcastFrame.Encapsulated encapsulated = flag == 1 ? decodeEncapsulation() : null;
        if (flag > 1 || flag == 1 && encapsulated == null) {
            return DropReason.BAD_FIELD;
        }
        int limit = mcast.limit();
        if (limit > end - TotemMcastDecoder.payloadHeaderLength()) {
            return DropReason.TRUNCATED;
        }
        int payloadLength = mcast.payloadLength();
        if (payloadLength < 0 || payloadLength > maxPayloadBytes) {
            return DropReason.BAD_LENGTH;
        }
        if (limit + TotemMcastDecoder.payloadHeaderLength() + payloadLength > end) {
            return DropReason.TRUNCATED;
        }
        byte[] payload = new byte[payloadLength];
        mcast.getPayload(payload, 0, payloadLength);
        return new DecodeResult.Decoded(new TotemMcastFrame(sender, localNodeId, rep, ringSeq, seq, origin,
                delivery == 1, payload, encapsulated));
    }

    /** The origin fields of a version 4 mcast flagged encapsulated, or null if one is out of range. */
    private TotemMcastFrame.Encapsulated decodeEncapsulation() {
        RingIdentityDecoder ring = mcast.encapsulatedRingId();
        int rep = (int) ring.repNodeId();
        long ringSeq = ring.ringSeq();
        long seq = mcast.encapsulatedSeq();
        int origin = (int) mcast.encapsulatedOriginNodeId();
        short delivery = mcast.encapsulatedDeliveryRaw();
        if (rep == 0 || ringSeq < 0 || seq < 1 || linkCounts.get(origin) < 0 || delivery > 1) {
            return null;
        }
        return new TotemMcastFrame.Encapsulated(rep, ringSeq, seq, origin, delivery == 1);
    }

    /** The hold cancel flyweight wrapped on the block at {@code offset}, for the envelope check. */
    TotemTokenHoldCancelDecoder wrapHoldCancel(DirectBuffer buffer, int offset, int blockLength, int version) {
        holdCancel.wrap(buffer, offset, blockLength, version);
        return holdCancel;
    }

    /** The hold cancel wrapped by {@link #wrapHoldCancel}, from {@code sender}. */
    DecodeResult decodeHoldCancel(int sender) {
        RingIdentityDecoder ring = holdCancel.ringId();
        int rep = (int) ring.repNodeId();
        long ringSeq = ring.ringSeq();
        if (rep == 0 || ringSeq < 0) {
            return DropReason.BAD_FIELD;
        }
        return new DecodeResult.Decoded(new TotemTokenHoldCancelFrame(sender, localNodeId, rep, ringSeq));
    }
}
