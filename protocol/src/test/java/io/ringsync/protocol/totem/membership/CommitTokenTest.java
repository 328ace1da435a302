package io.ringsync.protocol.totem.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.RingId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commit token value: filling entries (rotation 1), received flags, transitional set. */
class CommitTokenTest {

    private static final RingId NEW = new RingId(2, 12);
    private static final RingId OLD_A = new RingId(2, 8);
    private static final RingId OLD_B = new RingId(4, 4);

    @Test
    void membersMustBeSortedUniqueAndLedByTheRep() {
        assertThrows(IllegalArgumentException.class, () -> CommitToken.create(NEW, List.of(4, 2)));
        assertThrows(IllegalArgumentException.class, () -> CommitToken.create(NEW, List.of(3, 4)));
        assertThrows(IllegalArgumentException.class, () -> new CommitToken(0, NEW, 1, List.of(2), List.of()));
    }

    @Test
    void fillingAdvancesTheIndexAndHopCounter() {
        CommitToken token = CommitToken.create(NEW, List.of(2, 4, 6));
        assertEquals(2, token.nextToFill());
        token = token.fill(new MemberEntry(OLD_A, 5, 5, true));
        assertEquals(1, token.membIndex());
        assertEquals(1, token.tokenSeq());
        assertEquals(4, token.nextToFill());
        assertFalse(token.allEntriesFilled());
    }

    @Test
    void entriesOfTheSameOldRingBelowItsHighestAruLoseTheReceivedFlag() {
        CommitToken token = CommitToken.create(NEW, List.of(2, 4, 6))
                .fill(new MemberEntry(OLD_A, 5, 5, true))
                .fill(new MemberEntry(OLD_B, 1, 1, true))
                .fill(new MemberEntry(OLD_A, 9, 9, true));
        assertTrue(token.allEntriesFilled());
        assertEquals(List.of(false, true, true), token.entries().stream().map(MemberEntry::receivedFlag).toList());
        assertEquals(List.of(2, 6), token.transitionalSet(OLD_A));
        assertEquals(List.of(4), token.transitionalSet(OLD_B));
    }

    @Test
    void aHopKeepsTheEntries() {
        CommitToken token = CommitToken.create(NEW, List.of(2)).fill(new MemberEntry(OLD_A, 0, 0, true));
        CommitToken hopped = token.hop();
        assertEquals(token.entries(), hopped.entries());
        assertEquals(token.tokenSeq() + 1, hopped.tokenSeq());
    }
}
