package io.ringsync.node.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.CyclicBufferAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's flight recorder, corosync-blackbox's counterpart: the recent log events of every
 * level down to DEBUG, kept in memory by the blackbox appender {@link LoggingSetup} installs
 * ({@code logging.blackbox_events} of them), read out as lines on request and written to the
 * state directory when a node stops on a fatal error. The buffer belongs to the JVM: when several
 * nodes share one (tests, the demo) a node's dump holds its own events and those of no node.
 */
public final class Blackbox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneId.systemDefault());

    /** One recorded event. */
    public record Entry(long timeMs, String level, String node, String logger, String message) {

        /** The event as a log line: time, level, node, logger's short name, message. */
        public String line() {
            String shortLogger = logger.substring(logger.lastIndexOf('.') + 1);
            return TIME.format(Instant.ofEpochMilli(timeMs)) + " " + String.format("%-5s", level) + " [" + node + "] "
                    + shortLogger + ": " + message;
        }
    }

    private Blackbox() {
    }

    /** True when a node configured logging in this JVM, so there is a buffer to read. */
    public static boolean available() {
        return LoggingSetup.blackbox().isPresent();
    }

    /** The recorded events of node {@code nodeLabel} (e.g. "node1") and of no node, oldest first. */
    public static List<Entry> entries(String nodeLabel) {
        Optional<CyclicBufferAppender<ILoggingEvent>> buffer = LoggingSetup.blackbox();
        if (buffer.isEmpty()) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        CyclicBufferAppender<ILoggingEvent> appender = buffer.get();
        synchronized (appender) {
            for (int i = 0; i < appender.getLength(); i++) {
                ILoggingEvent event = appender.get(i);
                String label = NodeLabelConverter.labelOf(event);
                if (label.equals(nodeLabel) || !label.startsWith("node")) {
                    entries.add(new Entry(event.getTimeStamp(), event.getLevel().toString(), label, event.getLoggerName(),
                            message(event)));
                }
            }
        }
        return entries;
    }

    /**
     * Writes node {@code nodeLabel}'s events to a new file {@code blackbox-<time>.txt} in
     * {@code stateDir} under a first line naming {@code why}; the file's path.
     */
    public static Path write(Path stateDir, String nodeLabel, String why) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# ringsync blackbox of " + nodeLabel + ": " + why);
        entries(nodeLabel).forEach(entry -> lines.add(entry.line()));
        Files.createDirectories(stateDir);
        Path file = stateDir.resolve("blackbox-" + FILE_TIME.format(Instant.now()) + ".txt");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static String message(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        return thrown == null ? event.getFormattedMessage()
                : event.getFormattedMessage() + " (" + thrown.getClassName() + ": " + thrown.getMessage() + ")";
    }
}
