package io.ringsync.protocol.link;

import java.util.Locale;

/**
 * The INFO line for a link change, e.g. {@code link 0 to node 2 (node2, 127.0.0.2:5405) is UP,
 * rtt 0.31 ms} or {@code ... is DOWN: no pong for 1500 ms}.
 */
final class LinkLogFormat {

    private LinkLogFormat() {
    }

    static String describe(LinkEffect.LinkChanged changed) {
        LinkStatus s = changed.status();
        String prefix = String.format(Locale.ROOT, "link %d to node %d (%s, %s) is ",
                s.linkNumber(), s.nodeId(), s.nodeName(), s.remoteAddress());
        if (s.up()) {
            return prefix + String.format(Locale.ROOT, "UP, rtt %.2f ms", s.rttAvgUs() / 1000.0);
        }
        return prefix + "DOWN: no pong for " + changed.silentMs() + " ms";
    }
}
