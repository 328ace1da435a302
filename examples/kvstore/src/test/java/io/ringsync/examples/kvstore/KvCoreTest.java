package io.ringsync.examples.kvstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.cpg.CpgAddress;
import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgReason;
import io.ringsync.protocol.totem.RingId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The comparison, fed as CPG feeds it: a member that missed writes (it was away) is found stale,
 * the source snapshots, and the stale member installs the snapshot and re-applies the writes
 * delivered after it, ending equal to the source; a snapshot of another version is not installed.
 */
class KvCoreTest {

    private static final RingId R = new RingId(1, 8);
    private static final CpgMember A = new CpgMember(1, 10);
    private static final CpgMember B = new CpgMember(2, 20);

    private static KvReplica.Write write(int i) {
        return new KvReplica.Write("k" + (i % 3), "v" + i);
    }

    @Test
    void aStaleMemberInstallsTheSourcesSnapshotAndTheWritesAfterIt() {
        KvCore a = new KvCore(A);
        KvCore b = new KvCore(B);
        CpgConfChg alone = new CpgConfChg("g", List.of(A), List.of(), List.of(new CpgAddress(A, CpgReason.JOIN)));
        a.groupChanged(alone);
        a.groupRing(R);
        KvCore.Have aloneHave = ((KvCore.SendHave) a.takeEffects().get(0)).have();
        a.haveDelivered(A, aloneHave);
        assertTrue(a.current());
        for (int i = 0; i < 5; i++) {
            a.writeDelivered(write(i));
        }

        b.groupRing(R); // told the ring as it joins
        CpgConfChg joined = new CpgConfChg("g", List.of(A, B), List.of(), List.of(new CpgAddress(B, CpgReason.JOIN)));
        a.groupChanged(joined);
        b.groupChanged(joined);
        KvCore.Have haveA = ((KvCore.SendHave) a.takeEffects().get(0)).have();
        KvCore.Have haveB = ((KvCore.SendHave) b.takeEffects().get(0)).have();
        for (KvCore core : List.of(a, b)) {
            core.writeDelivered(write(5)); // a write ordered between the change and the Haves
            core.haveDelivered(B, haveB);
            core.haveDelivered(A, haveA);
        }
        assertTrue(a.current());
        assertFalse(b.current(), "B missed five writes");
        KvCore.WriteSnapshot snapshot = (KvCore.WriteSnapshot) a.takeEffects().get(0);
        assertEquals(6, snapshot.replica().version());
        for (KvCore core : List.of(a, b)) {
            core.writeDelivered(write(6)); // after the source's snapshot, before its notice
            core.snapshotDelivered(snapshot.snapshot());
        }
        assertEquals(List.of(new KvCore.ReadSnapshot(snapshot.snapshot())), b.takeEffects());
        assertFalse(b.install(new KvReplica()), "not the announced version");
        assertTrue(b.install(KvCodec.decodeReplica(KvCodec.replica(snapshot.replica())).orElseThrow()));
        assertTrue(b.current());
        assertEquals(a.replica().version(), b.replica().version());
        assertEquals(a.replica().digest(), b.replica().digest());
        assertEquals(Optional.of("v6"), b.replica().get("k0"));
    }

    @Test
    void messagesRoundTripAndGarbageIsNotAMessage() {
        KvCore.Have have = new KvCore.Have(R, List.of(A, B), 7, "abc");
        assertEquals(Optional.of(new KvCodec.Had(have)), KvCodec.decode(KvCodec.have(have)));
        KvCodec.Written written = new KvCodec.Written(3, new KvReplica.Write("key", "välue"));
        assertEquals(Optional.of(written), KvCodec.decode(KvCodec.write(3, written.write())));
        byte[] bytes = KvCodec.have(have);
        assertEquals(Optional.empty(), KvCodec.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        assertEquals(Optional.empty(), KvCodec.decode(new byte[] {42}));
        assertEquals(Optional.empty(), KvCodec.decodeReplica(new byte[] {0, 0, 0}));
    }
}
