package io.ringsync.protocol.wire;

import io.ringsync.protocol.wire.sbe.RingIdentityDecoder;
import io.ringsync.protocol.wire.sbe.TotemCommitTokenDecoder;
import io.ringsync.protocol.wire.sbe.TotemJoinDecoder;
import io.ringsync.protocol.wire.sbe.TotemMergeDetectDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntSupplier;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;

/**
 * The Totem membership part of {@link FrameDecoder} (TotemJoin, TotemCommitToken,
 * TotemMergeDetect, since schema version 3): reused flyweights and, once the envelope is
 * checked, the field and group checks, so that mapping a decoded frame to
 * {@code JoinMessage}, {@code CommitToken} or {@code MergeDetect} never throws:
 * <ul>
 *   <li>fixed fields first ({@code BAD_FIELD}: a Totem counter above 2^63 - 1, a zero ring
 *       representative);</li>
 *   <li>each group checked by {@link GroupBounds} before it is read, with a count of at most
 *       {@link #maxNodes} (the nodelist size, at most {@link FrameDecoder#MAX_MEMBERSHIP_NODES});
 *       a commit token needs at least one member and exactly {@code membIndex} entries
 *       ({@code BAD_GROUP_COUNT});</li>
 *   <li>node id lists strictly increasing and made of nodelist ids; a join's sender in its own
 *       proc list; a commit token's members led by its representative, {@code membIndex} at most
 *       the member count, entries with a non-zero old representative, counters in range and a
 *       received flag of 0 or 1 ({@code BAD_FIELD}).</li>
 * </ul>
 * Returns a drop as its {@link DropReason}; {@link FrameDecoder} counts it. Not thread safe:
 * owned by one {@link FrameDecoder}.
 */
final class MembershipFrameDecoding {

    private final int localNodeId;
    /** The decoder's node id to link count map, read only: listed node ids must be in the nodelist. */
    private final Int2IntHashMap linkCounts;
    /** Cap on every membership group: the nodelist size, at most MAX_MEMBERSHIP_NODES. */
    private int maxNodes;
    private final TotemJoinDecoder join = new TotemJoinDecoder();
    private final TotemCommitTokenDecoder commit = new TotemCommitTokenDecoder();
    private final TotemMergeDetectDecoder mergeDetect = new TotemMergeDetectDecoder();
    private final GroupBounds groupBounds = new GroupBounds();
    /** Node ids of the frame being decoded (proc list or members; failed list); copied into the frame. */
    private final List<Integer> nodesScratch = new ArrayList<>();
    private final List<Integer> failedScratch = new ArrayList<>();
    private final List<TotemCommitTokenFrame.Entry> entriesScratch = new ArrayList<>();

    /** The nodelist's {@code linkCounts} changed (a runtime nodelist change): the bound follows its size. */
    void nodelistChanged() {
        this.maxNodes = Math.min(linkCounts.size(), FrameDecoder.MAX_MEMBERSHIP_NODES);
    }

    /** Decoding for {@code localNodeId} with the nodelist's {@code linkCounts}. */
    MembershipFrameDecoding(int localNodeId, Int2IntHashMap linkCounts) {
        this.localNodeId = localNodeId;
        this.linkCounts = linkCounts;
        this.maxNodes = Math.min(linkCounts.size(), FrameDecoder.MAX_MEMBERSHIP_NODES);
    }

    /** The join flyweight wrapped on the block at {@code offset}, for the envelope check. */
    TotemJoinDecoder wrapJoin(DirectBuffer buffer, int offset, int blockLength, int version) {
        join.wrap(buffer, offset, blockLength, version);
        return join;
    }

    /** The join wrapped by {@link #wrapJoin}, from {@code sender}, checked up to {@code end}. */
    DecodeResult decodeJoin(DirectBuffer buffer, int end, int sender) {
        long ringSeq = join.ringSeq();
        if (ringSeq < 0) {
            return DropReason.BAD_FIELD;
        }
        DropReason problem = groupBounds.check(buffer, join.limit(), end, 0, maxNodes,
                TotemJoinDecoder.ProcListDecoder.sbeBlockLength());
        if (problem != null) {
            return problem;
        }
        TotemJoinDecoder.ProcListDecoder procList = join.procList();
        problem = readNodes(procList.count(), () -> (int) procList.next().nodeId(), nodesScratch);
        if (problem != null) {
            return problem;
        }
        problem = groupBounds.check(buffer, join.limit(), end, 0, maxNodes,
                TotemJoinDecoder.FailedListDecoder.sbeBlockLength());
        if (problem != null) {
            return problem;
        }
        TotemJoinDecoder.FailedListDecoder failedList = join.failedList();
        problem = readNodes(failedList.count(), () -> (int) failedList.next().nodeId(), failedScratch);
        if (problem != null) {
            return problem;
        }
        if (Collections.binarySearch(nodesScratch, sender) < 0) {
            return DropReason.BAD_FIELD;
        }
        return new DecodeResult.Decoded(new TotemJoinFrame(sender, localNodeId, nodesScratch, failedScratch, ringSeq));
    }

