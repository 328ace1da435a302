package io.ringsync.cpg.core;

import static io.ringsync.cpg.core.CpgScenarios.A;
import static io.ringsync.cpg.core.CpgScenarios.B;
import static io.ringsync.cpg.core.CpgScenarios.C;
import static io.ringsync.cpg.core.CpgScenarios.G;
import static io.ringsync.cpg.core.CpgScenarios.at;
import static io.ringsync.cpg.core.CpgScenarios.left;
import static io.ringsync.cpg.core.CpgScenarios.members;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.cpg.CpgDeliver;
import io.ringsync.cpg.CpgEvent;
import io.ringsync.cpg.CpgGroupMembers;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgReason;
import io.ringsync.cpg.CpgTotemConfChg;
import io.ringsync.protocol.service.ServiceEnvelope;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Delivery of multicasts: every member, the sender included, gets every message of its group in
 * one order, with its guarantee; members of another group get none; a message from a process that
 * is not a member is dropped; a node crash concerns only the groups its processes were in.
 */
class CpgDeliveryTest {

    @Test
    void everyMemberReceivesEveryMessageOfItsGroupInTheSameOrderWithItsGuarantee() {
        CpgRing ring = CpgScenarios.threeMembers();
        List<CpgDeliver> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            for (CpgMember sender : List.of(A, B, C)) {
                byte[] payload = (sender + "#" + i).getBytes(StandardCharsets.UTF_8);
                Delivery delivery = i % 3 == 0 ? Delivery.SAFE : Delivery.AGREED;
                ring.mcast(sender.nodeId(), G, sender.pid(), payload, delivery);
                sent.add(new CpgDeliver(G, sender, delivery == Delivery.SAFE, payload));
            }
        }
        ring.settle();
        List<CpgEvent> seenByA = ring.events(1, G, 10);
        assertEquals(sent.size(), seenByA.size());
        assertTrue(seenByA.containsAll(sent), "every message, own ones included, with its guarantee");
        assertEquals(seenByA, ring.events(2, G, 20), "B's order is A's");
        assertEquals(seenByA, ring.events(3, G, 30), "C's order is A's");
    }

    @Test
    void twoGroupsWithDisjointMembersSeeOnlyTheirOwnMessagesAndChanges() {
        CpgRing ring = new CpgRing(1, 2, 3);
        ring.form(List.of(1, 2, 3));
        ring.settle();
        CpgMember d = new CpgMember(1, 11);
        ring.join(1, "g1", 10);
        ring.join(2, "g1", 20);
        ring.join(3, "g2", 30);
        ring.join(1, "g2", 11);
        ring.settle();
        ring.clearReceived();

        ring.mcast(1, "g1", 10, "to g1".getBytes(StandardCharsets.UTF_8), Delivery.AGREED);
        ring.mcast(3, "g2", 30, "to g2".getBytes(StandardCharsets.UTF_8), Delivery.AGREED);
        ring.settle();
        CpgDeliver toG1 = new CpgDeliver("g1", A, false, "to g1".getBytes(StandardCharsets.UTF_8));
        CpgDeliver toG2 = new CpgDeliver("g2", C, false, "to g2".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(toG1), ring.events(1, "g1", 10));
        assertEquals(List.of(toG1), ring.events(2, "g1", 20));
        assertEquals(List.of(toG2), ring.events(1, "g2", 11));
        assertEquals(List.of(toG2), ring.events(3, "g2", 30));
        assertEquals(List.of(new CpgGroupMembers("g1", members(A, B)), new CpgGroupMembers("g2", members(d, C))),
                ring.core(2).groups());

        ring.clearReceived();
        ring.crash(2);
        ring.form(List.of(1, 3));
        ring.settle();
        CpgTotemConfChg totem = new CpgTotemConfChg(ring.node(1).ring, List.of(1, 3));
        assertEquals(List.of(left("g1", members(A), at(B, CpgReason.NODEDOWN)), totem), ring.events(1, "g1", 10));
        assertEquals(List.of(totem), ring.events(1, "g2", 11), "g2 lost nobody");
        assertEquals(List.of(totem), ring.events(3, "g2", 30));
    }

    @Test
    void aMulticastFromAProcessThatIsNotAMemberIsDropped() {
        CpgRing ring = CpgScenarios.threeMembers();
        byte[] forged = ServiceEnvelope.app(ServiceId.CPG,
                CpgCodec.encode(new CpgMessage.Mcast(G, 99, new byte[] {7})));
        CpgCore core = ring.core(1);
        ring.node(1).channel.onEvent(new Delivered(3, ring.node(1).ring, 1, Delivery.AGREED, forged));
        assertEquals(List.of(), core.takeNotifications());
        assertEquals(1, core.droppedMcasts());
    }

    @Test
    void garbageInTheOrderedStreamIsCountedAndSkipped() {
        CpgRing ring = CpgScenarios.threeMembers();
        CpgCore core = ring.core(1);
        ring.node(1).channel.onEvent(new Delivered(2, ring.node(1).ring, 1, Delivery.AGREED,
                ServiceEnvelope.app(ServiceId.CPG, new byte[] {3, 0})));
        assertEquals(1, core.ignored());
        assertEquals(List.of(), core.takeNotifications());
        assertEquals(members(A, B, C), core.members(G));
    }
}
