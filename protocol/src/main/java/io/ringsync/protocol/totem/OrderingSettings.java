package io.ringsync.protocol.totem;

import io.ringsync.config.TotemSettings;

/**
 * The constants {@link OrderingCore} uses, with Corosync's names.
 *
 * @param maxMessages            {@code max_messages}: messages one node may send per token visit (17)
 * @param windowSize             {@code window_size}: messages the ring may send per rotation (50)
 * @param missCountConst         {@code miss_count_const}: visits a seq must be missing before it
 *                               is put on the rtr list (5)
 * @param failRecvConst          {@code fail_recv_const}: visits the aru may stay stuck on this
 *                               node before FAILED TO RECEIVE (2500)
 * @param receiveWindowSlots     slots of the {@link ReceiveWindow} (Corosync: 16384)
 * @param originateQueueCapacity messages that may wait to be originated; a full queue refuses
 *                               (TRY_AGAIN). ringsync's own bound, default {@value #DEFAULT_QUEUE_CAPACITY}
 */
public record OrderingSettings(int maxMessages, int windowSize, int missCountConst, int failRecvConst,
                               int receiveWindowSlots, int originateQueueCapacity) {

    /** Default originate queue bound. */
    public static final int DEFAULT_QUEUE_CAPACITY = 1024;

    /** Checks every value is positive and that one rotation's window fits the receive window. */
    public OrderingSettings {
        if (maxMessages < 1 || windowSize < 1 || missCountConst < 0 || failRecvConst < 1
                || originateQueueCapacity < 1 || receiveWindowSlots <= windowSize) {
            throw new IllegalArgumentException("bad ordering settings: " + maxMessages + "/" + windowSize + "/"
                    + missCountConst + "/" + failRecvConst + "/" + receiveWindowSlots + "/" + originateQueueCapacity);
        }
    }

    /** The values of {@code totem} with Corosync's 16384-slot window and the default queue bound. */
    public static OrderingSettings of(TotemSettings totem) {
        return new OrderingSettings(totem.maxMessages(), totem.windowSize(), totem.missCountConst(),
                totem.failRecvConst(), ReceiveWindow.DEFAULT_CAPACITY, DEFAULT_QUEUE_CAPACITY);
    }

    /** Corosync 3.1's defaults: 17, 50, 5, 2500, 16384 slots, and the default queue bound. */
    public static OrderingSettings corosyncDefaults() {
        return new OrderingSettings(17, 50, 5, 2500, ReceiveWindow.DEFAULT_CAPACITY, DEFAULT_QUEUE_CAPACITY);
    }
}
