package io.ringsync.protocol.totem;

import io.ringsync.protocol.totem.membership.CommitToken;
import io.ringsync.protocol.totem.membership.JoinMessage;
import io.ringsync.protocol.totem.membership.MemberEntry;
import io.ringsync.protocol.totem.membership.MergeDetect;
import io.ringsync.protocol.wire.TotemCommitTokenFrame;
import io.ringsync.protocol.wire.TotemJoinFrame;
import io.ringsync.protocol.wire.TotemMergeDetectFrame;

/**
 * Maps the membership values ({@link JoinMessage}, {@link CommitToken}, {@link MergeDetect})
 * to and from the flat wire records, as {@link TotemFrames} does for the ordering values. The
 * {@link io.ringsync.protocol.wire.FrameDecoder} only emits membership frames that pass the
 * value types' checks, so mapping a decoded frame never throws.
 */
public final class MembershipFrames {

    private MembershipFrames() {
    }

    /** One copy of {@code join}, sent by its sender to {@code toNodeId}. */
    public static TotemJoinFrame toFrame(int toNodeId, JoinMessage join) {
        return new TotemJoinFrame(join.senderNodeId(), toNodeId, join.procList(), join.failedList(), join.ringSeq());
    }

    /** The join a frame carries; its sender is the frame's sender. */
    public static JoinMessage toJoin(TotemJoinFrame frame) {
        return new JoinMessage(frame.senderNodeId(), frame.procList(), frame.failedList(), frame.ringSeq());
    }

    /** {@code token} as passed by {@code fromNodeId} to {@code toNodeId}. */
    public static TotemCommitTokenFrame toFrame(int fromNodeId, int toNodeId, CommitToken token) {
        return new TotemCommitTokenFrame(fromNodeId, toNodeId, token.tokenSeq(), token.newRingId().repNodeId(),
                token.newRingId().ringSeq(), token.membIndex(), token.members(),
                token.entries().stream().map(MembershipFrames::toWire).toList());
    }

    /** The commit token a frame carries. */
    public static CommitToken toCommitToken(TotemCommitTokenFrame frame) {
        return new CommitToken(frame.tokenSeq(), new RingId(frame.ringRepNodeId(), frame.ringSeq()), frame.membIndex(),
                frame.members(), frame.entries().stream().map(MembershipFrames::toEntry).toList());
    }

    /** One copy of {@code detect}, sent by its sender to {@code toNodeId}. */
    public static TotemMergeDetectFrame toFrame(int toNodeId, MergeDetect detect) {
        return new TotemMergeDetectFrame(detect.senderNodeId(), toNodeId, detect.ringId().repNodeId(),
                detect.ringId().ringSeq());
    }

    /** The merge detect a frame carries; its sender is the frame's sender. */
    public static MergeDetect toMergeDetect(TotemMergeDetectFrame frame) {
        return new MergeDetect(frame.senderNodeId(), new RingId(frame.ringRepNodeId(), frame.ringSeq()));
    }

    private static TotemCommitTokenFrame.Entry toWire(MemberEntry entry) {
        return new TotemCommitTokenFrame.Entry(entry.oldRingId().repNodeId(), entry.oldRingId().ringSeq(), entry.aru(),
                entry.highDelivered(), entry.receivedFlag());
    }

    private static MemberEntry toEntry(TotemCommitTokenFrame.Entry entry) {
        return new MemberEntry(new RingId(entry.oldRingRepNodeId(), entry.oldRingSeq()), entry.aru(),
                entry.highDelivered(), entry.receivedFlag());
    }
}
