package io.ringsync.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the sections without derived values or nested structure: crypto, transport, links,
 * ckpt, system (with its lists of allowed IPC uids and gids) and logging. Range rules of a single key live here; rules between keys live in
 * {@link SettingsRules}.
 */
final class SectionReaders {

    static final List<String> CIPHERS = List.of("none", "aes256-gcm", "chacha20-poly1305");
    static final List<String> IDLE_STRATEGIES = List.of("backoff", "sleep", "yield");
    static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");

    private static final Pattern OCTAL_MODE = Pattern.compile("0?[0-7]{3}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final ValueReader r;

    SectionReaders(ValueReader r) {
        this.r = r;
    }

    CryptoSettings crypto() {
        return new CryptoSettings(r.oneOf("crypto.cipher", CIPHERS), r.optionalPath("crypto.authkey"));
    }

    /** @param nodes the nodelist, whose link addresses decide between mtu and loopback_mtu */
    TransportSettings transport(List<NodeEntry> nodes) {
        long termLength = r.bytes("transport.term_length", 64 * 1024, 1024 * 1024 * 1024);
        if (!r.problems().anyFailed("transport.term_length") && Long.bitCount(termLength) != 1) {
            r.problem("transport.term_length", "must be a power of two, got " + termLength + " bytes");
        }
        int networkMtu = mtu("transport.mtu");
        int loopbackMtu = mtu("transport.loopback_mtu");
        // Aeron's largest message is a term / 8, and a datagram may not exceed it.
        int largestMtu = (int) Math.min(65504, termLength / 8) / 32 * 32;
        int mtu;
        if (LinkAddress.allLoopback(nodes)) {
            mtu = Math.min(loopbackMtu, largestMtu);
        } else {
            mtu = networkMtu;
            if (!r.problems().anyFailed("transport.mtu") && !r.problems().anyFailed("transport.term_length")
                    && mtu > largestMtu) {
                r.problem("transport.mtu", "must be at most transport.term_length / 8 = " + termLength / 8
                        + " bytes (Aeron's largest message), got " + mtu);
            }
        }
        return new TransportSettings((int) termLength, mtu, r.bool("transport.sparse_term_files"),
                r.oneOf("transport.idle_strategy", IDLE_STRATEGIES),
                r.micros("transport.idle_max_park", 1, 100_000),
                r.micros("transport.busy_poll", 0, 1_000_000),
                (int) r.number("transport.back_pressure_retries", 0, 10_000),
                r.millis("transport.driver_timeout", 100, TotemReader.MAX_TIMER_MS),
                r.bool("transport.fault_injection"));
    }

    private int mtu(String key) {
        int mtu = (int) r.number(key, 576, 65504);
        if (!r.problems().anyFailed(key) && mtu % 32 != 0) {
            r.problem(key, "must be a multiple of 32 (Aeron frame alignment), got " + mtu);
        }
        return mtu;
    }

    /** @param effectiveTokenMs the effective token, for the derived ping interval and timeout */
    LinkSettings links(long effectiveTokenMs) {
        int pongCount = (int) r.number("links.pong_count", 1, 10);
        long safePongs = Math.max(1, pongCount);
        long interval = r.optionalMillis("links.ping_interval", 1, TotemReader.MAX_TIMER_MS)
                .orElse(Math.max(1, effectiveTokenMs / (2 * safePongs)));
        long timeout = r.optionalMillis("links.ping_timeout", 1, TotemReader.MAX_TIMER_MS)
                .orElse(Math.max(1, effectiveTokenMs / safePongs));
        return new LinkSettings(interval, timeout, pongCount, (int) r.number("links.latency_window", 1, 4096));
    }

    CkptSettings ckpt() {
        return new CkptSettings((int) r.number("ckpt.max_checkpoints", 1, 1_000_000),
                r.bytes("ckpt.max_total_bytes", 1024, 1L << 40),
                r.millis("ckpt.tick_interval", 10, TotemReader.MAX_TIMER_MS),
                r.millis("ckpt.request_timeout", 100, TotemReader.MAX_TIMER_MS));
    }

    SystemSettings system() {
        List<Long> uids = ids("system.ipc_allowed_uids", "uid", "id -u NAME");
        List<Long> gids = ids("system.ipc_allowed_gids", "gid", "getent group NAME");
        int bits = SystemSettings.defaultSocketMode(uids.isEmpty() && gids.isEmpty());
        if (!r.isUnset("system.ipc_socket_mode")) {
            String mode = r.matching("system.ipc_socket_mode", OCTAL_MODE, "an octal mode such as \"0600\"");
            bits = r.problems().anyFailed("system.ipc_socket_mode") ? 0 : Integer.parseInt(mode, 8);
        }
        return new SystemSettings(r.path("system.run_dir"), r.path("system.state_dir"),
                r.path("system.ipc_socket"), bits, uids, gids);
    }

    /**
     * A list of numeric user or group ids, sorted; each element a whole number (or a string of
     * digits, as system properties give) in 0..{@link SystemSettings#MAX_ID}, listed once.
     */
    private List<Long> ids(String key, String what, String lookup) {
        TreeSet<Long> ids = new TreeSet<>();
        List<ConfigValue> values = r.list(key);
        for (int i = 0; i < values.size(); i++) {
            ConfigValue value = values.get(i);
            Object raw = value.unwrapped();
            String text = raw instanceof Integer || raw instanceof Long ? raw.toString()
                    : raw instanceof String s && DIGITS.matcher(s).matches() ? s : null;
            long id = text == null || text.length() > 10 ? -1 : Long.parseLong(text);
            String at = r.display(key) + "[" + i + "]";
            if (id < 0 || id > SystemSettings.MAX_ID) {
                r.problemAt(at, value, "expected a numeric " + what + " (0.." + SystemSettings.MAX_ID + "), got "
                        + ValueReader.describe(value) + (raw instanceof String ? "; names are not looked up: `"
                        + lookup + "` gives the number" : ""));
            } else if (!ids.add(id)) {
                r.problemAt(at, value, what + " " + id + " is listed twice");
            }
        }
        return List.copyOf(ids);
    }

    LoggingSettings logging() {
        return new LoggingSettings(r.oneOf("logging.level", LEVELS), r.bool("logging.to_stderr"),
                r.optionalPath("logging.logfile"), subsystemLevels(),
                (int) r.number("logging.blackbox_events", 100, 1_000_000));
    }

    private Map<String, String> subsystemLevels() {
        Map<String, String> levels = new LinkedHashMap<>();
        if (r.raw("logging.subsys").orElse(null) instanceof ConfigObject subsys) {
            for (String name : subsys.keySet()) {
                levels.put(name, r.oneOf(ConfigUtil.joinPath("logging", "subsys", name), LEVELS));
            }
        }
        return levels;
    }
}
