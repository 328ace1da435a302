package io.ringsync.protocol.totem.pg;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.pg.ChunkFormat.Kind;
import io.ringsync.protocol.totem.pg.ChunkLayout.Piece;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * The originate queue of one node (Corosync's {@code totempg_mcast} with its
 * {@code mcast_packed_msg} packing and fragmentation): application messages of up to
 * {@code maxMessageBytes} go in, {@link Chunk}s of at most {@code maxChunkBytes} come out for
 * Totem to order, one chunk per Totem message.
 *
 * <p>Rules:
 * <ul>
 * <li><b>Packing.</b> Only the last queued chunk, the <i>open</i> one, is ever appended to, and
 *     only by a message of its delivery; a polled chunk is final. So the messages of the
 *     unpacked chunks come out in exactly the order offered, overall and not only per
 *     delivery kind: an AGREED message never passes a SAFE one, and the two never share a
 *     chunk. Where each message goes is decided by {@link ChunkLayout}.</li>
 * <li><b>Fragmentation.</b> A message too large for one fresh chunk is split into a FIRST
 *     fragment, full MIDDLE fragments and a LAST one, in consecutive chunks of their own
 *     ({@link ChunkLayout}, {@link ChunkFormat}).</li>
 * <li><b>All or nothing.</b> {@link #offer} refuses a message whose new chunks would take the
 *     queue beyond {@code capacityChunks} ({@link Offer#TRY_AGAIN}, as Corosync's
 *     {@code totempg_mcast} returns -1 when the queue lacks room) and leaves the queue
 *     unchanged. Packing into the open chunk needs no new chunk, so a full queue may still
 *     accept a small message.</li>
 * <li>The constructor requires room for a {@code maxMessageBytes} message in an empty queue,
 *     so that no accepted size is refused forever.</li>
 * <li><b>Polls are final once committed.</b> The chunks {@link #poll}ed since the last
 *     {@link #commitPolls} can be given back ({@link #rollbackPolls}): Totem commits at the end
 *     of each step of its core, when the polled chunks are in the effects that send them, so a
 *     core that fails in the middle of a step gives back exactly the chunks it never sent
 *     (see {@link io.ringsync.protocol.totem.srp.AcceptedMessages}).</li>
 * </ul>
 */
@PureCore
public final class PackingQueue {

    /** The default largest application message: 1 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;

    /** What {@link #offer} did with a message. */
    public enum Offer {
        /** Queued. */
        ACCEPTED,
        /** Refused for now: the queue lacks the chunks it needs. The queue is unchanged. */
        TRY_AGAIN,
        /** Refused for good: above {@code maxMessageBytes}. The queue is unchanged. */
        TOO_LARGE
    }

    /** Chunks of at most {@code maxChunkBytes} a message of {@code messageBytes} takes in an empty queue. */
    public static int chunksFor(int messageBytes, int maxChunkBytes) {
        return ChunkLayout.newChunks(ChunkLayout.plan(-1, messageBytes, maxChunkBytes));
    }

    private final int maxChunkBytes;
    private final int capacityChunks;
    private final int maxMessageBytes;
    private final ArrayDeque<ChunkBuilder> chunks = new ArrayDeque<>();
    private long queuedBytes;
    private boolean lastClosed;
    private ChunkBuilder inFlight;
    private final ArrayDeque<ChunkBuilder> uncommitted = new ArrayDeque<>();
    private ChunkBuilder inFlightAtCommit;

    /**
     * An empty queue of up to {@code capacityChunks} chunks of at most {@code maxChunkBytes}
     * (at least {@link ChunkFormat#MIN_CHUNK_BYTES}) for messages of up to
     * {@code maxMessageBytes}; the capacity must hold one message of that size.
     */
    public PackingQueue(int maxChunkBytes, int capacityChunks, int maxMessageBytes) {
        if (maxChunkBytes < ChunkFormat.MIN_CHUNK_BYTES || maxMessageBytes < 0 || capacityChunks < 1) {
            throw new IllegalArgumentException("maxChunkBytes " + maxChunkBytes + " (at least "
                    + ChunkFormat.MIN_CHUNK_BYTES + "), capacityChunks " + capacityChunks
                    + " (at least 1), maxMessageBytes " + maxMessageBytes + " (at least 0)");
        }
        int needed = ChunkLayout.newChunks(ChunkLayout.plan(-1, maxMessageBytes, maxChunkBytes));
        if (capacityChunks < needed) {
            throw new IllegalArgumentException("capacityChunks " + capacityChunks + " cannot hold a message of "
                    + maxMessageBytes + " bytes, which takes " + needed + " chunks of " + maxChunkBytes);
        }
        this.maxChunkBytes = maxChunkBytes;
        this.capacityChunks = capacityChunks;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Queues a copy of {@code message} for {@code delivery}, packed into the open chunk or
     * fragmented as the class rules say, or refuses it and changes nothing.
     */
    public Offer offer(Delivery delivery, byte[] message) {
        Objects.requireNonNull(delivery, "delivery");
        if (message.length > maxMessageBytes) {
            return Offer.TOO_LARGE;
        }
        ChunkBuilder last = chunks.peekLast();
        int openRoom = last != null && !lastClosed && last.delivery() == delivery ? last.room() : -1;
        List<Piece> pieces = ChunkLayout.plan(openRoom, message.length, maxChunkBytes);
        if (chunks.size() + ChunkLayout.newChunks(pieces) > capacityChunks) {
            return Offer.TRY_AGAIN;
        }
        boolean fragmented = pieces.size() > 1;
        byte[] copy = fragmented ? message.clone() : message;
        for (Piece piece : pieces) {
            if (piece.newChunk()) {
                chunks.addLast(new ChunkBuilder(delivery, maxChunkBytes, fragmented ? copy : null));
                queuedBytes += ChunkFormat.HEADER_BYTES;
            }
            queuedBytes += chunks.peekLast().append(piece, copy);
            lastClosed = piece.kind() == Kind.LAST;
        }
        return Offer.ACCEPTED;
    }

    /** Removes and returns the oldest chunk, now final, or null if the queue is empty. */
    public Chunk poll() {
        ChunkBuilder head = chunks.pollFirst();
        if (head == null) {
            return null;
        }
        queuedBytes -= head.length();
        uncommitted.addLast(head);
        inFlight = head.fragmentOf() == null || head.holdsLast() ? null : head;
        return head.toChunk();
    }

    /** The chunks polled so far are final: {@link #rollbackPolls} no longer gives them back. */
    public void commitPolls() {
        uncommitted.clear();
        inFlightAtCommit = inFlight;
    }

    /**
     * Gives back the chunks polled since the last {@link #commitPolls}, at the head of the queue
     * in their order, as if they had never been polled (the message then partly sent is that of
     * the commit). The queue may exceed its capacity by them.
     */
    public void rollbackPolls() {
        for (ChunkBuilder chunk = uncommitted.pollLast(); chunk != null; chunk = uncommitted.pollLast()) {
            chunks.addFirst(chunk);
            queuedBytes += chunk.length();
        }
        inFlight = inFlightAtCommit;
    }

    /**
     * A regular configuration was delivered, and with it every node dropped its partial
     * messages ({@link Unpacker#configurationChanged}). If this queue's oldest message was
     * partly sent (its FIRST polled, its LAST not), its remaining fragments are replaced by the
     * whole message, fragmented afresh, at the head of the queue, so that it is sent again, whole,
     * in the new configuration. The queue may exceed its capacity by that one message. Its
     * fragments polled since the last {@link #commitPolls} are forgotten: a rollback must not give
     * back a fragment of a message that is queued again whole.
     */
    public void restartPartlySent() {
        if (inFlight == null) {
            return;
        }
        byte[] message = inFlight.fragmentOf();
        Delivery delivery = inFlight.delivery();
        inFlight = null;
        uncommitted.removeIf(chunk -> chunk.fragmentOf() == message);
        if (inFlightAtCommit != null && inFlightAtCommit.fragmentOf() == message) {
            inFlightAtCommit = null;
        }
        while (!chunks.isEmpty() && chunks.peekFirst().fragmentOf() == message) {
            queuedBytes -= chunks.pollFirst().length();
        }
        boolean tail = chunks.isEmpty();
        ArrayDeque<ChunkBuilder> fresh = new ArrayDeque<>();
        for (Piece piece : ChunkLayout.plan(-1, message.length, maxChunkBytes)) {
            fresh.addLast(new ChunkBuilder(delivery, maxChunkBytes, message));
            queuedBytes += ChunkFormat.HEADER_BYTES + fresh.peekLast().append(piece, message);
        }
        fresh.descendingIterator().forEachRemaining(chunks::addFirst);
        lastClosed |= tail;
    }

    /**
     * The oldest chunk as it is now, or null if the queue is empty. If it is also the open
     * chunk, a later {@link #offer} may still append to it, so {@link #poll} may return more.
     */
    public Chunk peek() {
        ChunkBuilder head = chunks.peekFirst();
        return head == null ? null : head.toChunk();
    }

    /** Chunks queued. */
    public int size() {
        return chunks.size();
    }

    /** Whether no chunk is queued. */
    public boolean isEmpty() {
        return chunks.isEmpty();
    }

    /** Encoded bytes queued (what the queued chunks will put on the wire), headers included. */
    public long queuedBytes() {
        return queuedBytes;
    }

    /** The most chunks the queue holds. */
    public int capacityChunks() {
        return capacityChunks;
    }

    /** The largest chunk this queue builds, in bytes. */
    public int maxChunkBytes() {
        return maxChunkBytes;
    }

    /** The largest message {@link #offer} accepts, in bytes. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    @Override
    public String toString() {
        return "PackingQueue[" + chunks.size() + "/" + capacityChunks + " chunks, " + queuedBytes + "B]";
    }
}
