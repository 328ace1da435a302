package io.ringsync.protocol.totem.pg;

import static io.ringsync.protocol.totem.Delivery.AGREED;
import static io.ringsync.protocol.totem.Delivery.SAFE;
import static io.ringsync.protocol.totem.pg.PgFixtures.contents;
import static io.ringsync.protocol.totem.pg.PgFixtures.drain;
import static io.ringsync.protocol.totem.pg.PgFixtures.message;
import static io.ringsync.protocol.totem.pg.PgFixtures.unpack;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PackingQueue#restartPartlySent}: a fragmented message whose FIRST was sent before a
 * regular configuration, where every receiver drops its partial
 * ({@link Unpacker#configurationChanged}), is sent again whole, ahead of what followed it.
 */
class RestartPartlySentTest {

    @Test
    void aPartlySentMessageIsSentAgainWholeAheadOfTheRest() {
        PackingQueue queue = new PackingQueue(64, 32, 1000);
        byte[] big = message(150, 1);
        byte[] small = message(5, 2);
        queue.offer(SAFE, big);
        queue.offer(AGREED, small);
        Unpacker receiver = new Unpacker(1000);
        List<Chunk> firstRing = new ArrayList<>(List.of(queue.poll(), queue.poll()));
        assertEquals(List.of(), unpack(receiver, 1, firstRing), "FIRST and a MIDDLE: nothing complete yet");

        receiver.configurationChanged();
        queue.restartPartlySent();

        List<Chunk> secondRing = drain(queue);
        assertEquals(SAFE, secondRing.get(0).delivery());
        assertEquals(contents(List.of(big, small)), contents(unpack(receiver, 1, secondRing)));
        assertEquals(0, receiver.partialCount());
    }

    @Test
    void nothingChangesWhenNoMessageIsPartlySent() {
        PackingQueue queue = new PackingQueue(64, 32, 1000);
        byte[] big = message(150, 1);
        queue.offer(AGREED, big);
        List<Chunk> all = drain(queue);
        queue.restartPartlySent();
        assertEquals(0, queue.size(), "the LAST was sent: nothing to restart");

        queue.offer(AGREED, message(5, 3));
        queue.restartPartlySent();
        assertEquals(1, queue.size(), "whole messages are never restarted");
        all.addAll(drain(queue));
        assertEquals(contents(List.of(big, message(5, 3))), contents(unpack(new Unpacker(1000), 1, all)));
    }
}
