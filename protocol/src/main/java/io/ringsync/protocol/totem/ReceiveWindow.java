package io.ringsync.protocol.totem;

import io.ringsync.protocol.PureCore;
import java.util.ArrayList;
import java.util.List;

/**
 * The retransmit buffer and delivery order of one node in one ring (Corosync's
 * {@code regular_sort_queue} plus {@code messages_deliver_to_app} and {@code messages_free}).
 * Messages are kept by seq in a circular array of {@code capacity} slots covering the seqs
 * {@code (released, released + capacity]}; everything at or below {@code released} was
 * delivered here and is known to be held by every member, so it is gone.
 *
 * <p>Rules:
 * <ul>
 * <li><b>Insert.</b> A seq at or below {@code released}, or already held, is a duplicate
 *     (ignored, counted). A seq above {@code released + capacity} is refused and counted, as
 *     Corosync's {@code sq_in_range} does with its 16384-slot queue; the sender's retransmit
 *     brings it again once the window has moved. Nothing grows without bound.</li>
 * <li><b>myAru</b> is the highest seq with every seq at or below it held (Totem's "aru").</li>
 * <li><b>Agreed delivery</b>: in seq order up to the first gap, own messages included.</li>
 * <li><b>Safe delivery</b> (Totem TOCS 1995, "safe delivery: aru seen twice"): a SAFE message is
 *     delivered once the token's aru received on two successive visits of this node is at least
 *     its seq. The aru is lowered by every member that lacks a seq and raised only by the member
 *     that lowered it on its next visit, so aru &ge; s at two successive receipts means every
 *     member held s. A waiting SAFE message blocks every later one: the order is total.</li>
 * <li><b>Free</b> (Corosync's {@code messages_free}): release seqs up to
 *     min(aru this visit, aru previous visit, highest delivered here).</li>
 * </ul>
 * Ring membership of messages is the caller's concern ({@link OrderingCore} drops foreign ones).
 */
@PureCore
public final class ReceiveWindow {

    /** Corosync's {@code QUEUE_RTR_ITEMS_SIZE_MAX}: the default number of slots. */
    public static final int DEFAULT_CAPACITY = 16384;

    /** What {@link #insert} did with a message. */
    public enum InsertResult {
        /** Newly held. */
        STORED,
        /** Already held or already released; ignored. */
        DUPLICATE,
        /** Beyond {@code released + capacity}; refused. */
        OUT_OF_WINDOW
    }

    private final OrderedMessage[] slots;
    private final int[] missCounts;
    private long released;
    private long myAru;
    private long highestSeen;
    private long highDelivered;
    private long stableAru;
    private long duplicates;
    private long outOfWindow;

    /** An empty window of {@code capacity} slots for a new ring (seqs start at 1). */
    public ReceiveWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.slots = new OrderedMessage[capacity];
        this.missCounts = new int[capacity];
    }

    /** Stores {@code message} unless it is a duplicate or beyond the window; advances myAru. */
    public InsertResult insert(OrderedMessage message) {
        long seq = message.seq();
        if (seq > limit()) {
            outOfWindow++;
            return InsertResult.OUT_OF_WINDOW;
        }
        if (seq <= released || slots[slot(seq)] != null) {
            duplicates++;
            return InsertResult.DUPLICATE;
        }
        slots[slot(seq)] = message;
        missCounts[slot(seq)] = 0;
        highestSeen = Math.max(highestSeen, seq);
        while (myAru < highestSeen && slots[slot(myAru + 1)] != null) {
            myAru++;
        }
        return InsertResult.STORED;
    }

    /**
     * Token receipt, step 3: records the aru received on this visit and on the previous one,
     * raises the safe-stability bound to their minimum and frees up to
     * min(that bound, highest delivered). Returns how many messages were released.
     */
    public int onTokenAru(long aruThisVisit, long aruPreviousVisit) {
        stableAru = Math.max(stableAru, Math.min(aruThisVisit, aruPreviousVisit));
        long releaseTo = Math.min(stableAru, highDelivered);
        int freed = 0;
        for (; released < releaseTo; freed++) {
            released++;
            slots[slot(released)] = null;
            missCounts[slot(released)] = 0;
        }
        return freed;
    }

    /** Delivers what the agreed and safe rules allow, in seq order, and returns it. */
    public List<OrderedMessage> deliver() {
        List<OrderedMessage> out = new ArrayList<>();
        while (highDelivered < myAru) {
            OrderedMessage next = slots[slot(highDelivered + 1)];
            if (next.delivery() == Delivery.SAFE && next.seq() > stableAru) {
                break;
            }
            highDelivered++;
            out.add(next);
        }
        return out;
    }

    /** The held message {@code seq}, or null if it is not (or no longer) held. */
    public OrderedMessage get(long seq) {
        return seq > released && seq <= limit() ? slots[slot(seq)] : null;
    }

    /** Whether {@code seq} was received here: held now or already released. */
    public boolean received(long seq) {
        return seq <= released || get(seq) != null;
    }

    /**
     * Counts one more token visit on which the missing {@code seq} was looked at, and returns
     * the count (Corosync's {@code sq_item_miss_count}). {@code seq} must be missing and in the window.
     */
    public int countMiss(long seq) {
        if (seq <= myAru || seq > limit() || slots[slot(seq)] != null) {
            throw new IllegalArgumentException("seq " + seq + " is not a missing seq in the window");
        }
        return ++missCounts[slot(seq)];
    }

    /** The seqs in (myAru, highest seen] not held, ascending. */
    public List<Long> missing() {
        List<Long> out = new ArrayList<>();
        for (long seq = myAru + 1; seq <= highestSeen; seq++) {
            if (slots[slot(seq)] == null) {
                out.add(seq);
            }
        }
        return out;
    }

    /**
     * Throws if a window invariant is broken: released &le; delivered &le; myAru &le; highest &le;
     * limit, and stableAru &le; myAru (what every member holds, this member holds).
     */
    public void checkInvariants() {
        if (!(released <= highDelivered && highDelivered <= myAru && myAru <= highestSeen && stableAru <= myAru
                && highestSeen <= limit() && (myAru == released || slots[slot(myAru)] != null))) {
            throw new IllegalStateException("receive window broken: " + this);
        }
    }

    /** Highest seq with every seq at or below it held. */
    public long myAru() {
        return myAru;
    }

    /** Highest seq stored so far. */
    public long highestSeen() {
        return highestSeen;
    }

    /** Highest seq delivered. */
    public long highDelivered() {
        return highDelivered;
    }

    /** Every seq at or below this is released. */
    public long released() {
        return released;
    }

    /** The highest seq the window can hold now: released + capacity. */
    public long limit() {
        return released + slots.length;
    }

    /** The safe-stability bound: every member is known to hold every seq at or below it. */
    public long stableAru() {
        return stableAru;
    }

    /** Duplicates ignored. */
    public long duplicates() {
        return duplicates;
    }

    /** Messages refused as beyond the window. */
    public long outOfWindow() {
        return outOfWindow;
    }

    @Override
    public String toString() {
        return "ReceiveWindow[released=" + released + " delivered=" + highDelivered + " aru=" + myAru
                + " highest=" + highestSeen + " stable=" + stableAru + " capacity=" + slots.length + "]";
    }

    private int slot(long seq) {
        return (int) (seq % slots.length);
    }
}