    /** The commit token flyweight wrapped on the block at {@code offset}, for the envelope check. */
    TotemCommitTokenDecoder wrapCommitToken(DirectBuffer buffer, int offset, int blockLength, int version) {
        commit.wrap(buffer, offset, blockLength, version);
        return commit;
    }

    /** The commit token wrapped by {@link #wrapCommitToken}, from {@code sender}, checked up to {@code end}. */
    DecodeResult decodeCommitToken(DirectBuffer buffer, int end, int sender) {
        long tokenSeq = commit.tokenSeq();
        RingIdentityDecoder ring = commit.newRingId();
        int rep = (int) ring.repNodeId();
        long ringSeq = ring.ringSeq();
        int membIndex = commit.membIndex();
        if (rep == 0 || (tokenSeq | ringSeq) < 0) {
            return DropReason.BAD_FIELD;
        }
        DropReason problem = groupBounds.check(buffer, commit.limit(), end, 1, maxNodes,
                TotemCommitTokenDecoder.MembersDecoder.sbeBlockLength());
        if (problem != null) {
            return problem;
        }
        TotemCommitTokenDecoder.MembersDecoder members = commit.members();
        problem = readNodes(members.count(), () -> (int) members.next().nodeId(), nodesScratch);
        if (problem != null) {
            return problem;
        }
        if (nodesScratch.get(0) != rep || membIndex > nodesScratch.size()) {
            return DropReason.BAD_FIELD;
        }
        problem = groupBounds.check(buffer, commit.limit(), end, membIndex, membIndex,
                TotemCommitTokenDecoder.EntriesDecoder.sbeBlockLength());
        if (problem != null) {
            return problem;
        }
        problem = readEntries();
        if (problem != null) {
            return problem;
        }
        return new DecodeResult.Decoded(new TotemCommitTokenFrame(sender, localNodeId, tokenSeq, rep, ringSeq,
                membIndex, nodesScratch, entriesScratch));
    }

    /** Reads the commit token's entries group (already bounds-checked) into {@link #entriesScratch}. */
    private DropReason readEntries() {
        entriesScratch.clear();
        for (TotemCommitTokenDecoder.EntriesDecoder entry : commit.entries()) {
            RingIdentityDecoder oldRing = entry.oldRingId();
            int oldRep = (int) oldRing.repNodeId();
            long oldRingSeq = oldRing.ringSeq();
            long aru = entry.aru();
            long highDelivered = entry.highDelivered();
            short flag = entry.receivedFlagRaw();
            if (oldRep == 0 || (oldRingSeq | aru | highDelivered) < 0 || flag > 1) {
                return DropReason.BAD_FIELD;
            }
            entriesScratch.add(new TotemCommitTokenFrame.Entry(oldRep, oldRingSeq, aru, highDelivered, flag == 1));
        }
        return null;
    }

    /** The merge detect flyweight wrapped on the block at {@code offset}, for the envelope check. */
    TotemMergeDetectDecoder wrapMergeDetect(DirectBuffer buffer, int offset, int blockLength, int version) {
        mergeDetect.wrap(buffer, offset, blockLength, version);
        return mergeDetect;
    }

    /** The merge detect wrapped by {@link #wrapMergeDetect}, from {@code sender}. */
    DecodeResult decodeMergeDetect(int sender) {
        RingIdentityDecoder ring = mergeDetect.ringId();
        int rep = (int) ring.repNodeId();
        long ringSeq = ring.ringSeq();
        if (rep == 0 || ringSeq < 0) {
            return DropReason.BAD_FIELD;
        }
        return new DecodeResult.Decoded(new TotemMergeDetectFrame(sender, localNodeId, rep, ringSeq));
    }

    /**
     * Reads {@code count} node ids from {@code next} (a bounds-checked group) into {@code into}:
     * each must be in the nodelist and above the one before ({@code BAD_FIELD} otherwise).
     */
    private DropReason readNodes(int count, IntSupplier next, List<Integer> into) {
        into.clear();
        for (int i = 0; i < count; i++) {
            int nodeId = next.getAsInt();
            if (linkCounts.get(nodeId) < 0 || (i > 0 && nodeId <= into.get(i - 1))) {
                return DropReason.BAD_FIELD;
            }
            into.add(nodeId);
        }
        return null;
    }
}
