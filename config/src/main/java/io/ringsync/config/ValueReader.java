package io.ringsync.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed reads of a resolved configuration that never throw: a value of the wrong type, a bad
 * unit or an out-of-range value becomes a {@link ConfigProblem} naming the key and its origin,
 * and the read returns a placeholder (0, "", false, empty) that callers must not trust once
 * {@link Problems#anyFailed} says so. One method per kind of value; each range check goes
 * through one helper. A required value that is null or absent is a problem; the
 * {@code optional*} reads return empty for null instead.
 */
final class ValueReader {

    private static final ConfigRenderOptions CONCISE = ConfigRenderOptions.concise();

    private final Config config;
    private final String prefix;
    private final Problems problems;
    private final Path baseDir;

    /**
     * @param config  resolved values, keys relative to it
     * @param prefix  shown before keys in problems ("" or e.g. "nodelist[2].")
     * @param baseDir relative paths are resolved against it
     */
    ValueReader(Config config, String prefix, Problems problems, Path baseDir) {
        this.config = config;
        this.prefix = prefix;
        this.problems = problems;
        this.baseDir = baseDir;
    }

    /**
     * A reader of {@code object}'s keys over {@code defaults}, reporting into the same problems.
     * Keys are copied onto the defaults one by one, as {@code withFallback} would ignore
     * defaults for an object that was merged over a null.
     */
    ValueReader child(ConfigObject object, Config defaults, String childPrefix) {
        Config merged = defaults;
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            merged = merged.withValue(ConfigUtil.quoteString(entry.getKey()), entry.getValue());
        }
        return new ValueReader(merged, childPrefix, problems, baseDir);
    }

    Problems problems() {
        return problems;
    }

    /** The key as shown to the operator. */
    String display(String key) {
        return prefix + key;
    }

    /** The raw value, null values included; empty when absent. */
    Optional<ConfigValue> raw(String key) {
        ConfigValue value = config.root();
        for (String part : ConfigUtil.splitPath(key)) {
            if (!(value instanceof ConfigObject object) || !object.containsKey(part)) {
                return Optional.empty();
            }
            value = object.get(part);
        }
        return Optional.of(value);
    }

    /** True when the key is absent or null. */
    boolean isUnset(String key) {
        return raw(key).map(v -> v.valueType() == ConfigValueType.NULL).orElse(true);
    }

    /** Where the key's value came from ({@code file:line}), or "". */
    String origin(String key) {
        return raw(key).filter(v -> v.valueType() != ConfigValueType.NULL)
                .map(v -> Origins.format(v.origin())).orElse("");
    }

    /** Reports a problem with this key at the origin of its value. */
    void problem(String key, String message) {
        problems.add(display(key), origin(key), message);
    }

    /** Reports a problem with one element (of a list) at the element's origin. */
    void problemAt(String displayPath, ConfigValue value, String message) {
        problems.add(displayPath, Origins.format(value.origin()), message);
    }

    long millis(String key, long minMs, long maxMs) {
        return optionalMillis(required(key), minMs, maxMs).orElse(0);
    }

    OptionalLong optionalMillis(String key, long minMs, long maxMs) {
        return ranged(key, read(key, "a duration such as 3000ms or 3s",
                k -> config.getDuration(k).toMillis()), minMs, maxMs, Unit.MS);
    }

    long micros(String key, long minUs, long maxUs) {
        return ranged(required(key), read(key, "a duration such as 1ms or 500us",
                k -> config.getDuration(k, TimeUnit.MICROSECONDS)), minUs, maxUs, Unit.US).orElse(0);
    }

    long number(String key, long min, long max) {
        return optionalNumber(required(key), min, max).orElse(0);
    }

    OptionalLong optionalNumber(String key, long min, long max) {
        return ranged(key, read(key, "a whole number", config::getLong), min, max, Unit.NONE);
    }

    long bytes(String key, long min, long max) {
        return ranged(required(key), read(key, "a size such as 1MiB or 65536",
                k -> config.getMemorySize(k).toBytes()), min, max, Unit.BYTES).orElse(0);
    }

    boolean bool(String key) {
        return optionalBool(required(key)).orElse(false);
    }

    Optional<Boolean> optionalBool(String key) {
        return read(key, "true or false", config::getBoolean);
    }

    String string(String key) {
        return optionalString(required(key)).orElse("");
    }

    Optional<String> optionalString(String key) {
        return read(key, "a string", config::getString);
    }

    /** A string that must be one of {@code allowed}. */
    String oneOf(String key, List<String> allowed) {
        String value = string(key);
        if (!value.isEmpty() && !allowed.contains(value)) {
            problem(key, "must be one of " + String.join(", ", allowed) + "; got \"" + value + "\"");
        }
        return value;
    }

    /** A string that must match {@code pattern}, described to the operator as {@code rule}. */
    String matching(String key, Pattern pattern, String rule) {
        String value = string(key);
        if (!problems.anyFailed(display(key)) && !pattern.matcher(value).matches()) {
            problem(key, "must be " + rule + "; got \"" + value + "\"");
        }
        return value;
    }

    Path path(String key) {
        return optionalPath(required(key)).orElse(baseDir);
    }

    /** A path; relative paths are resolved against the base directory. */
    Optional<Path> optionalPath(String key) {
        Optional<String> text = optionalString(key);
        try {
            return text.map(t -> baseDir.resolve(t).normalize());
        } catch (InvalidPathException e) {
            problem(key, "not a valid path: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A list; empty (with a problem) when the value is not a list. */
    List<ConfigValue> list(String key) {
        return read(required(key), "a list [ ... ]", k -> List.copyOf(config.getList(k))).orElse(List.of());
    }

    /** Reports "must be set" when the key is absent or null; returns the key. */
    private String required(String key) {
        if (isUnset(key)) {
            problem(key, "must be set");
        }
        return key;
    }

    /** Reads a non-null value with {@code getter}, turning type and unit errors into problems. */
    private <T> Optional<T> read(String key, String expected, Function<String, T> getter) {
        if (isUnset(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(getter.apply(key));
        } catch (ConfigException.WrongType | ConfigException.BadValue e) {
            problem(key, "expected " + expected + ", got " + describe(raw(key).orElseThrow())
                    + reason(e));
            return Optional.empty();
        }
    }

    private OptionalLong ranged(String key, Optional<Long> value, long min, long max, Unit unit) {
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        long v = value.get();
        if (v < min) {
            problem(key, "must be at least " + unit.show(min) + ", got " + unit.show(v));
        } else if (v > max) {
            problem(key, "must be at most " + unit.show(max) + ", got " + unit.show(v));
        }
        return OptionalLong.of(v);
    }

    /** {@code string "abc"}, {@code list [1,2]}: a value as the operator wrote it. */
    static String describe(ConfigValue value) {
        String type = value.valueType().name().toLowerCase();
        return type + " " + value.render(CONCISE);
    }

    private static String reason(ConfigException e) {
        if (!(e instanceof ConfigException.BadValue)) {
            return "";
        }
        String message = e.getMessage();
        int at = message.indexOf("': ");
        return at >= 0 ? " (" + message.substring(at + 3) + ")" : "";
    }

    /** How a number is shown in range problems. */
    enum Unit {
        NONE(""), MS(" ms"), US(" us"), BYTES(" bytes");

        private final String suffix;

        Unit(String suffix) {
            this.suffix = suffix;
        }

        String show(long value) {
            return value + suffix;
        }
    }
}
