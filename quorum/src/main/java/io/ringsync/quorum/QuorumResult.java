package io.ringsync.quorum;

/**
 * What a quorum calculation decides.
 *
 * @param quorate         total votes reach quorum (subject to wait_for_all and auto_tie_breaker)
 * @param quorum          votes needed
 * @param totalVotes      votes of the members, plus a device's when it casts them
 * @param highestExpected the highest expected votes the quorum was computed from
 * @param expectedVotes   this node's expected votes after the calculation (raised to the total,
 *                        or set to the members' votes on a {@link Decrease#TO_MEMBERS} path)
 * @param membersExpected non-zero when every member's expected votes become this value
 *                        ({@link Decrease#TO_MEMBERS}); 0 otherwise
 * @param waitingForAll   wait_for_all still waits
 * @param tieBroken       quorate only thanks to auto_tie_breaker
 */
public record QuorumResult(boolean quorate, int quorum, int totalVotes, int highestExpected, int expectedVotes,
                           int membersExpected, boolean waitingForAll, boolean tieBroken) {
}
