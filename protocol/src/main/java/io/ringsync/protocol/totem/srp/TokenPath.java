package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.OrderingEffect.ForwardToken;
import io.ringsync.protocol.totem.RegularToken;
import io.ringsync.protocol.totem.membership.TimerKind;
import java.util.List;

/**
 * Where the regular token goes after a visit (corosync.md section 1, token receipt steps 8 and
 * 9, and the {@code token_retransmit} timer): sent to the successor with {@code token_retransmit}
 * armed, kept for re-sending on its expiry; held by the representative of an idle ring until
 * released; or, in a ring of one, handed back to this node (taken by the core's loop, which the
 * hold ends when the ring idles). Also whether the merge-detect timer is armed.
 */
@PureCore
final class TokenPath {

    private final int myNodeId;
    private long retransmitMs;
    private final List<TotemEffect> out;
    private ForwardToken lastSent;
    private ForwardToken held;
    private RegularToken selfToken;
    private boolean mergeArmed;
    private long retransmits;

    /** The token path of {@code myNodeId}, adding its effects to {@code out}. */
    TokenPath(int myNodeId, long retransmitMs, List<TotemEffect> out) {
        this.myNodeId = myNodeId;
        this.retransmitMs = retransmitMs;
        this.out = out;
    }

    /** Tokens sent from now on arm {@code token_retransmit} with {@code next} ms. */
    void changeRetransmitMs(long next) {
        this.retransmitMs = next;
    }

    /** Send {@code forward} now: to myself in a ring of one, else on the wire with the retransmit timer. */
    void send(ForwardToken forward) {
        lastSent = forward;
        if (forward.toNodeId() == myNodeId) {
            selfToken = forward.token();
            return;
        }
        out.add(new TotemEffect.Send(List.of(forward.toNodeId()), forward.token()));
        out.add(new TotemEffect.SetTimer(TimerKind.TOKEN_RETRANSMIT, retransmitMs));
    }

    /** token_retransmit expired: re-send my last token if the ring still runs ({@code ringState}). */
    void retransmit(boolean ringState) {
        if (ringState && lastSent != null && lastSent.toNodeId() != myNodeId && held == null) {
            retransmits++;
            send(lastSent);
        }
    }

    /** A new token arrived: my last one got through, so stop re-sending it. */
    void accepted(RegularToken token) {
        if (lastSent != null) {
            lastSent = null;
            out.add(new TotemEffect.CancelTimer(TimerKind.TOKEN_RETRANSMIT));
        }
    }

    boolean mergeArmed() {
        return mergeArmed;
    }

    void armMerge() {
        mergeArmed = true;
    }

    void disarmMerge() {
        mergeArmed = false;
    }

    /** Hold {@code forward} instead of sending it (the representative of an idle ring). */
    void hold(ForwardToken forward) {
        held = forward;
    }

    boolean isHolding() {
        return held != null;
    }

    /** Send the held token now. */
    void releaseHeld() {
        ForwardToken release = held;
        held = null;
        if (release != null) {
            send(release);
        }
    }

    /** The representative starts a new ring's first token: it is received here first. */
    void startFirst(RegularToken token) {
        selfToken = token;
    }

    /** The token this node forwarded to itself, once; null if none. */
    RegularToken takeSelfToken() {
        RegularToken token = selfToken;
        selfToken = null;
        return token;
    }

    /** Entering GATHER: forget every token. */
    void reset() {
        lastSent = null;
        held = null;
        selfToken = null;
        mergeArmed = false;
    }

    /** Tokens re-sent by token_retransmit. */
    long retransmits() {
        return retransmits;
    }
}
