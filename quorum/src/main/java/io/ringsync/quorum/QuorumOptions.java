package io.ringsync.quorum;

import io.ringsync.config.QuorumSettings;

/**
 * The votequorum flags of votequorum(5), as the calculator and the service use them. The
 * configuration has already refused the combinations votequorum refuses (see the config
 * module's SettingsRules), so the flags here are taken as they are.
 *
 * @param twoNode                 two_node: with at most 2 nodes present, quorum is 1
 * @param waitForAll              wait_for_all: no first quorum before every expected vote was seen once
 * @param lastManStanding         last_man_standing: after the window, expected follows the members
 * @param lastManStandingWindowMs last_man_standing_window in milliseconds
 * @param tieBreaker              auto_tie_breaker and its node choice
 * @param allowDownscale          allow_downscale: a node leaving cleanly lowers expected votes
 * @param expectedVotesTracking   expected_votes_tracking: the highest expected votes is kept on disk
 */
public record QuorumOptions(boolean twoNode, boolean waitForAll, boolean lastManStanding, long lastManStandingWindowMs,
                            TieBreaker tieBreaker, boolean allowDownscale, boolean expectedVotesTracking) {

    /** No flag set; the default window. */
    public static final QuorumOptions NONE = new QuorumOptions(false, false, false, 10_000, TieBreaker.NONE, false, false);

    /** The flags of a node's quorum settings. */
    public static QuorumOptions of(QuorumSettings q) {
        TieBreaker tieBreaker = !q.autoTieBreaker() ? TieBreaker.NONE
                : "highest".equals(q.autoTieBreakerNode()) ? TieBreaker.highest()
                : q.autoTieBreakerNodes().isEmpty() ? TieBreaker.lowest()
                : TieBreaker.list(q.autoTieBreakerNodes());
        return new QuorumOptions(q.twoNode(), q.waitForAll(), q.lastManStanding(), q.lastManStandingWindowMs(),
                tieBreaker, q.allowDownscale(), q.expectedVotesTracking());
    }

    /** These options with two_node set to {@code on} (wait_for_all untouched). */
    public QuorumOptions withTwoNode(boolean on) {
        return new QuorumOptions(on, waitForAll, lastManStanding, lastManStandingWindowMs, tieBreaker, allowDownscale,
                expectedVotesTracking);
    }

    /** These options with wait_for_all set to {@code on}. */
    public QuorumOptions withWaitForAll(boolean on) {
        return new QuorumOptions(twoNode, on, lastManStanding, lastManStandingWindowMs, tieBreaker, allowDownscale,
                expectedVotesTracking);
    }

    /** These options with last_man_standing set to {@code on}, window {@code windowMs}. */
    public QuorumOptions withLastManStanding(boolean on, long windowMs) {
        return new QuorumOptions(twoNode, waitForAll, on, windowMs, tieBreaker, allowDownscale, expectedVotesTracking);
    }

    /** These options with auto_tie_breaker {@code tieBreaker}. */
    public QuorumOptions withTieBreaker(TieBreaker tieBreaker) {
        return new QuorumOptions(twoNode, waitForAll, lastManStanding, lastManStandingWindowMs, tieBreaker,
                allowDownscale, expectedVotesTracking);
    }

    /** These options with allow_downscale set to {@code on} (which implies expected_votes_tracking). */
    public QuorumOptions withAllowDownscale(boolean on) {
        return new QuorumOptions(twoNode, waitForAll, lastManStanding, lastManStandingWindowMs, tieBreaker, on,
                expectedVotesTracking || on);
    }

    /** These options with expected_votes_tracking set to {@code on}. */
    public QuorumOptions withExpectedVotesTracking(boolean on) {
        return new QuorumOptions(twoNode, waitForAll, lastManStanding, lastManStandingWindowMs, tieBreaker,
                allowDownscale, on);
    }
}
