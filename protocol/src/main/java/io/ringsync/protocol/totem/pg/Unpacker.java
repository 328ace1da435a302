package io.ringsync.protocol.totem.pg;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.pg.ChunkParser.Entry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The receiving side of {@link PackingQueue} for every sender of one node (Corosync's
 * {@code totempg_deliver_fn} with its per-sender {@code assembly} list): takes the chunks Totem
 * delivers, in total order, and returns the application messages they complete.
 *
 * <p>Rules:
 * <ul>
 * <li>Totem delivers the chunks of one sender in that sender's order, interleaved with other
 *     senders' chunks; so each sender has at most one unfinished message, continued only by
 *     its own next chunk.</li>
 * <li>A chunk is checked whole ({@link ChunkFormat}) before anything is copied. A malformed one
 *     is dropped (none of its messages is returned), counted by {@link DropReason}, and the
 *     sender's unfinished message is discarded, so a lost or forged fragment can never splice
 *     two messages together. {@link #onChunk} never throws.</li>
 * <li>Memory follows what arrived, not what a header claims: an unfinished message holds
 *     copies of its fragments only, and the message array (at most {@code maxMessageBytes})
 *     is allocated when its LAST fragment has arrived.</li>
 * <li>Unlike Corosync, which trusts lengths from the ring, nothing here relies on the sender
 *     being well behaved.</li>
 * </ul>
 */
@PureCore
public final class Unpacker {

    /** One sender's unfinished message: its declared length and the fragments so far. */
    private static final class Partial {
        final int total;
        int received;
        final List<byte[]> fragments = new ArrayList<>();

        Partial(int total) {
            this.total = total;
        }
    }

    private final int maxMessageBytes;
    private final Map<Integer, Partial> partials = new HashMap<>();
    private final long[] drops = new long[DropReason.values().length];
    private long bufferedBytes;
    private long discardedPartials;

    /** An unpacker with no unfinished message, accepting messages of up to {@code maxMessageBytes}. */
    public Unpacker(int maxMessageBytes) {
        if (maxMessageBytes < 0) {
            throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Takes the next chunk of {@code senderNodeId} and returns the messages it completes, in
     * order, as an unmodifiable list of new arrays; empty if it completes none or is dropped.
     */
    public List<byte[]> onChunk(int senderNodeId, byte[] chunkBytes) {
        Partial partial = partials.get(senderNodeId);
        List<Entry> entries = new ArrayList<>();
        DropReason reason = ChunkParser.parse(chunkBytes, maxMessageBytes,
                partial == null ? ChunkParser.NONE : partial.total, partial == null ? 0 : partial.received, entries);
        if (reason != null) {
            drops[reason.ordinal()]++;
            discard(senderNodeId);
            return List.of();
        }
        List<byte[]> out = new ArrayList<>();
        for (Entry entry : entries) {
            byte[] data = Arrays.copyOfRange(chunkBytes, entry.offset(), entry.offset() + entry.length());
            switch (entry.kind()) {
                case WHOLE -> out.add(data);
                case FIRST -> {
                    partial = new Partial(entry.total());
                    partials.put(senderNodeId, partial);
                    add(partial, data);
                }
                case MIDDLE -> add(partial, data);
                case LAST -> {
                    add(partial, data);
                    out.add(join(partial));
                    partials.remove(senderNodeId);
                    partial = null;
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * A regular configuration was delivered: discard every unfinished message. Extended
     * virtual synchrony needs every member of the new configuration to decide alike, but they
     * come from different old rings and hold different fragments; so no fragmented message
     * spans a configuration change, and its later fragments are dropped everywhere as
     * {@link DropReason#ORPHAN_CONTINUATION} (a fragment's chunk holds nothing else).
     */
    public void configurationChanged() {
        for (Integer sender : List.copyOf(partials.keySet())) {
            discard(sender);
        }
    }

    /** Discards the unfinished message of {@code senderNodeId}, if any (it left the configuration). */
    public void senderLeft(int senderNodeId) {
        discard(senderNodeId);
    }

    /** Senders with an unfinished message. */
    public int partialCount() {
        return partials.size();
    }

    /** Bytes held in unfinished messages: the fragments that arrived, not the totals declared. */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /** Unfinished messages discarded, by a dropped chunk or {@link #senderLeft}. */
    public long discardedPartials() {
        return discardedPartials;
    }

    /** Chunks dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return drops[reason.ordinal()];
    }

    /** Chunks dropped for any reason. */
    public long droppedTotal() {
        return Arrays.stream(drops).sum();
    }

    /** A snapshot of the drop counts, every reason present. */
    public Map<DropReason, Long> drops() {
        Map<DropReason, Long> snapshot = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            snapshot.put(reason, drops[reason.ordinal()]);
        }
        return snapshot;
    }

    @Override
    public String toString() {
        return "Unpacker[" + partials.size() + " partial, " + bufferedBytes + "B buffered, "
                + droppedTotal() + " dropped]";
    }

    private void add(Partial partial, byte[] fragment) {
        partial.fragments.add(fragment);
        partial.received += fragment.length;
        bufferedBytes += fragment.length;
    }

    /** The complete message; the parser has checked that the fragments add up to its total. */
    private byte[] join(Partial partial) {
        byte[] message = new byte[partial.total];
        int pos = 0;
        for (byte[] fragment : partial.fragments) {
            System.arraycopy(fragment, 0, message, pos, fragment.length);
            pos += fragment.length;
        }
        bufferedBytes -= partial.received;
        return message;
    }

    private void discard(int senderNodeId) {
        Partial partial = partials.remove(senderNodeId);
        if (partial != null) {
            bufferedBytes -= partial.received;
            discardedPartials++;
        }
    }
}
