package io.ringsync.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code ringsync cpg verify} process printed (its line output): the digest of every
 * configuration it saw closed by a configuration change, in order, the configuration it ended in,
 * its summary and its violation count.
 *
 * <p>Two verifiers that came into configuration X from the same configuration and went from
 * X to the same next configuration stayed together through it; virtual synchrony (as CPG promises, after Totem's extended
 * virtual synchrony) says they delivered the same messages in the same order in X, so their
 * digests of X must be equal. Verifiers that left X for different configurations (the two sides
 * of a partition) may each have delivered a different tail of X in its transitional
 * configuration, so they are not compared on X. A configuration is known by its label (ring
 * and members), which is not unique: a member that leaves and comes back before the ring
 * changes brings the same label back; the labels before and after it tell those apart.
 */
record VerifyOutput(String process, List<Closed> closed, String lastLabel, String summary, long violations,
                    long delivered) {

    private static final Pattern CONFIG = Pattern.compile("^config (\\S+) messages=(\\d+) digest=(\\w+)$");
    private static final Pattern LAST = Pattern.compile("^last config (\\S+) messages=\\d+ digest=\\w+$");
    private static final Pattern SUMMARY = Pattern.compile("^summary: sent \\d+, delivered (\\d+) .*");
    private static final Pattern VIOLATIONS = Pattern.compile("^violations: (\\d+)$");

    /**
     * A configuration closed by a change: its label, messages and digest, and the labels of the
     * configurations before it (null for the first) and after it.
     */
    record Closed(String previous, String label, long messages, String digest, String next) {

        /** What identifies the configuration among verifiers: the labels before, of and after it. */
        String key() {
            return previous + " -> " + label + " -> " + next;
        }
    }

    /** Parses {@code output} of verifier {@code process}; a verifier that printed no summary counts one violation. */
    static VerifyOutput parse(String process, String output) {
        List<String[]> configs = new ArrayList<>();
        String last = null;
        String summary = "no summary: " + output.lines().reduce((a, b) -> b).orElse("no output");
        long violations = 1;
        long delivered = 0;
        for (String line : output.lines().toList()) {
            Matcher m;
            if ((m = CONFIG.matcher(line)).matches()) {
                configs.add(new String[] {m.group(1), m.group(2), m.group(3)});
            } else if ((m = LAST.matcher(line)).matches()) {
                last = m.group(1);
            } else if ((m = SUMMARY.matcher(line)).matches()) {
                delivered = Long.parseLong(m.group(1));
                summary = line;
            } else if ((m = VIOLATIONS.matcher(line)).matches()) {
                violations = Long.parseLong(m.group(1));
                summary += "; " + line + output.substring(output.indexOf(line) + line.length()).replace('\n', ' ');
            }
        }
        List<Closed> closed = new ArrayList<>();
        for (int k = 0; k < configs.size(); k++) {
            String next = k + 1 < configs.size() ? configs.get(k + 1)[0] : last;
            String previous = k > 0 ? configs.get(k - 1)[0] : null;
            closed.add(new Closed(previous, configs.get(k)[0], Long.parseLong(configs.get(k)[1]), configs.get(k)[2],
                    next));
        }
        return new VerifyOutput(process, List.copyOf(closed), last, summary, violations, delivered);
    }

    /** True when the verifier ended with its summary and no violation. */
    boolean clean() {
        return violations == 0;
    }

    /** Where verifiers that moved together into and out of one configuration disagree on its digest. */
    static List<String> disagreements(List<VerifyOutput> outputs) {
        Map<String, String> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (VerifyOutput output : outputs) {
            for (Closed c : output.closed()) {
                if (c.next() == null) {
                    continue;
                }
                String key = c.key();
                String mine = c.digest() + " (" + c.messages() + " messages) at " + output.process();
                String first = seen.putIfAbsent(key, mine);
                if (first != null && !first.startsWith(c.digest() + " ")) {
                    problems.add("configuration " + key + ": digest " + first + " but " + mine);
                }
            }
        }
        return problems;
    }

    /** How many configurations (with the same ones before and after) at least two verifiers closed: what was compared. */
    static long sharedConfigurations(List<VerifyOutput> outputs) {
        Map<String, Integer> count = new HashMap<>();
        outputs.forEach(o -> o.closed().stream().filter(c -> c.next() != null)
                .forEach(c -> count.merge(c.key(), 1, Integer::sum)));
        return count.values().stream().filter(n -> n > 1).count();
    }
}
