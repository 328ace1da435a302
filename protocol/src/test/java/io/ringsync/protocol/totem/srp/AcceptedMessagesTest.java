package io.ringsync.protocol.totem.srp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.pg.Chunk;
import io.ringsync.protocol.totem.pg.PackingQueue;
import io.ringsync.protocol.totem.pg.Unpacker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-over of {@link AcceptedMessages} from one core to the next: the same queue, the
 * polls of the unfinished step given back, the partly sent message queued again whole, the
 * deliveries kept; a queue of other sizes is refused.
 */
class AcceptedMessagesTest {

    private static final int CHUNK = 64;
    private static final int MAX = 1000;

    /** What the others receive from the chunks, as "AGREED:text" strings, through one receiver. */
    private static List<String> received(Unpacker receiver, List<Chunk> chunks) {
        List<String> out = new ArrayList<>();
        for (Chunk chunk : chunks) {
            for (byte[] message : receiver.onChunk(1, chunk.bytes())) {
                out.add(chunk.delivery() + ":" + new String(message, StandardCharsets.UTF_8).substring(0, 2));
            }
        }
        return out;
    }

    private static List<Chunk> pollAll(PackingQueue queue) {
        List<Chunk> out = new ArrayList<>();
        for (Chunk chunk = queue.poll(); chunk != null; chunk = queue.poll()) {
            out.add(chunk);
        }
        return out;
    }

    @Test
    void theNextCoreOriginatesWhatTheLastOneAcceptedAndDidNotSendOnceInOrderWithItsDelivery() {
        AcceptedMessages accepted = new AcceptedMessages();
        PackingQueue first = accepted.takeOver(CHUNK, 32, MAX);
        first.offer(Delivery.AGREED, "m1".getBytes(StandardCharsets.UTF_8));
        first.offer(Delivery.SAFE, ("m2" + "x".repeat(150)).getBytes(StandardCharsets.UTF_8));
        first.offer(Delivery.AGREED, "m3".getBytes(StandardCharsets.UTF_8));
        first.offer(Delivery.SAFE, "m4".getBytes(StandardCharsets.UTF_8));
        Unpacker receiver = new Unpacker(MAX);
        List<Chunk> oldRing = new ArrayList<>(List.of(first.poll(), first.poll()));
        first.commitPolls();
        first.poll();
        assertEquals(List.of("AGREED:m1"), received(receiver, oldRing), "m1 and the FIRST of m2 were sent");

        receiver.configurationChanged();
        PackingQueue next = accepted.takeOver(CHUNK, 32, MAX);
        assertSame(first, next);
        assertEquals(List.of("SAFE:m2", "AGREED:m3", "SAFE:m4"), received(receiver, pollAll(next)),
                "the step that failed gave back its poll; m2 goes again whole; m1 is not sent again");
    }

    @Test
    void aCleanRestartHandsOverEverythingStillQueuedAndTheFirstCoreGetsAnEmptyQueue() {
        AcceptedMessages accepted = new AcceptedMessages();
        assertEquals(0, accepted.queuedChunks());
        PackingQueue queue = accepted.takeOver(CHUNK, 32, MAX);
        assertEquals(0, queue.size());
        queue.offer(Delivery.SAFE, "m1".getBytes(StandardCharsets.UTF_8));
        queue.offer(Delivery.AGREED, "m2".getBytes(StandardCharsets.UTF_8));
        queue.commitPolls();
        assertEquals(2, accepted.queuedChunks());
        assertEquals(List.of("SAFE:m1", "AGREED:m2"), received(new Unpacker(MAX), pollAll(accepted.takeOver(CHUNK, 8, MAX))));
    }

    @Test
    void aCoreOfOtherMessageSizesCannotTakeTheQueueOver() {
        AcceptedMessages accepted = new AcceptedMessages();
        accepted.takeOver(CHUNK, 32, MAX);
        assertThrows(IllegalArgumentException.class, () -> accepted.takeOver(2 * CHUNK, 32, MAX));
        assertThrows(IllegalArgumentException.class, () -> accepted.takeOver(CHUNK, 32, 2 * MAX));
    }
}
