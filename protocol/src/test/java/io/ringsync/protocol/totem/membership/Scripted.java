package io.ringsync.protocol.totem.membership;

import io.ringsync.protocol.totem.RingConfiguration;
import io.ringsync.protocol.totem.RingId;
import java.util.List;
import java.util.Random;

/** Fixtures for the scripted membership tests: ring 1.8 cores and effect filters. */
final class Scripted {

    static final RingId OLD_RING = new RingId(1, 8);
    static final MembershipSettings SETTINGS = new MembershipSettings(50, 0, 1200, 1000);

    private Scripted() {
    }

    /** Node {@code me}, OPERATIONAL in ring 1.8 of {@code members}. */
    static MembershipCore core(int me, Integer... members) {
        return new MembershipCore(me, new RingConfiguration(OLD_RING, List.of(members)), SETTINGS, new Random(7));
    }

    /** {@code effects}, after checking {@code core}'s invariants (STYLE.md rule 15). */
    static List<MembershipEffect> checked(MembershipCore core, List<MembershipEffect> effects) {
        MembershipInvariants.check(core);
        return effects;
    }

    /** The effects of {@code type}, in order. */
    static <T> List<T> only(List<MembershipEffect> effects, Class<T> type) {
        return effects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The one effect of {@code type}, failing if there is not exactly one. */
    static <T> T one(List<MembershipEffect> effects, Class<T> type) {
        List<T> found = only(effects, type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " in " + effects);
        }
        return found.get(0);
    }

    /** A join from {@code sender} with these sets and ring seq 8. */
    static JoinMessage join(int sender, List<Integer> proc, List<Integer> failed) {
        return new JoinMessage(sender, proc, failed, 8);
    }
}
