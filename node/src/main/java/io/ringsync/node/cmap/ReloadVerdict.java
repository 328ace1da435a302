package io.ringsync.node.cmap;

import java.util.List;

/**
 * One node's answer to a reload: whether its new file is valid, and what applying it would do.
 *
 * @param nodeId   the node
 * @param valid    its file loaded and passed validation
 * @param applied  changes it applies at runtime ({@code logging.level: info -> debug})
 * @param restart  changes that only a restart applies, reported, not ignored
 * @param problems why the file is invalid (empty when valid)
 */
public record ReloadVerdict(int nodeId, boolean valid, List<String> applied, List<String> restart, List<String> problems) {

    /** Copies the lists. */
    public ReloadVerdict {
        applied = List.copyOf(applied);
        restart = List.copyOf(restart);
        problems = List.copyOf(problems);
    }

    /** An invalid file's verdict. */
    public static ReloadVerdict invalid(int nodeId, List<String> problems) {
        return new ReloadVerdict(nodeId, false, List.of(), List.of(), problems);
    }
}
