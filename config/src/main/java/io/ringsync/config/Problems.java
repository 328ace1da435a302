package io.ringsync.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects problems while a configuration is read, so that all of them are reported at once.
 * A path is "failed" once any problem was raised for it; cross-field rules skip rules whose
 * inputs failed. A "blocked" path (an unknown key, a section of the wrong type) silences
 * every later problem at or under it, so that one mistake gives one line.
 */
final class Problems {

    private final List<ConfigProblem> reported = new ArrayList<>();
    private final Set<String> failed = new HashSet<>();
    private final Set<String> blocked = new HashSet<>();

    /** Records a problem unless the path is blocked; marks the path failed either way. */
    void add(String path, String origin, String message) {
        failed.add(path);
        if (!isBlocked(path)) {
            reported.add(new ConfigProblem(path, origin, message));
        }
    }

    /** Records a problem and silences everything else at or under this path. */
    void addAndBlock(String path, String origin, String message) {
        add(path, origin, message);
        blocked.add(path);
    }

    /** True when any of these paths, or anything under or above them, has failed. */
    boolean anyFailed(String... paths) {
        for (String path : paths) {
            for (String f : failed) {
                if (related(f, path)) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean isEmpty() {
        return reported.isEmpty();
    }

    List<ConfigProblem> list() {
        return List.copyOf(reported);
    }

    private boolean isBlocked(String path) {
        for (String b : blocked) {
            if (under(path, b)) {
                return true;
            }
        }
        return false;
    }

    private static boolean related(String a, String b) {
        return under(a, b) || under(b, a);
    }

    /** True when {@code path} is {@code ancestor} or lies under it. */
    static boolean under(String path, String ancestor) {
        if (ancestor.isEmpty() || path.equals(ancestor)) {
            return true;
        }
        return path.startsWith(ancestor)
                && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
    }
}
