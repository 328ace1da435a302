package io.ringsync.node.demo;

import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemEvent;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Prints each new ring as a node installs it (its REGULAR configuration):
 * {@code [12:00:01.234] node1: ring 1.1c formed, members [1, 2, 3], joined [2, 3], left []}.
 * Deliveries and TRANSITIONAL configurations are not printed.
 */
public final class RingEventPrinter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;

    /** Prints to {@code out}, one line per new ring, safe from many threads. */
    public RingEventPrinter(PrintStream out) {
        this.out = out;
    }

    /** Prints {@code event} as seen by node {@code observer} if it is a REGULAR configuration. */
    public void print(String observer, TotemEvent event) {
        if (event instanceof ConfigurationChanged change && change.kind() == ConfigurationKind.REGULAR) {
            String line = "[" + LocalTime.now().format(TIME) + "] " + format(observer, change);
            synchronized (out) {
                out.println(line);
            }
        }
    }

    /** The line without its timestamp. */
    public static String format(String observer, ConfigurationChanged regular) {
        return observer + ": ring " + regular.ringId() + " formed, members " + regular.members() + ", joined "
                + regular.joined() + ", left " + regular.left();
    }
}
