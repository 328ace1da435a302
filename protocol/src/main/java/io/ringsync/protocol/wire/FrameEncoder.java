package io.ringsync.protocol.wire;

import io.ringsync.protocol.wire.sbe.BooleanFlag;
import io.ringsync.protocol.wire.sbe.DeliveryGuarantee;
import io.ringsync.protocol.wire.sbe.FrameHeaderEncoder;
import io.ringsync.protocol.wire.sbe.LinkPingEncoder;
import io.ringsync.protocol.wire.sbe.LinkPongEncoder;
import io.ringsync.protocol.wire.sbe.MessageHeaderEncoder;
import io.ringsync.protocol.wire.sbe.RingIdentityEncoder;
import io.ringsync.protocol.wire.sbe.TotemCommitTokenEncoder;
import io.ringsync.protocol.wire.sbe.TotemJoinEncoder;
import io.ringsync.protocol.wire.sbe.TotemMcastEncoder;
import io.ringsync.protocol.wire.sbe.TotemMergeDetectEncoder;
import io.ringsync.protocol.wire.sbe.TotemTokenEncoder;
import io.ringsync.protocol.wire.sbe.TotemTokenHoldCancelEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Encodes {@link WireFrame} records into one reused buffer: message header, then the frame
 * header (this cluster's hash, the record's sender) and the message's fields. The buffer
 * starts at {@link #BUFFER_CAPACITY} bytes and grows for a large multicast payload; keeping
 * payloads within the decoder's cap ({@link FrameDecoder#maxPayloadBytes}) is the caller's
 * job. Not thread safe: one encoder per publishing thread; the bytes are valid until the next
 * {@link #encode} call.
 */
public final class FrameEncoder {

    /** Initial capacity of the reused buffer; far above any fixed-size message of this schema. */
    static final int BUFFER_CAPACITY = 1024;

    private final int clusterHash;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(BUFFER_CAPACITY);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final LinkPingEncoder ping = new LinkPingEncoder();
    private final LinkPongEncoder pong = new LinkPongEncoder();
    private final TotemTokenEncoder token = new TotemTokenEncoder();
    private final TotemMcastEncoder mcast = new TotemMcastEncoder();
    private final TotemJoinEncoder join = new TotemJoinEncoder();
    private final TotemCommitTokenEncoder commit = new TotemCommitTokenEncoder();
    private final TotemMergeDetectEncoder mergeDetect = new TotemMergeDetectEncoder();
    private final TotemTokenHoldCancelEncoder holdCancel = new TotemTokenHoldCancelEncoder();

    /** An encoder stamping {@code clusterHash} (see {@link ClusterHash#of}) into every frame. */
    public FrameEncoder(int clusterHash) {
        this.clusterHash = clusterHash;
    }

    /** Encodes {@code frame} at offset 0 of {@link #buffer()} and returns its length in bytes. */
    public int encode(WireFrame frame) {
        if (frame instanceof LinkPing p) {
            return encodePing(p);
        }
        if (frame instanceof LinkPong p) {
            return encodePong(p);
        }
        if (frame instanceof TotemTokenFrame t) {
            return encodeToken(t);
        }
        if (frame instanceof TotemMcastFrame m) {
            return encodeMcast(m);
        }
        if (frame instanceof TotemJoinFrame j) {
            return encodeJoin(j);
        }
        if (frame instanceof TotemCommitTokenFrame c) {
            return encodeCommitToken(c);
        }
        if (frame instanceof TotemMergeDetectFrame d) {
            return encodeMergeDetect(d);
        }
        if (frame instanceof TotemTokenHoldCancelFrame h) {
            return encodeHoldCancel(h);
        }
        throw new IllegalArgumentException("no encoding for " + frame);
    }

    /** The buffer the last {@link #encode} wrote to. */
    public DirectBuffer buffer() {
        return buffer;
    }

    private int encodePing(LinkPing p) {
        ping.wrapAndApplyHeader(buffer, 0, header);
        frameHeader(ping.frameHeader(), p);
        ping.targetNodeId(unsigned(p.targetNodeId()))
                .linkNumber((short) p.linkNumber())
                .seq(p.seq())
                .sendTimeNs(p.sendTimeNs());
        return MessageHeaderEncoder.ENCODED_LENGTH + ping.encodedLength();
    }

    private int encodePong(LinkPong p) {
        pong.wrapAndApplyHeader(buffer, 0, header);
        frameHeader(pong.frameHeader(), p);
        pong.targetNodeId(unsigned(p.targetNodeId()))
                .linkNumber((short) p.linkNumber())
                .seq(p.seq())
                .echoedSendTimeNs(p.echoedSendTimeNs());
        return MessageHeaderEncoder.ENCODED_LENGTH + pong.encodedLength();
    }

    private int encodeToken(TotemTokenFrame t) {
        token.wrapAndApplyHeader(buffer, 0, header);
        frameHeader(token.frameHeader(), t);
        token.targetNodeId(unsigned(t.targetNodeId()));
        ringId(token.ringId(), t.ringRepNodeId(), t.ringSeq());
        token.seq(t.seq())
                .tokenSeq(t.tokenSeq())
                .aru(t.aru())
                .aruNodeId(unsigned(t.aruNodeId()))
                .backlog(t.backlog())
                .fcc(t.fcc())
                .retransmitFlag(t.retransmitFlag() ? BooleanFlag.TRUE : BooleanFlag.FALSE);
        TotemTokenEncoder.RtrEncoder rtr = token.rtrCount(t.rtrList().size());
        for (long seq : t.rtrList()) {
            rtr.next().seq(seq);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + token.encodedLength();
    }

    private int encodeMcast(TotemMcastFrame m) {
        mcast.wrapAndApplyHeader(buffer, 0, header);
        frameHeader(mcast.frameHeader(), m);
        mcast.targetNodeId(unsigned(m.targetNodeId()));
        ringId(mcast.ringId(), m.ringRepNodeId(), m.ringSeq());
        mcast.seq(m.seq())
                .originNodeId(unsigned(m.originNodeId()))
                .delivery(delivery(m.safe()));
        encapsulation(m.encapsulated());
        byte[] payload = m.payload();
        mcast.putPayload(payload, 0, payload.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + mcast.encodedLength();
    }

    /** The v4 encapsulation fields: the original's origin, or FALSE and zeros for a plain message. */
    private void encapsulation(TotemMcastFrame.Encapsulated e) {
        mcast.encapsulated(e == null ? BooleanFlag.FALSE : BooleanFlag.TRUE);
        if (e == null) {
            ringId(mcast.encapsulatedRingId(), 0, 0);
            mcast.encapsulatedSeq(0).encapsulatedOriginNodeId(0).encapsulatedDelivery(DeliveryGuarantee.AGREED);
        } else {
            ringId(mcast.encapsulatedRingId(), e.ringRepNodeId(), e.ringSeq());
            mcast.encapsulatedSeq(e.seq()).encapsulatedOriginNodeId(unsigned(e.originNodeId()))
                    .encapsulatedDelivery(delivery(e.safe()));
        }
    }

    private int encodeJoin(TotemJoinFrame j) {
        join.wrapAndApplyHeader(buffer, 0, header);
        frameHeader(join.frameHeader(), j);
        join.targetNodeId(unsigned(j.targetNodeId())).ringSeq(j.ringSeq());
        TotemJoinEncoder.ProcListEncoder procList = join.procListCount(j.procList().size());
        for (int nodeId : j.procList()) {
            procList.next().nodeId(unsigned(nodeId));
        }
        TotemJoinEncoder.FailedListEncoder failedList = join.failedListCount(j.failedList().size());
        for (int nodeId : j.failedList()) {
            failedList.next().nodeId(unsigned(nodeId));
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + join.encodedLength();
    }

    private int encodeCommitToken(TotemCommitTokenFrame c) {
        commit.wrapAndApplyHeader(buffer, 0, header);
        frameHeader(commit.frameHeader(), c);
        commit.targetNodeId(unsigned(c.targetNodeId())).tokenSeq(c.tokenSeq());
        ringId(commit.newRingId(), c.ringRepNodeId(), c.ringSeq());
        commit.membIndex(c.membIndex());
        TotemCommitTokenEncoder.MembersEncoder members = commit.membersCount(c.members().size());
        for (int nodeId : c.members()) {
            members.next().nodeId(unsigned(nodeId));
        }
        TotemCommitTokenEncoder.EntriesEncoder entries = commit.entriesCount(c.entries().size());
        for (TotemCommitTokenFrame.Entry e : c.entries()) {
            entries.next();
            ringId(entries.oldRingId(), e.oldRingRepNodeId(), e.oldRingSeq());
            entries.aru(e.aru()).highDelivered(e.highDelivered())
                    .receivedFlag(e.receivedFlag() ? BooleanFlag.TRUE : BooleanFlag.FALSE);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + commit.encodedLength();
    }

    private int encodeMergeDetect(TotemMergeDetectFrame d) {
        mergeDetect.wrapAndApplyHeader(buffer, 0, header);
        frameHeader(mergeDetect.frameHeader(), d);
        mergeDetect.targetNodeId(unsigned(d.targetNodeId()));
        ringId(mergeDetect.ringId(), d.ringRepNodeId(), d.ringSeq());
        return MessageHeaderEncoder.ENCODED_LENGTH + mergeDetect.encodedLength();
    }

    private int encodeHoldCancel(TotemTokenHoldCancelFrame h) {
        holdCancel.wrapAndApplyHeader(buffer, 0, header);
        frameHeader(holdCancel.frameHeader(), h);
        holdCancel.targetNodeId(unsigned(h.targetNodeId()));
        ringId(holdCancel.ringId(), h.ringRepNodeId(), h.ringSeq());
        return MessageHeaderEncoder.ENCODED_LENGTH + holdCancel.encodedLength();
    }

    private static DeliveryGuarantee delivery(boolean safe) {
        return safe ? DeliveryGuarantee.SAFE : DeliveryGuarantee.AGREED;
    }

    private void frameHeader(FrameHeaderEncoder frameHeader, WireFrame frame) {
        frameHeader.clusterHash(unsigned(clusterHash)).senderNodeId(unsigned(frame.senderNodeId()));
    }

    private static void ringId(RingIdentityEncoder ringId, int repNodeId, long ringSeq) {
        ringId.repNodeId(unsigned(repNodeId)).ringSeq(ringSeq);
    }

    private static long unsigned(int value) {
        return Integer.toUnsignedLong(value);
    }
}
