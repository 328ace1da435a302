package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.totem.srp.DeliveryLog.Configuration;
import io.ringsync.protocol.totem.srp.DeliveryLog.Entry;
import io.ringsync.protocol.totem.srp.DeliveryLog.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The safety properties of Totem with extended virtual synchrony (issue 3 section 7; Moser et
 * al., ICDCS 1994), checked on every process's {@link DeliveryLog}. Payloads are
 * {@code "<process>#<k>"} with k counting from 1 per process, so sender and FIFO position are
 * read from the payload. Each method returns the violations found (empty when it holds).
 * Used by the simulator and by the multi-process chaos test of it-tests.
 */
public final class DeliveryChecks {

    private DeliveryChecks() {
    }

    /**
     * Every property at once: no duplicates, no creation, total order, FIFO without gaps per
     * configuration, virtual synchrony; with {@code syncLayer}, also the service sync hook.
     */
    public static List<String> all(List<DeliveryLog> logs, Set<String> sent, boolean syncLayer) {
        List<String> problems = new ArrayList<>();
        for (DeliveryLog log : logs) {
            problems.addAll(noDuplicatesNoCreation(log, sent));
            problems.addAll(fifoWithoutGaps(log));
            if (syncLayer) {
                problems.addAll(syncBeforeApplication(log));
            }
        }
        problems.addAll(totalOrder(logs));
        problems.addAll(virtualSynchrony(logs));
        return problems;
    }

    /** Each message at most once per process, and only messages that some process sent. */
    public static List<String> noDuplicatesNoCreation(DeliveryLog log, Set<String> sent) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String payload : log.payloads()) {
            if (!seen.add(payload)) {
                problems.add(log.process() + " delivered " + payload + " twice");
            }
            if (!sent.contains(payload)) {
                problems.add(log.process() + " delivered " + payload + " that nobody sent");
            }
        }
        return problems;
    }

    /**
     * FIFO per sender: k increases; and within one configuration (from a regular configuration
     * to the next) a sender's messages have no gap.
     */
    public static List<String> fifoWithoutGaps(DeliveryLog log) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> lastK = new HashMap<>();
        Map<String, Integer> lastKInConfig = new HashMap<>();
        for (Entry entry : log.entries()) {
            if (entry instanceof Configuration c && c.kind() == ConfigurationKind.REGULAR) {
                lastKInConfig.clear();
            } else if (entry instanceof Message m) {
                String sender = senderOf(m.payload());
                int k = numberOf(m.payload());
                Integer previous = lastK.put(sender, k);
                if (previous != null && k <= previous) {
                    problems.add(log.process() + " delivered " + m.payload() + " after " + sender + "#" + previous);
                }
                Integer previousInConfig = lastKInConfig.put(sender, k);
                if (previousInConfig != null && k != previousInConfig + 1) {
                    problems.add(log.process() + " skipped from " + sender + "#" + previousInConfig + " to "
                            + m.payload() + " inside one configuration");
                }
            }
        }
        return problems;
    }

    /**
     * The service sync hook: after a regular configuration, no application message of the new
     * ring is delivered (in that regular configuration) before this process's sync round of the
     * ring completed, since every member holds its application messages until then and the
     * barriers precede them in the ring's order.
     */
    public static List<String> syncBeforeApplication(DeliveryLog log) {
        List<String> problems = new ArrayList<>();
        Configuration regular = null;
        boolean synced = false;
        for (Entry entry : log.entries()) {
            if (entry instanceof Configuration c && c.kind() == ConfigurationKind.REGULAR) {
                regular = c;
                synced = false;
            } else if (entry instanceof DeliveryLog.SyncDone done && regular != null
                    && done.ringId().equals(regular.ringId())) {
                synced = true;
            } else if (entry instanceof Message m && regular != null && !m.transitional()
                    && m.ringId().equals(regular.ringId()) && !synced) {
                problems.add(log.process() + " delivered " + m.payload() + " of " + m.ringId()
                        + " before the ring's sync round completed");
            }
        }
        return problems;
    }

    /** Any two processes deliver the messages both delivered in the same relative order. */
    public static List<String> totalOrder(List<DeliveryLog> logs) {
        List<String> problems = new ArrayList<>();
        List<Map<String, Integer>> positions = new ArrayList<>();
        for (DeliveryLog log : logs) {
            Map<String, Integer> index = new HashMap<>();
            List<String> payloads = log.payloads();
            for (int i = 0; i < payloads.size(); i++) {
                index.putIfAbsent(payloads.get(i), i);
            }
            positions.add(index);
        }
        for (int a = 0; a < logs.size(); a++) {
            for (int b = a + 1; b < logs.size(); b++) {
                int last = -1;
                String lastPayload = null;
                for (String payload : logs.get(a).payloads()) {
                    Integer at = positions.get(b).get(payload);
                    if (at == null) {
                        continue;
                    }
                    if (at < last) {
                        problems.add(logs.get(a).process() + " and " + logs.get(b).process() + " disagree on the order of "
                                + lastPayload + " and " + payload);
                        break;
                    }
                    last = at;
                    lastPayload = payload;
                }
            }
        }
        return problems;
    }

    /**
     * Virtual synchrony: two processes that both deliver regular configuration C and, as their
     * next regular configuration, the same C', and move there together (the same transitional
     * configuration between, when the log has one), delivered the same messages between them.
     * Processes of different transitional configurations did not move together and owe each other
     * nothing (EVS): a node whose Totem restarted passes from C to C' through a transitional
     * configuration of itself alone, having lost what its old incarnation had not delivered.
     */
    public static List<String> virtualSynchrony(List<DeliveryLog> logs) {
        Map<String, Map<String, Set<String>>> byStep = new LinkedHashMap<>();
        for (DeliveryLog log : logs) {
            String from = null;
            List<Integer> together = null;
            Set<String> between = new HashSet<>();
            for (Entry entry : log.entries()) {
                if (entry instanceof Configuration c && c.kind() == ConfigurationKind.TRANSITIONAL) {
                    together = c.members();
                } else if (entry instanceof Configuration c && c.kind() == ConfigurationKind.REGULAR) {
                    if (from != null) {
                        String step = from + "->" + c.ringId() + (together == null ? "" : " with " + together);
                        byStep.computeIfAbsent(step, s -> new LinkedHashMap<>()).put(log.process(), between);
                    }
                    from = c.ringId().toString();
                    together = null;
                    between = new HashSet<>();
                } else if (entry instanceof Message m) {
                    between.add(m.payload());
                }
            }
        }
        List<String> problems = new ArrayList<>();
        byStep.forEach((step, perProcess) -> {
            Set<String> first = null;
            String firstProcess = null;
            for (var e : perProcess.entrySet()) {
                if (first == null) {
                    first = e.getValue();
                    firstProcess = e.getKey();
                } else if (!first.equals(e.getValue())) {
                    Set<String> onlyFirst = new HashSet<>(first);
                    onlyFirst.removeAll(e.getValue());
                    Set<String> onlyOther = new HashSet<>(e.getValue());
                    onlyOther.removeAll(first);
                    problems.add("virtual synchrony broken on " + step + ": " + firstProcess + " alone delivered "
                            + onlyFirst + ", " + e.getKey() + " alone " + onlyOther);
                }
            }
        });
        return problems;
    }

    public static String senderOf(String payload) {
        return payload.substring(0, payload.indexOf('#'));
    }

    public static int numberOf(String payload) {
        return Integer.parseInt(payload.substring(payload.indexOf('#') + 1));
    }
}
