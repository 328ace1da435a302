package io.ringsync.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Logging: the root level, whether to log to stderr, an optional log file, per-subsystem
 * levels (logger name suffix, e.g. "transport" or "link", to level), and how many recent
 * events the in-memory blackbox ring buffer keeps.
 */
public record LoggingSettings(
        String level,
        boolean toStderr,
        Optional<Path> logfile,
        Map<String, String> subsystemLevels,
        int blackboxEvents) {

    public LoggingSettings {
        subsystemLevels = Map.copyOf(subsystemLevels);
    }
}
