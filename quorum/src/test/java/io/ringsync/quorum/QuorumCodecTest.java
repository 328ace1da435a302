package io.ringsync.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringsync.protocol.totem.RingId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every message survives the codec; short, long or unknown bodies are not messages. */
class QuorumCodecTest {

    private static final List<QuorumMessage> ALL = List.of(
            new QuorumMessage.NodeInfo(3, 2, 7, true, false, true, false, 4),
            new QuorumMessage.NodeInfo(1, 0, 1, false, true, false, true, 0),
            new QuorumMessage.SetExpected(2, 9L, 5),
            new QuorumMessage.SetVotes(2, 10L, 4, 3),
            new QuorumMessage.CancelWaitForAll(1, Long.MAX_VALUE),
            new QuorumMessage.LastManStandingExpired(new RingId(1, 0x1cL)));

    @Test
    void roundTrips() {
        for (QuorumMessage message : ALL) {
            assertEquals(Optional.of(message), QuorumCodec.decode(QuorumCodec.encode(message)));
        }
    }

    @Test
    void malformedBodiesAreNotMessages() {
        for (QuorumMessage message : ALL) {
            byte[] bytes = QuorumCodec.encode(message);
            assertEquals(Optional.empty(), QuorumCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)), message::toString);
            assertEquals(Optional.empty(), QuorumCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)), message::toString);
        }
        assertEquals(Optional.empty(), QuorumCodec.decode(new byte[0]));
        assertEquals(Optional.empty(), QuorumCodec.decode(new byte[] {42, 0, 0, 0, 0}));
        assertEquals(Optional.empty(), QuorumCodec.decode(new byte[] {5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}),
                "a ring id with representative 0 is not one");
    }
}
