package io.ringsync.node.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.CyclicBufferAppender;
import io.ringsync.config.LoggingSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Configures logback for a node from its {@link LoggingSettings}: stderr and an optional log
 * file at the configured thresholds (per subsystem: {@code io.ringsync.<key>}), and an
 * in-memory ring buffer of the most recent events at DEBUG, the future blackbox. Aeron,
 * Agrona and Akka internals stay at INFO.
 */
public final class LoggingSetup {

    /** The pattern of console and file lines: time, level, node, logger short name, message. */
    public static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%node] %logger{0}: %msg%n";
    /** Name of the blackbox appender on the root logger. */
    public static final String BLACKBOX = "blackbox";

    private static final List<String> QUIET_LIBRARIES = List.of("io.aeron", "org.agrona", "akka", "com.typesafe");
    private static final List<String> OUTPUTS = List.of("stderr", "logfile");
    private static volatile Set<String> configuredSubsystems = Set.of();

    private LoggingSetup() {
    }

    /** Replaces the current logback configuration; {@code label} tags lines, e.g. "node1". */
    public static synchronized void configure(LoggingSettings settings, String label) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        registerNodeConverter(context);
        NodeLabelConverter.setDefaultLabel(label);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.DEBUG);
        QUIET_LIBRARIES.forEach(name -> context.getLogger(name).setLevel(Level.INFO));
        addOutputs(context, root, settings);
        root.addAppender(blackbox(context, settings.blackboxEvents()));
    }

    /**
     * Applies {@code settings}' levels and outputs (stderr, log file, per-subsystem levels) at
     * runtime, for {@code ringsync cfg reload}: the outputs are replaced, the blackbox and its
     * events stay (its size does not change). False, and nothing done, when no node configured
     * logging in this JVM (an embedding application keeps its own logging).
     */
    public static synchronized boolean reconfigure(LoggingSettings settings) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(BLACKBOX) == null) {
            return false;
        }
        for (String name : OUTPUTS) {
            Appender<ILoggingEvent> output = root.getAppender(name);
            if (output != null) {
                root.detachAppender(output);
                output.stop();
            }
        }
        configuredSubsystems.forEach(name -> context.getLogger(name).setLevel(null));
        addOutputs(context, root, settings);
        return true;
    }

    /**
     * The level from which an event of logger {@code loggerName} reaches the stderr output (else
     * the log file), as configured now; empty when neither exists. What tests and tools read to
     * see a level change take effect.
     */
    public static Optional<Level> outputThreshold(String loggerName) {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        for (String name : OUTPUTS) {
            Appender<ILoggingEvent> output = root.getAppender(name);
            if (output != null) {
                for (Object filter : output.getCopyOfAttachedFiltersList()) {
                    if (filter instanceof SubsystemThresholdFilter threshold) {
                        return Optional.of(threshold.thresholdOf(loggerName));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void addOutputs(LoggerContext context, Logger root, LoggingSettings settings) {
        Level global = parseLevel(settings.level());
        Map<String, Level> subsystems = subsystemLevels(settings);
        configuredSubsystems = Set.copyOf(subsystems.keySet());
        subsystems.forEach((name, level) -> context.getLogger(name).setLevel(moreVerbose(level, Level.DEBUG)));
        if (settings.toStderr()) {
            root.addAppender(console(context, new SubsystemThresholdFilter(global, subsystems)));
        }
        settings.logfile().ifPresent(file ->
                root.addAppender(file(context, file.toString(), new SubsystemThresholdFilter(global, subsystems))));
    }

    /** The ring buffer of recent events, when a node configured logging in this JVM. */
    @SuppressWarnings("unchecked")
    public static Optional<CyclicBufferAppender<ILoggingEvent>> blackbox() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(BLACKBOX);
        return appender instanceof CyclicBufferAppender<?> buffer
                ? Optional.of((CyclicBufferAppender<ILoggingEvent>) buffer)
                : Optional.empty();
    }

    /** A level name from the config (trace, debug, info, warn, error, off), case-insensitive. */
    public static Level parseLevel(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return Level.toLevel("WARNING".equals(upper) ? "WARN" : upper, Level.INFO);
    }

    private static Map<String, Level> subsystemLevels(LoggingSettings settings) {
        Map<String, Level> levels = new HashMap<>();
        settings.subsystemLevels().forEach((key, level) -> levels.put("io.ringsync." + key, parseLevel(level)));
        return levels;
    }

    private static Level moreVerbose(Level a, Level b) {
        return a.toInt() < b.toInt() ? a : b;
    }

    @SuppressWarnings("unchecked")
    private static void registerNodeConverter(LoggerContext context) {
        Map<String, String> rules = (Map<String, String>) context.getObject(CoreConstants.PATTERN_RULE_REGISTRY);
        if (rules == null) {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY, rules);
        }
        rules.put("node", NodeLabelConverter.class.getName());
    }

    private static Appender<ILoggingEvent> console(LoggerContext context, SubsystemThresholdFilter filter) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setTarget("System.err");
        return startOutput(context, appender, "stderr", filter);
    }

    private static Appender<ILoggingEvent> file(LoggerContext context, String path, SubsystemThresholdFilter filter) {
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setFile(path);
        appender.setAppend(true);
        return startOutput(context, appender, "logfile", filter);
    }

    private static Appender<ILoggingEvent> startOutput(LoggerContext context, OutputStreamAppender<ILoggingEvent> appender,
            String name, SubsystemThresholdFilter filter) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        filter.setContext(context);
        filter.start();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.addFilter(filter);
        appender.start();
        return appender;
    }

    private static Appender<ILoggingEvent> blackbox(LoggerContext context, int events) {
        CyclicBufferAppender<ILoggingEvent> buffer = new CyclicBufferAppender<>();
        buffer.setContext(context);
        buffer.setName(BLACKBOX);
        buffer.setMaxSize(Math.max(1, events));
        buffer.start();
        return buffer;
    }
}
