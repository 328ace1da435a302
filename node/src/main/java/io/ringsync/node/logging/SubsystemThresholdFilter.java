package io.ringsync.node.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;

/**
 * The threshold of an output appender (console, file): events below the level of their
 * subsystem (the longest configured logger-name prefix) or, failing one, below the global
 * level are dropped. The loggers themselves stay at DEBUG so the blackbox buffer sees all.
 */
final class SubsystemThresholdFilter extends Filter<ILoggingEvent> {

    private final Level globalLevel;
    private final Map<String, Level> subsystemLevels;

    /** {@code subsystemLevels} maps full logger-name prefixes (io.ringsync.transport) to levels. */
    SubsystemThresholdFilter(Level globalLevel, Map<String, Level> subsystemLevels) {
        this.globalLevel = globalLevel;
        this.subsystemLevels = Map.copyOf(subsystemLevels);
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return event.getLevel().isGreaterOrEqual(thresholdOf(event.getLoggerName()))
                ? FilterReply.NEUTRAL
                : FilterReply.DENY;
    }

    /** The level from which events of {@code loggerName} pass. */
    Level thresholdOf(String loggerName) {
        Level best = globalLevel;
        int bestLength = -1;
        for (Map.Entry<String, Level> entry : subsystemLevels.entrySet()) {
            String prefix = entry.getKey();
            boolean matches = loggerName.equals(prefix) || loggerName.startsWith(prefix + ".");
            if (matches && prefix.length() > bestLength) {
                best = entry.getValue();
                bestLength = prefix.length();
            }
        }
        return best;
    }
}
