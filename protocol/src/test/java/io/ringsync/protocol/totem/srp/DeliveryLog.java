package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.RingId;
import java.util.ArrayList;
import java.util.List;

/**
 * What one process (a node incarnation) delivered, in order: messages and configuration
 * changes, as the simulator saw them come out of its {@link SrpCore}. The checkers of
 * {@link DeliveryChecks} read these logs.
 */
final class DeliveryLog {

    /** One line of the log. */
    sealed interface Entry permits Message, Configuration, SyncDone {
    }

    /** The service sync round of {@code ringId} completed here (only with a sync layer). */
    record SyncDone(RingId ringId) implements Entry {
    }

    /** A delivered application message; {@code payload} names its sender process and number. */
    record Message(String payload, int senderNodeId, RingId ringId, long seq, Delivery delivery, boolean transitional)
            implements Entry {
    }

    /** A delivered configuration change. */
    record Configuration(ConfigurationKind kind, RingId ringId, List<Integer> members) implements Entry {
    }

    private final String process;
    private final List<Entry> entries = new ArrayList<>();
    private boolean inTransitional;

    DeliveryLog(String process) {
        this.process = process;
    }

    void message(String payload, int sender, RingId ringId, long seq, Delivery delivery) {
        entries.add(new Message(payload, sender, ringId, seq, delivery, inTransitional));
    }

    void configuration(ConfigurationKind kind, RingId ringId, List<Integer> members) {
        inTransitional = kind == ConfigurationKind.TRANSITIONAL;
        entries.add(new Configuration(kind, ringId, members));
    }

    void syncDone(RingId ringId) {
        entries.add(new SyncDone(ringId));
    }

    String process() {
        return process;
    }

    List<Entry> entries() {
        return entries;
    }

    /** The delivered payloads in order. */
    List<String> payloads() {
        return entries.stream().filter(e -> e instanceof Message).map(e -> ((Message) e).payload()).toList();
    }

    /** The last regular configuration delivered, or null. */
    Configuration lastRegular() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i) instanceof Configuration c && c.kind() == ConfigurationKind.REGULAR) {
                return c;
            }
        }
        return null;
    }
}
