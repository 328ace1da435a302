package io.ringsync.examples.singleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.cpg.CpgMember;
import io.ringsync.protocol.totem.RingId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tokens order by ring seq, representative, epoch; the gate refuses older ones; the codec round-trips and rejects garbage. */
class FencingTest {

    private static final FencingToken OLD = new FencingToken(new RingId(2, 0x10), 5);
    private static final FencingToken NEW = new FencingToken(new RingId(1, 0x14), 1);

    @Test
    void aLaterRingBeatsAnyEpochOfAnEarlierOneAndTextRoundTrips() {
        assertTrue(OLD.olderThan(NEW));
        assertTrue(NEW.olderThan(new FencingToken(new RingId(1, 0x14), 2)));
        assertEquals("1.14:1", NEW.toString());
        assertEquals(OLD, FencingToken.parse(OLD.toString()));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> FencingToken.parse("1.x"));
        assertTrue(bad.getMessage().endsWith(": 1.x"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FencingToken(new RingId(1, 1), 0));
    }

    @Test
    void theGateRefusesATokenOlderThanTheHighestItSaw() {
        FencingGate gate = new FencingGate();
        assertTrue(gate.admit(OLD));
        assertTrue(gate.admit(OLD), "the same holder again");
        gate.observe(NEW);
        assertFalse(gate.admit(OLD), "an election the gate heard of fences the old holder");
        assertTrue(gate.admit(NEW));
        gate.observe(OLD);
        assertEquals(Optional.of(NEW), gate.highest(), "observing an older token lowers nothing");
    }

    @Test
    void messagesRoundTripAndGarbageIsNotAMessage() {
        SingletonCore.Vote vote = new SingletonCore.Vote(new RingId(3, 0x20), 4,
                List.of(new CpgMember(1, 10), new CpgMember(3, 30)));
        assertEquals(Optional.of(new SingletonCodec.Voted(vote)), SingletonCodec.decode(SingletonCodec.vote(vote)));
        SingletonCodec.Action action = new SingletonCodec.Action(NEW, 42);
        assertEquals(Optional.of(action), SingletonCodec.decode(SingletonCodec.action(action)));
        byte[] bytes = SingletonCodec.vote(vote);
        assertEquals(Optional.empty(), SingletonCodec.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        assertEquals(Optional.empty(), SingletonCodec.decode(new byte[0]));
        assertEquals(Optional.empty(), SingletonCodec.decode(new byte[] {9, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1}));
        byte[] huge = SingletonCodec.vote(vote);
        huge[17] = 0x7f; // the member count's high byte
        assertEquals(Optional.empty(), SingletonCodec.decode(huge));
    }
}
