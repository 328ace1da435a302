package io.ringsync.node.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;

/**
 * {@code %node} in a log pattern: which node logged the event. Taken from the MDC key
 * {@code node} (our own threads set it), else from Akka's {@code sourceActorSystem}
 * ("ringsync-node2" → "node2"), else the process's default label.
 */
public final class NodeLabelConverter extends ClassicConverter {

    private static final String SYSTEM_PREFIX = "ringsync-";
    private static volatile String defaultLabel = "-";

    /** Sets the label of events that carry no node in their MDC, e.g. "node1" or "demo". */
    static void setDefaultLabel(String label) {
        defaultLabel = label;
    }

    @Override
    public String convert(ILoggingEvent event) {
        return labelOf(event);
    }

    /** The node label of {@code event}, as {@code %node} prints it. */
    static String labelOf(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        String node = mdc.get("node");
        if (node != null) {
            return node;
        }
        String system = mdc.get("sourceActorSystem");
        if (system != null) {
            return system.startsWith(SYSTEM_PREFIX) ? system.substring(SYSTEM_PREFIX.length()) : system;
        }
        return defaultLabel;
    }
}
