package io.ringsync.config.corosync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One section of a corosync.conf ({@code totem { ... }}), in file order: its {@code key: value}
 * entries and its subsections. The file itself is the unnamed root section.
 */
public final class ConfSection {

    /** A {@code key: value} line and where it is. */
    public record Entry(String key, String value, int line) {
    }

    private final String name;
    private final int line;
    private final List<Entry> entries = new ArrayList<>();
    private final List<ConfSection> sections = new ArrayList<>();

    ConfSection(String name, int line) {
        this.name = name;
        this.line = line;
    }

    /** The section's name ("" for the root). */
    public String name() {
        return name;
    }

    /** The line of its opening brace. */
    public int line() {
        return line;
    }

    /** Its entries, in file order. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Its subsections, in file order. */
    public List<ConfSection> sections() {
        return List.copyOf(sections);
    }

    /** The subsections named {@code name}. */
    public List<ConfSection> sections(String sectionName) {
        return sections.stream().filter(s -> s.name.equals(sectionName)).toList();
    }

    /** The last value of {@code key} (a later line overrides, as in corosync). */
    public Optional<String> value(String key) {
        Optional<String> value = Optional.empty();
        for (Entry entry : entries) {
            if (entry.key().equals(key)) {
                value = Optional.of(entry.value());
            }
        }
        return value;
    }

    void add(Entry entry) {
        entries.add(entry);
    }

    void add(ConfSection section) {
        sections.add(section);
    }
}
