package io.ringsync.node.cmap;

import java.util.List;

/** What {@link CfgService} asks its actor to do. */
public sealed interface CfgEffect {

    /** A regular configuration of {@code members} was installed; {@code left} are gone since the previous one. */
    record Regular(List<Integer> members, List<Integer> left) implements CfgEffect {
    }

    /** This node must leave the ring and stop, for {@code reason}. */
    record StopNode(String reason) implements CfgEffect {
    }

    /** Read this node's config file for reload {@code requestId} of {@code origin} and vote. */
    record ValidateReload(int origin, long requestId) implements CfgEffect {
    }

    /**
     * Reload {@code requestId} of {@code origin} is decided at this point of the total order, the
     * same on every member: {@code commit} when every member's file is valid, else nothing is
     * applied anywhere. {@code verdicts} are the members' votes (empty when {@code abortReason}
     * ended it).
     */
    record ReloadDecided(int origin, long requestId, boolean commit, List<ReloadVerdict> verdicts, String abortReason)
            implements CfgEffect {

        /** Copies the verdicts. */
        public ReloadDecided {
            verdicts = List.copyOf(verdicts);
        }
    }
}
