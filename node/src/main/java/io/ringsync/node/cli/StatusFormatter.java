package io.ringsync.node.cli;

import io.ringsync.protocol.link.LinkStatus;
import io.ringsync.protocol.link.LinkStatusReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders a {@link LinkStatusReport} the way {@code corosync-cfgtool -s} prints link status:
 * a header line, then per link number its local address and one line per node.
 */
public final class StatusFormatter {

    /** The transport name shown in the header. */
    public static final String TRANSPORT = "aeron-udp";

    private StatusFormatter() {
    }

    /** The whole text, ending with a newline. */
    public static String format(LinkStatusReport report) {
        StringBuilder text = new StringBuilder();
        text.append("Local node ID ").append(report.localNodeId()).append(", cluster ").append(report.clusterName())
                .append(", transport ").append(TRANSPORT).append('\n');
        Map<Integer, List<LinkStatus>> byLink = report.links().stream()
                .collect(Collectors.groupingBy(LinkStatus::linkNumber, TreeMap::new, Collectors.toList()));
        byLink.forEach((link, statuses) -> appendLink(text, link, statuses));
        return text.toString();
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
    static String describe(LinkStatus status) {
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
