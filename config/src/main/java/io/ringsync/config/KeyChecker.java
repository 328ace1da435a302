package io.ringsync.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds keys that reference.conf does not know, anywhere in the merged tree, and suggests the
 * nearest known key ("did you mean totem.token?"). Sections that reference.conf leaves null or
 * empty take their allowed keys from the {@code ringsync-schema} templates: each nodelist
 * entry, and {@code quorum.device}. {@code logging.subsys} is an open map. An unknown key,
 * or an object-valued section given a plain value, blocks its path so that no other problem
 * is reported for it.
 */
final class KeyChecker {

    private static final String OPEN_MAP = "logging.subsys";

    private final ConfigObject reference;
    private final Map<String, ConfigObject> templates;
    private final Problems problems;

    /**
     * @param reference  the {@code ringsync} object of reference.conf
     * @param templates  display path ("nodelist[]", "quorum.device") to its template
     */
    KeyChecker(ConfigObject reference, Map<String, ConfigObject> templates, Problems problems) {
        this.reference = reference;
        this.templates = templates;
        this.problems = problems;
    }

    /** Walks the merged {@code ringsync} object. */
    void check(ConfigObject merged) {
        checkObject("", merged, reference);
    }

    private void checkObject(String path, ConfigObject merged, ConfigObject template) {
        if (path.equals(OPEN_MAP)) {
            return;
        }
        for (Map.Entry<String, ConfigValue> entry : merged.entrySet()) {
            String childPath = join(path, entry.getKey());
            ConfigValue known = template.get(entry.getKey());
            if (known == null) {
                problems.addAndBlock(childPath, Origins.format(entry.getValue().origin()),
                        "unknown key" + suggestion(entry.getKey(), path, template));
            } else {
                checkValue(childPath, entry.getValue(), known);
            }
        }
    }

    private void checkValue(String path, ConfigValue merged, ConfigValue known) {
        ConfigObject template = templates.containsKey(path) ? templates.get(path)
                : known instanceof ConfigObject object ? object : null;
        if (path.equals("nodelist") && merged instanceof ConfigList list) {
            checkEntries(list);
        } else if (template != null && merged instanceof ConfigObject object) {
            checkObject(path, object, template);
        } else if (template != null && merged.valueType() != ConfigValueType.NULL
                && known.valueType() == ConfigValueType.OBJECT) {
            problems.addAndBlock(path, Origins.format(merged.origin()),
                    "expected an object { ... }, got " + ValueReader.describe(merged));
        }
    }

    private void checkEntries(ConfigList list) {
        ConfigObject template = templates.get("nodelist[]");
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof ConfigObject entry) {
                checkObject("nodelist[" + i + "]", entry, template);
            }
        }
    }

    /** "; did you mean totem.token?" for the nearest sibling, or a known key of that name. */
    private String suggestion(String key, String parentPath, ConfigObject siblings) {
        Optional<String> near = siblings.keySet().stream()
                .filter(candidate -> close(key, candidate))
                .min(Comparator.comparingInt(candidate -> EditDistance.between(key, candidate)))
                .map(candidate -> join(parentPath, candidate));
        if (near.isEmpty()) {
            near = knownLeafPaths("", reference).stream()
                    .filter(p -> close(key, p.substring(p.lastIndexOf('.') + 1)))
                    .findFirst();
        }
        return near.map(p -> "; did you mean " + p + "?").orElse("");
    }

    private static boolean close(String key, String candidate) {
        int distance = EditDistance.between(key.toLowerCase(), candidate.toLowerCase());
        return distance <= Math.max(1, Math.min(3, candidate.length() / 3));
    }

    private static List<String> knownLeafPaths(String path, ConfigObject object) {
        List<String> paths = new ArrayList<>();
        object.forEach((key, value) -> {
            String child = join(path, key);
            if (value instanceof ConfigObject sub && !sub.isEmpty()) {
                paths.addAll(knownLeafPaths(child, sub));
            } else {
                paths.add(child);
            }
        });
        return paths;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
