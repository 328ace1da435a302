package io.ringsync.node.jmx;

/**
 * votequorum's state ({@code io.ringsync:type=Quorum,node=<id>}): what {@code ringsync quorum status}
 * shows, read from the quorum service at each call.
 */
public interface QuorumMXBean {

    /** Whether this node's partition is quorate. */
    boolean isQuorate();

    /** Expected votes. */
    int getExpectedVotes();

    /** Highest expected votes among the members. */
    int getHighestExpected();

    /** Total votes of the members. */
    int getTotalVotes();

    /** Votes needed for quorum. */
    int getQuorum();

    /** The members' node ids. */
    int[] getMembers();

    /** The flags ({@code QUORATE}, {@code WAIT_FOR_ALL} ...). */
    String[] getFlags();
}
