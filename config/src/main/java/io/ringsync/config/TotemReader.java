package io.ringsync.config;

/**
 * Reads {@code totem}. Timers below 30 ms are refused (hold: below 14 ms), as Corosync's
 * MINIMUM_TIMEOUT and MINIMUM_TIMEOUT_HOLD do. Unset derived keys follow Corosync's
 * totemconfig.c, from the <em>effective</em> token (token + (n − 2) × token_coefficient for
 * n ≥ 3 nodes): token_retransmit = token / (trbl + 0.2), hold = token_retransmit × 0.8 − 10,
 * consensus = 1.2 × token, computed in integers (3000 ms gives 714, 561 and 3600).
 */
final class TotemReader {

    /** Corosync's MINIMUM_TIMEOUT (3 ticks of 10 ms). */
    static final long MIN_TIMEOUT_MS = 30;
    /** Corosync's MINIMUM_TIMEOUT_HOLD: 30 × 0.8 − 10. */
    static final long MIN_HOLD_MS = 14;
    /** Upper bound on every totem timer: one hour. */
    static final long MAX_TIMER_MS = 3_600_000;

    private final ValueReader r;

    TotemReader(ValueReader r) {
        this.r = r;
    }

    /** @param nodeCount nodes declared in the nodelist, for the effective token */
    TotemSettings read(int nodeCount) {
        long token = timer("token", MIN_TIMEOUT_MS);
        long coefficient = timer("token_coefficient", 0);
        int warning = count("token_warning", 0, 100);
        int trbl = count("token_retransmits_before_loss_const", 1, 100);
        long effective = nodeCount >= 3 ? token + (nodeCount - 2L) * coefficient : token;
        String[] retransmitSources = {"totem.token", "totem.token_coefficient",
            "totem.token_retransmits_before_loss_const"};
        long retransmit = derived("token_retransmit", MIN_TIMEOUT_MS, effective * 5 / (5L * trbl + 1),
                retransmitSources);
        // A derived token_retransmit carries its own sources on to hold, so that a bad token is
        // reported once, not again as a hold derived from it.
        String[] holdSources = r.isUnset("totem.token_retransmit")
                ? new String[] {"totem.token_retransmit", "totem.token", "totem.token_coefficient",
                    "totem.token_retransmits_before_loss_const"}
                : new String[] {"totem.token_retransmit"};
        long hold = derived("hold", MIN_HOLD_MS, retransmit * 4 / 5 - 10, holdSources);
        long join = timer("join", MIN_TIMEOUT_MS);
        long sendJoin = timer("send_join", 0);
        long consensus = derived("consensus", MIN_TIMEOUT_MS, effective * 12 / 10,
                "totem.token", "totem.token_coefficient");
        return new TotemSettings(token, coefficient, warning, retransmit, hold, trbl, join, sendJoin,
                consensus, timer("merge", MIN_TIMEOUT_MS), timer("downcheck", MIN_TIMEOUT_MS),
                count("fail_recv_const", 1, 1_000_000), count("seqno_unchanged_const", 1, 1_000_000),
                count("max_messages", 1, 1000), count("window_size", 1, 16384),
                count("miss_count_const", 1, 1000), r.bool("totem.cancel_token_hold_on_retransmit"),
                (int) r.bytes("totem.frame_size", MIN_FRAME_BYTES, MAX_FRAME_BYTES), r.bool("totem.fail_unreachable"));
    }

    /** Bounds of totem.frame_size: room for a chunk header and a few bytes; Aeron's largest message of a 64 KiB term. */
    static final long MIN_FRAME_BYTES = 256;
    static final long MAX_FRAME_BYTES = 1 << 20;

    private long timer(String key, long minMs) {
        return r.millis("totem." + key, minMs, MAX_TIMER_MS);
    }

    private int count(String key, long min, long max) {
        return (int) r.number("totem." + key, min, max);
    }

    /**
     * The explicit value when set; otherwise {@code derivedMs}, which must still reach the
     * minimum unless one of its {@code sources} already failed.
     */
    private long derived(String key, long minMs, long derivedMs, String... sources) {
        String path = "totem." + key;
        if (!r.isUnset(path)) {
            return r.optionalMillis(path, minMs, MAX_TIMER_MS).orElse(0);
        }
        if (derivedMs < minMs && !r.problems().anyFailed(sources)) {
            r.problems().add(path, "", "derived as " + derivedMs + " ms from " + String.join(", ", sources)
                    + ", below the minimum of " + minMs + " ms; raise totem.token or set " + path);
        }
        return derivedMs;
    }
}
