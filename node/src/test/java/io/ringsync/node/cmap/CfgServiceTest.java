package io.ringsync.node.cmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The replicated cfg service fed the same ordered stream on three nodes: reloads commit or drop on
 * every node alike, a configuration change aborts a reload, only the target of a kill stops, and
 * the codec never throws on garbage.
 */
class CfgServiceTest {

    private static final RingId RING = new RingId(1, 4);
    private static final List<Integer> MEMBERS = List.of(1, 2, 3);

    private final List<CfgService> nodes = List.of(new CfgService(1), new CfgService(2), new CfgService(3));

    private void configure(ConfigurationKind kind, List<Integer> members) {
        nodes.forEach(n -> n.onConfiguration(kind, RING, members, List.of(), List.of()));
    }

    /** Delivers {@code message} from {@code sender} to every node; each node's effects. */
    private List<List<CfgEffect>> deliver(int sender, CfgMessage message) {
        byte[] body = CfgCodec.encode(message);
        List<List<CfgEffect>> effects = new ArrayList<>();
        for (CfgService node : nodes) {
            node.onDeliver(sender, RING, false, body);
            effects.add(node.takeEffects());
        }
        return effects;
    }

    private static ReloadVerdict valid(int id) {
        return new ReloadVerdict(id, true, List.of("logging.level: info -> debug"), List.of(), List.of());
    }

    @Test
    void aReloadCommitsOnEveryNodeWhenEveryFileIsValidAndDropsEverywhereOtherwise() {
        configure(ConfigurationKind.REGULAR, MEMBERS);
        assertEquals(List.of(new CfgEffect.Regular(MEMBERS, List.of())), nodes.get(0).takeEffects());
        nodes.forEach(CfgService::takeEffects);

        List<List<CfgEffect>> asked = deliver(2, new CfgMessage.ReloadRequest(2, 7));
        asked.forEach(e -> assertEquals(List.of(new CfgEffect.ValidateReload(2, 7)), e));
        deliver(1, new CfgMessage.ReloadVote(2, 7, valid(1))).forEach(e -> assertEquals(List.of(), e));
        deliver(3, new CfgMessage.ReloadVote(2, 7, ReloadVerdict.invalid(3, List.of("node3.conf:4: totem.token: bad"))));
        List<List<CfgEffect>> decided = deliver(2, new CfgMessage.ReloadVote(2, 7, valid(2)));
        for (List<CfgEffect> effects : decided) {
            CfgEffect.ReloadDecided decision = (CfgEffect.ReloadDecided) effects.get(0);
            assertEquals(false, decision.commit());
            assertEquals(List.of(1, 2, 3), decision.verdicts().stream().map(ReloadVerdict::nodeId).toList());
        }

        deliver(3, new CfgMessage.ReloadRequest(3, 1));
        for (int id = 1; id <= 3; id++) {
            deliver(id, new CfgMessage.ReloadVote(3, 1, valid(id)));
        }
        assertEquals(List.of(), nodes.get(0).takeEffects(), "decided at the last vote, once");
    }

    @Test
    void votesOnlyCountFromTheirOwnSenderAndOnlyOnceEach() {
        configure(ConfigurationKind.REGULAR, MEMBERS);
        nodes.forEach(CfgService::takeEffects);
        deliver(1, new CfgMessage.ReloadRequest(1, 1));
        deliver(1, new CfgMessage.ReloadVote(1, 1, valid(2))).forEach(e -> assertEquals(List.of(), e));
        deliver(1, new CfgMessage.ReloadVote(1, 1, valid(1)));
        deliver(2, new CfgMessage.ReloadVote(1, 1, valid(2)));
        List<List<CfgEffect>> decided = deliver(3, new CfgMessage.ReloadVote(1, 1, valid(3)));
        decided.forEach(e -> assertTrue(((CfgEffect.ReloadDecided) e.get(0)).commit()));
    }

    @Test
    void aConfigurationChangeAbortsAReloadInProgressOnEveryNode() {
        configure(ConfigurationKind.REGULAR, MEMBERS);
        nodes.forEach(CfgService::takeEffects);
        deliver(1, new CfgMessage.ReloadRequest(1, 3));
        deliver(1, new CfgMessage.ReloadVote(1, 3, valid(1)));
        configure(ConfigurationKind.TRANSITIONAL, List.of(1, 2));
        for (CfgService node : nodes) {
            CfgEffect.ReloadDecided decision = (CfgEffect.ReloadDecided) node.takeEffects().get(0);
            assertEquals(false, decision.commit());
            assertTrue(decision.abortReason().startsWith("the ring changed during the reload"), decision.abortReason());
        }
        configure(ConfigurationKind.REGULAR, List.of(1, 2));
        nodes.forEach(node -> assertEquals(List.of(new CfgEffect.Regular(List.of(1, 2), List.of(3))), node.takeEffects()));
        deliver(2, new CfgMessage.ReloadVote(1, 3, valid(2))).forEach(e -> assertEquals(List.of(), e));
    }

    @Test
    void onlyTheTargetOfAKillStops() {
        configure(ConfigurationKind.REGULAR, MEMBERS);
        nodes.forEach(CfgService::takeEffects);
        List<List<CfgEffect>> effects = deliver(1, new CfgMessage.Kill(1, 3));
        assertEquals(List.of(List.of(), List.of(), List.of(new CfgEffect.StopNode("killed by node 1 (ringsync cfg kill)"))),
                effects);
    }

    @Test
    void codecRoundTripsAndSkipsGarbage() {
        CfgMessage vote = new CfgMessage.ReloadVote(2, 9, new ReloadVerdict(3, false, List.of("a"), List.of("b", "c"),
                List.of("x".repeat(CfgCodec.MAX_LINE + 10))));
        CfgMessage decoded = CfgCodec.decode(CfgCodec.encode(vote)).orElseThrow();
        assertEquals(CfgCodec.MAX_LINE, ((CfgMessage.ReloadVote) decoded).verdict().problems().get(0).length());
        assertEquals(Optional.of(new CfgMessage.Kill(4, 5)), CfgCodec.decode(CfgCodec.encode(new CfgMessage.Kill(4, 5))));
        assertEquals(Optional.of(new CfgMessage.ReloadRequest(1, 2)),
                CfgCodec.decode(CfgCodec.encode(new CfgMessage.ReloadRequest(1, 2))));
        for (byte[] garbage : List.of(new byte[0], new byte[] {9}, new byte[] {1, 0, 0}, new byte[] {2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 7},
                new byte[] {3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 3, 1, (byte) 0xFF, (byte) 0xFF})) {
            assertEquals(Optional.empty(), CfgCodec.decode(garbage));
        }
        CfgService node = new CfgService(1);
        node.onDeliver(2, RING, false, new byte[] {42});
        assertEquals(1, node.undecodable());
        assertEquals(List.of(), node.takeEffects());
    }
}
