package io.ringsync.protocol.totem.srp;

import io.ringsync.config.TotemSettings;
import io.ringsync.protocol.totem.OrderingSettings;
import io.ringsync.protocol.totem.membership.MembershipSettings;
import io.ringsync.protocol.totem.pg.PackingQueue;
import java.util.Objects;

/**
 * Everything {@link SrpCore} needs, with Corosync's names; times in milliseconds.
 *
 * @param membership          join, send_join, consensus and the effective token timeout
 * @param ordering            max_messages, window_size, miss_count_const, fail_recv_const, window
 *                            and queue bounds
 * @param tokenRetransmitMs   {@code token_retransmit}: resend my last token when no new one came
 * @param holdMs              {@code hold}: how long the representative holds an idle token
 * @param mergeMs             {@code merge}: the representative of an idle ring multicasts a merge
 *                            detect this long after the ring went idle
 * @param seqnoUnchangedConst {@code seqno_unchanged_const}: idle visits before the token is held
 * @param maxChunkBytes       the largest Totem message payload (the wire cap): application
 *                            messages are packed into and fragmented across chunks of this size
 * @param maxMessageBytes     the largest application message (1 MiB by default)
 * @param holdUntilSynced     whether application messages wait after each regular configuration
 *                            until {@link SrpCore#syncCompleted} (a service sync layer is
 *                            attached); without one they flow at once
 */
public record SrpSettings(MembershipSettings membership, OrderingSettings ordering, long tokenRetransmitMs,
                          long holdMs, long mergeMs, int seqnoUnchangedConst, int maxChunkBytes, int maxMessageBytes,
                          boolean holdUntilSynced, long tokenWarningMs) {

    /** A chunk size every transport term length (64 KiB and up, so a cap of 8 KiB) carries. */
    public static final int DEFAULT_MAX_CHUNK_BYTES = 8000;

    /** Checks the parts are present and the times positive. */
    public SrpSettings {
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(ordering, "ordering");
        if (tokenRetransmitMs < 1 || holdMs < 1 || mergeMs < 1 || seqnoUnchangedConst < 0 || tokenWarningMs < 0) {
            throw new IllegalArgumentException("bad srp settings: token_retransmit=" + tokenRetransmitMs + " hold="
                    + holdMs + " merge=" + mergeMs + " seqno_unchanged_const=" + seqnoUnchangedConst
                    + " token_warning=" + tokenWarningMs);
        }
    }

    /** The values of {@code totem} for {@code nodeCount} nodes, chunks of at most {@code maxChunkBytes}, 1 MiB messages. */
    public static SrpSettings of(TotemSettings totem, int nodeCount, int maxChunkBytes, boolean holdUntilSynced) {
        return new SrpSettings(MembershipSettings.of(totem, nodeCount), OrderingSettings.of(totem),
                totem.tokenRetransmitMs(), Math.max(1, totem.holdMs()), totem.mergeMs(), totem.seqnoUnchangedConst(),
                maxChunkBytes, PackingQueue.DEFAULT_MAX_MESSAGE_BYTES, holdUntilSynced,
                tokenWarningMs(totem, nodeCount));
    }

    /**
     * {@code token_warning} percent of the effective token timeout: how long without a token
     * before the node warns that its ring may be about to re-form; 0 (off) for 0 %.
     */
    static long tokenWarningMs(TotemSettings totem, int nodeCount) {
        return totem.effectiveTokenMs(nodeCount) * totem.tokenWarningPercent() / 100;
    }

    /** {@link #of(TotemSettings, int, int, boolean)} with {@link #DEFAULT_MAX_CHUNK_BYTES}. */
    public static SrpSettings of(TotemSettings totem, int nodeCount, boolean holdUntilSynced) {
        return of(totem, nodeCount, DEFAULT_MAX_CHUNK_BYTES, holdUntilSynced);
    }

    /** This with application messages held until sync completes, or not. */
    public SrpSettings withHoldUntilSynced(boolean hold) {
        return new SrpSettings(membership, ordering, tokenRetransmitMs, holdMs, mergeMs, seqnoUnchangedConst,
                maxChunkBytes, maxMessageBytes, hold, tokenWarningMs);
    }
}
