package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.RingId;
import java.util.ArrayList;
import java.util.List;

/**
 * What one process (a node incarnation) delivered, in order: messages and configuration
 * changes, as the simulator saw them come out of its {@link SrpCore}. The checkers of
 * {@link DeliveryChecks} read these logs. Public (with the protocol's test jar) so that the
 * multi-process chaos test of it-tests builds the same logs from its nodes' log files.
 */
public final class DeliveryLog {

    /** One line of the log. */
    public sealed interface Entry permits Message, Configuration, SyncDone {
    }

    /** The service sync round of {@code ringId} completed here (only with a sync layer). */
    public record SyncDone(RingId ringId) implements Entry {
    }

    /** A delivered application message; {@code payload} names its sender process and number. */
    public record Message(String payload, int senderNodeId, RingId ringId, long seq, Delivery delivery,
                          boolean transitional) implements Entry {
    }

    /** A delivered configuration change. */
    public record Configuration(ConfigurationKind kind, RingId ringId, List<Integer> members) implements Entry {
    }

    private final String process;
    private final List<Entry> entries = new ArrayList<>();
    private boolean inTransitional;

    public DeliveryLog(String process) {
        this.process = process;
    }

    public void message(String payload, int sender, RingId ringId, long seq, Delivery delivery) {
        entries.add(new Message(payload, sender, ringId, seq, delivery, inTransitional));
    }

    public void configuration(ConfigurationKind kind, RingId ringId, List<Integer> members) {
        inTransitional = kind == ConfigurationKind.TRANSITIONAL;
        entries.add(new Configuration(kind, ringId, members));
    }

    public void syncDone(RingId ringId) {
        entries.add(new SyncDone(ringId));
    }

    public String process() {
        return process;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The delivered payloads in order. */
    public List<String> payloads() {
        return entries.stream().filter(e -> e instanceof Message).map(e -> ((Message) e).payload()).toList();
    }

    /** The last regular configuration delivered, or null. */
    public Configuration lastRegular() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i) instanceof Configuration c && c.kind() == ConfigurationKind.REGULAR) {
                return c;
            }
        }
        return null;
    }
}
