package io.ringsync.node.cli;

import io.ringsync.protocol.link.LinkStatus;
import io.ringsync.protocol.link.LinkStatusReport;
import io.ringsync.protocol.totem.TotemStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders a {@link LinkStatusReport} the way {@code corosync-cfgtool -s} prints link status:
 * a header line, the ring ({@code Ring ID 1.1c, state OPERATIONAL, members 1 2 3}), a line when
 * the node's own endpoint is not open (waiting for {@code totem.downcheck}), then per link number
 * its local address and one line per node.
 */
public final class StatusFormatter {

    /** The transport name shown in the header. */
    public static final String TRANSPORT = "aeron-udp";

    private StatusFormatter() {
    }

    /** The whole text, ending with a newline; {@code totem} null when Totem did not answer. */
    public static String format(LinkStatusReport report, TotemStatus totem) {
        StringBuilder text = new StringBuilder();
        text.append("Local node ID ").append(report.localNodeId()).append(", cluster ").append(report.clusterName())
                .append(", transport ").append(TRANSPORT).append('\n');
        text.append(ring(totem)).append('\n');
        endpointNotOpen(report.transportCounters()).ifPresent(line -> text.append(line).append('\n'));
        Map<Integer, List<LinkStatus>> byLink = report.links().stream()
                .collect(Collectors.groupingBy(LinkStatus::linkNumber, TreeMap::new, Collectors.toList()));
        byLink.forEach((link, statuses) -> appendLink(text, link, statuses));
        return text.toString();
    }

    /** {@code Ring ID 1.1c, state OPERATIONAL, members 1 2 3}, or why there is no ring to show. */
    static String ring(TotemStatus totem) {
        if (totem == null) {
            return "Ring unknown (Totem did not answer; it may be restarting)";
        }
        return "Ring ID " + totem.ringId() + ", state " + totem.state() + ", members "
                + totem.members().stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    /**
     * {@code Own endpoint not open after 12 attempts: ...} when the transport counters say so; none
     * when it is open (or the transport did not answer).
     */
    static Optional<String> endpointNotOpen(Map<String, Long> transportCounters) {
        if (transportCounters.getOrDefault("endpoint.open", 1L) != 0) {
            return Optional.empty();
        }
        return Optional.of("Own endpoint not open after " + transportCounters.getOrDefault("endpoint.open_failures", 0L)
                + " attempts; retrying every totem.downcheck (reason: ringsync cmap get"
                + " runtime.transport.endpoint.last_failure)");
    }

    private static void appendLink(StringBuilder text, int link, List<LinkStatus> statuses) {
        String localAddress = statuses.stream().filter(LinkStatus::local).map(LinkStatus::localAddress)
                .findFirst().orElse(statuses.get(0).localAddress());
        text.append("LINK ID ").append(link).append(" udp\n");
        text.append("\taddr\t= ").append(localAddress).append('\n');
        text.append("\tstatus:\n");
        for (LinkStatus status : statuses) {
            text.append(String.format(Locale.ROOT, "\t\tnodeid %3d:\t%s%n", status.nodeId(), describe(status)));
        }
    }

    /** {@code localhost}, {@code connected (rtt min/avg/max 0.10/0.21/0.40 ms)} or {@code disconnected}. */
    public static String describe(LinkStatus status) {
        if (status.local()) {
            return "localhost";
        }
        if (!status.up()) {
            return "disconnected";
        }
        if (status.rttAvgUs() < 0) {
            return "connected";
        }
        return "connected (rtt min/avg/max " + millis(status.rttMinUs()) + "/" + millis(status.rttAvgUs()) + "/"
                + millis(status.rttMaxUs()) + " ms)";
    }

    /** Microseconds as milliseconds with two decimals; "?" when unknown. */
    public static String millis(long micros) {
        return micros < 0 ? "?" : String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }
}
