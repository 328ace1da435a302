package io.ringsync.quorum;

/**
 * One member's say in the calculation: its votes and the expected votes it holds.
 *
 * @param nodeId   the node id (non-zero)
 * @param votes    its votes (quorum_votes), 0 or more
 * @param expected the expected votes it holds, 0 or more
 */
public record NodeVotes(int nodeId, int votes, int expected) {

    /** Checks the id is non-zero and the counts not negative. */
    public NodeVotes {
        if (nodeId == 0 || votes < 0 || expected < 0) {
            throw new IllegalArgumentException("bad node votes " + nodeId + " " + votes + "/" + expected);
        }
    }
}
