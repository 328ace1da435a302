package io.ringsync.it;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import io.ringsync.protocol.totem.srp.DeliveryLog;
import io.ringsync.protocol.totem.srp.DeliveryLog.Configuration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@link TrafficLog} file read back: the deliveries and configuration changes as the
 * simulator's {@link DeliveryLog} (so that {@code DeliveryChecks} run on them), what the
 * process sent, and where in its log it sent it. A last line without its newline (a kill in
 * the middle of a write) is ignored.
 */
final class TrafficLogFile {

    private final String process;
    private final DeliveryLog deliveries;
    /** Accepted messages, each with the number of delivery-log entries before its S line. */
    private final Map<String, Integer> accepted = new LinkedHashMap<>();
    /** Epoch ms of each configuration change, by its index in the delivery log. */
    private final Map<Integer, Long> configurationTimes = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private String lastOffered;
    private boolean trafficOver;

    private TrafficLogFile(String process) {
        this.process = process;
        this.deliveries = new DeliveryLog(process);
    }

    /** Reads {@code file}, the log of {@code process} ("n<id>.<incarnation>"); an absent file is an empty log. */
    static TrafficLogFile read(Path file, String process) throws IOException {
        TrafficLogFile log = new TrafficLogFile(process);
        if (!Files.exists(file)) {
            return log;
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.remove(lines.size() - 1);
        for (String line : lines) {
            try {
                log.parse(line.split(" "), line);
            } catch (RuntimeException e) {
                log.problems.add(process + ": unreadable line \"" + line + "\": " + e);
            }
        }
        return log;
    }

    private void parse(String[] f, String line) {
        switch (f[0]) {
            case "P" -> lastOffered = f[1];
            case "S" -> accepted.put(f[1], deliveries.entries().size());
            case "E" -> trafficOver = true;
            case "X" -> problems.add(process + ": " + line.substring(2, line.lastIndexOf(' ')));
            case "D" -> {
                Delivery delivery = Delivery.valueOf(f[5]);
                deliveries.message(f[1], Integer.parseInt(f[2]), ringId(f[3]), Long.parseLong(f[4]), delivery);
                if (delivery != TrafficPayloads.delivery(TrafficPayloads.numberOf(f[1]))) {
                    problems.add(process + ": delivered " + f[1] + " as " + delivery + ", sent as "
                            + TrafficPayloads.delivery(TrafficPayloads.numberOf(f[1])));
                }
            }
            case "C" -> {
                configurationTimes.put(deliveries.entries().size(), Long.parseLong(f[4]));
                deliveries.configuration(ConfigurationKind.valueOf(f[1]), ringId(f[2]),
                        Arrays.stream(f[3].split(",")).map(Integer::valueOf).toList());
            }
            default -> throw new IllegalArgumentException("unknown line type " + f[0]);
        }
    }

    /** A ring id as {@link RingId#toString()} writes it: rep and seq in hex. */
    static RingId ringId(String text) {
        int dot = text.indexOf('.');
        return new RingId(Integer.parseUnsignedInt(text.substring(0, dot), 16),
                Long.parseUnsignedLong(text.substring(dot + 1), 16));
    }

    String process() {
        return process;
    }

    DeliveryLog deliveries() {
        return deliveries;
    }

    /** The messages Totem accepted, in order. */
    Set<String> accepted() {
        return accepted.keySet();
    }

    /**
     * The message offered last when the log has no answer for it (the process died between
     * offering it and writing the answer): it may have been sent.
     */
    String unanswered() {
        return lastOffered != null && !accepted.containsKey(lastOffered) ? lastOffered : null;
    }

    /** The messages this process delivered. */
    Set<String> delivered() {
        return new HashSet<>(deliveries.payloads());
    }

    /** Whether message {@code name} was accepted after the delivery-log entry at {@code index}. */
    boolean acceptedAfter(String name, int index) {
        Integer at = accepted.get(name);
        return at != null && at > index;
    }

    /** The X lines, and lines that were not understood. */
    List<String> problems() {
        return problems;
    }

    boolean trafficOver() {
        return trafficOver;
    }

    /** The index in {@link #deliveries()} of the last REGULAR configuration, or -1. */
    int lastRegularIndex() {
        for (int i = deliveries.entries().size() - 1; i >= 0; i--) {
            if (deliveries.entries().get(i) instanceof Configuration c && c.kind() == ConfigurationKind.REGULAR) {
                return i;
            }
        }
        return -1;
    }

    /** A configuration change, where it is in the delivery log and when it was delivered (epoch ms). */
    record Change(int index, Configuration configuration, long epochMs) {
    }

    /** The configuration changes from delivery-log entry {@code index} on, in order. */
    List<Change> changesFrom(int index) {
        List<Change> changes = new ArrayList<>();
        for (int i = index; i < deliveries.entries().size(); i++) {
            if (deliveries.entries().get(i) instanceof Configuration c) {
                changes.add(new Change(i, c, configurationTimes.getOrDefault(i, -1L)));
            }
        }
        return changes;
    }
}
