package io.ringsync.node.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringsync.protocol.totem.RingId;
import io.ringsync.quorum.QuorumFlag;
import io.ringsync.quorum.QuorumStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuorumEventPrinterTest {

    private static QuorumStatus status(boolean quorate) {
        return new QuorumStatus(1, Optional.of(new RingId(1, 0x1c)), quorate, 3, 3, quorate ? 3 : 1, 2,
                quorate ? Set.of(QuorumFlag.QUORATE) : Set.of(), List.of(new QuorumStatus.Member(1, 1, 3)), 0, false);
    }

    @Test
    void formatsQuorateAndBlocked() {
        assertEquals("node1: quorate in ring 1.1c, total votes 3, expected 3, quorum 2",
                QuorumEventPrinter.format("node1", status(true)));
        assertEquals("node1: NOT quorate (activity blocked) in ring 1.1c, total votes 1, expected 3, quorum 2",
                QuorumEventPrinter.format("node1", status(false)));
    }
}
