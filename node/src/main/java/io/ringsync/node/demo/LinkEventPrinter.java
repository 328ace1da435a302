package io.ringsync.node.demo;

import io.ringsync.node.cli.StatusFormatter;
import io.ringsync.protocol.link.LinkStatus;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Prints link changes as they happen: {@code [12:00:01.234] node1: link 0 to node2 (127.0.0.2:5405) UP rtt 0.21 ms}. */
public final class LinkEventPrinter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;

    /** Prints to {@code out}, one line per event, safe from many threads. */
    public LinkEventPrinter(PrintStream out) {
        this.out = out;
    }

    /** Prints the event seen by node {@code observer}; the node's own pseudo-links are skipped. */
    public void print(String observer, LinkStatus status) {
        if (status.local()) {
            return;
        }
        String line = "[" + LocalTime.now().format(TIME) + "] " + format(observer, status);
        synchronized (out) {
            out.println(line);
        }
    }

    /** The line without its timestamp. */
    public static String format(String observer, LinkStatus status) {
        String rtt = status.up() && status.rttAvgUs() >= 0 ? " rtt " + StatusFormatter.millis(status.rttAvgUs()) + " ms" : "";
        return observer + ": link " + status.linkNumber() + " to " + status.nodeName() + " (" + status.remoteAddress()
                + ") " + (status.up() ? "UP" : "DOWN") + rtt;
    }
}
