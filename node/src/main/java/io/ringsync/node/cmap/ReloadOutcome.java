package io.ringsync.node.cmap;

import java.util.List;

/**
 * How a {@code cfg reload} ended, the same on every member: committed (every member's file valid,
 * each applied what can change at runtime) or not, with each member's verdict, or the reason it
 * ended without votes (the ring changed, no answer in time).
 */
public record ReloadOutcome(boolean committed, List<ReloadVerdict> verdicts, String reason) {

    /** Copies the verdicts. */
    public ReloadOutcome {
        verdicts = List.copyOf(verdicts);
    }
}
