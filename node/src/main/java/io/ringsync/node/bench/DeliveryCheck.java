package io.ringsync.node.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a receiver checks of the bench messages it is delivered, in delivery order: each
 * sender's DATA counters strictly increase (FIFO, no duplicate: a sender offers its counters in
 * order and Totem delivers accepted messages in the order accepted), nothing of a sender comes
 * after its END, and once its END arrived, the DATA messages delivered from it are exactly as
 * many as it says Totem accepted (none lost). The order hash, FNV-1a over (sender, counter) of
 * every DATA message in delivery order, is equal on every node iff they delivered the same
 * messages in the same total order. Not thread-safe.
 */
public final class DeliveryCheck {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final Map<Integer, long[]> perSender = new HashMap<>(); // {last counter, delivered}
    private final Map<Integer, Long> ends = new TreeMap<>();
    private long hash = FNV_OFFSET;
    private String firstProblem;

    /** One DATA message from {@code sender} with {@code counter}. */
    public void data(int sender, long counter) {
        long[] state = perSender.computeIfAbsent(sender, s -> new long[] {Long.MIN_VALUE, 0});
        if (counter <= state[0]) {
            problem("node " + sender + ": counter " + counter + " after " + state[0]);
        }
        if (ends.containsKey(sender)) {
            problem("node " + sender + ": counter " + counter + " after its END");
        }
        state[0] = counter;
        state[1]++;
        mix(sender);
        mix(counter);
    }

    /** The END message of {@code sender}, which had {@code accepted} DATA messages accepted. */
    public void end(int sender, long accepted) {
        if (ends.put(sender, accepted) != null) {
            problem("node " + sender + ": a second END");
        }
        long delivered = delivered(sender);
        if (delivered != accepted) {
            problem("node " + sender + ": " + delivered + " delivered, " + accepted + " accepted");
        }
    }

    /** DATA messages delivered from {@code sender}. */
    public long delivered(int sender) {
        long[] state = perSender.get(sender);
        return state == null ? 0 : state[1];
    }

    /** END messages delivered. */
    public int ends() {
        return ends.size();
    }

    /** True while no problem was seen and every sender whose DATA arrived has also sent its END. */
    public boolean ok() {
        return firstProblem == null && ends.keySet().containsAll(perSender.keySet());
    }

    /** The first problem seen, or null. */
    public String firstProblem() {
        if (firstProblem == null && !ends.keySet().containsAll(perSender.keySet())) {
            return "no END from some sender";
        }
        return firstProblem;
    }

    /** FNV-1a over (sender, counter) of the DATA messages, in delivery order. */
    public long orderHash() {
        return hash;
    }

    private void problem(String what) {
        if (firstProblem == null) {
            firstProblem = what;
        }
    }

    private void mix(long value) {
        for (int i = 0; i < 8; i++) {
            hash ^= (value >>> (8 * i)) & 0xff;
            hash *= FNV_PRIME;
        }
    }
}
