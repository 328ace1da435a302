package io.ringsync.protocol.totem.srp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.OrderingSettings;
import io.ringsync.protocol.totem.membership.MembershipSettings;
import io.ringsync.protocol.totem.membership.MembershipState;
import io.ringsync.protocol.totem.membership.TimerKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * token_warning (corosync.md section 1): each regular token arms a warning at that share of the
 * token timeout; if it expires while OPERATIONAL the core reports a {@link TotemEffect.TokenWarning}
 * and counts it; with token_warning 0 there is no warning timer.
 */
class TokenWarningTest {

    private static final long TOKEN_MS = 200;

    private static SrpSettings settings(long warningMs) {
        return new SrpSettings(new MembershipSettings(20, 0, 240, TOKEN_MS), new OrderingSettings(17, 50, 5, 300, 2048, 64),
                50, 40, 50, 30, 1024, 16 * 1024, false, warningMs);
    }

    /** Node 1 of nodelist [1, 2] with node 2 silent, driven until OPERATIONAL: its own tokens fed back, timers fired when idle. */
    private static final class LoneNode {
        final SrpCore core;
        final Deque<TotemEffect> pending = new ArrayDeque<>();
        TotemEffect.SetTimer lastWarningTimer;
        long nowNs;

        LoneNode(long warningMs) {
            core = new SrpCore(1, List.of(1, 2), settings(warningMs), new Random(7), 0);
            pending.addAll(core.start(nowNs));
        }

        void runUntilOperational() {
            for (int step = 0; step < 10_000 && core.state() != MembershipState.OPERATIONAL; step++) {
                TotemEffect effect = pending.poll();
                if (effect instanceof TotemEffect.Send send && send.toNodeIds().contains(1)) {
                    pending.addAll(core.onMessage(send.message(), nowNs));
                } else if (effect instanceof TotemEffect.SetTimer set) {
                    record(set);
                    if (pending.isEmpty()) {
                        nowNs += set.delayMs() * 1_000_000;
                        pending.addAll(core.onTimeout(set.kind(), nowNs));
                    }
                }
            }
            assertEquals(MembershipState.OPERATIONAL, core.state());
            pending.stream().filter(TotemEffect.SetTimer.class::isInstance).map(TotemEffect.SetTimer.class::cast)
                    .forEach(this::record);
        }

        private void record(TotemEffect.SetTimer set) {
            if (set.kind() == TimerKind.TOKEN_WARNING) {
                lastWarningTimer = set;
            }
        }
    }

    @Test
    void aLateTokenIsWarnedOfAndCounted() {
        LoneNode node = new LoneNode(150);
        node.runUntilOperational();
        assertEquals(new TotemEffect.SetTimer(TimerKind.TOKEN_WARNING, 150), node.lastWarningTimer);

        List<TotemEffect> effects = node.core.onTimeout(TimerKind.TOKEN_WARNING, node.nowNs);
        assertEquals(List.of(new TotemEffect.TokenWarning(150, TOKEN_MS)), effects);
        assertEquals(1, node.core.counters().tokenWarnings());
    }

    @Test
    void aZeroTokenWarningArmsNoTimer() {
        LoneNode node = new LoneNode(0);
        node.runUntilOperational();
        assertEquals(null, node.lastWarningTimer);
    }
}
