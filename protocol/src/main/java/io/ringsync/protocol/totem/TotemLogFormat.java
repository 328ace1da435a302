package io.ringsync.protocol.totem;

import io.ringsync.protocol.totem.srp.TotemEffect;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The INFO lines of {@link TotemActor}, in Corosync's wording where it has one: a state change
 * ({@code entering GATHER state from OPERATIONAL (token loss in OPERATIONAL)}, prefixed with
 * {@code A processor failed, forming new configuration: token timed out (300 ms)} or
 * {@code FAILED TO RECEIVE} when those caused it), and a new regular configuration
 * ({@code A new membership (1.1c) was formed. Members joined: 2 3 left: 4}).
 */
final class TotemLogFormat {

    private TotemLogFormat() {
    }

    /** The line for a state change; {@code tokenMs} and {@code consensusMs} are the effective timeouts. */
    static String stateChanged(TotemEffect.StateChanged change, long tokenMs, long consensusMs) {
        String entering = "entering " + change.to() + " state from " + change.from() + " (" + reason(change) + ")";
        return switch (change.reason()) {
            case TOKEN_LOSS_IN_OPERATIONAL -> "A processor failed, forming new configuration: token timed out ("
                    + tokenMs + " ms), waiting " + consensusMs + " ms for consensus; " + entering;
            case FAILED_TO_RECEIVE -> "FAILED TO RECEIVE: a message stayed missing for fail_recv_const token visits,"
                    + " forming a new configuration; " + entering;
            default -> entering;
        };
    }

    /** Corosync's gather reasons ({@code gsfrom_to_msg}) and the forward transitions, in words. */
    private static String reason(TotemEffect.StateChanged change) {
        return switch (change.reason()) {
            case STARTUP -> "startup";
            case TOKEN_LOSS_IN_OPERATIONAL -> "The token was lost in the OPERATIONAL state.";
            case TOKEN_LOSS_IN_COMMIT -> "The token was lost in the COMMIT state.";
            case TOKEN_LOSS_IN_RECOVERY -> "The token was lost in the RECOVERY state.";
            case FOREIGN_MESSAGE -> "foreign message in " + change.from().name().toLowerCase(Locale.ROOT) + " state";
            case JOIN_IN_OPERATIONAL -> "merge during operational state";
            case MERGE_DURING_JOIN -> "merge during join";
            case JOIN_DURING_COMMIT -> "join during commit state";
            case JOIN_DURING_RECOVERY -> "join during recovery";
            case CONSENSUS_TIMEOUT -> "The consensus timeout expired.";
            case PEER_UNREACHABLE -> "every link to a node of the gather went down";
            case FAILED_TO_RECEIVE -> "failed to receive";
            case COMMIT_TOKEN_ROTATION_1 -> "commit token, first rotation";
            case COMMIT_TOKEN_ROTATION_2 -> "commit token, second rotation";
            case RECOVERY_COMPLETE -> "recovery complete";
        };
    }

    /** The line for a regular configuration: {@code A new membership (1.1c) was formed. Members joined: 2 3 left:}. */
    static String newMembership(TotemEffect.ConfigurationChange regular) {
        return "A new membership (" + regular.ringId() + ") was formed. Members joined:" + ids(regular.joined())
                + " left:" + ids(regular.left());
    }

    /** " 2 3", or "" for none. */
    private static String ids(List<Integer> ids) {
        return ids.stream().map(id -> " " + id).collect(Collectors.joining());
    }

    /** The token_warning line: how long the token has been away, against the loss timeout. */
    static String tokenWarning(TotemEffect.TokenWarning warning) {
        return "no token for " + warning.waitedMs() + " ms (the ring re-forms if none arrives within the token timeout of "
                + warning.tokenMs() + " ms)";
    }
}
