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
 * {@link PackingQueue#commitPolls} and {@link PackingQueue#rollbackPolls}: a step of Totem that
 * fails half-way gives back exactly what it polled, in order, and never a fragment of a message
 * that {@link PackingQueue#restartPartlySent} queued again whole. "Sent" below is what was
 * committed; every check unpacks what a receiver gets and compares it with what was offered.
 */
class CommitPollsTest {

    private final byte[] small1 = message(5, 1);
    private final byte[] big = message(150, 2);
    private final byte[] small2 = message(5, 3);
    private final byte[] big2 = message(150, 4);

    private PackingQueue queueOf(byte[]... messages) {
        PackingQueue queue = new PackingQueue(64, 32, 1000);
        for (int i = 0; i < messages.length; i++) {
            queue.offer(i % 2 == 0 ? AGREED : SAFE, messages[i]);
        }
        return queue;
    }

    @Test
    void uncommittedPollsComeBackInOrderAndCommittedOnesDoNot() {
        PackingQueue queue = queueOf(small1, big, small2);
        int size = queue.size();
        long bytes = queue.queuedBytes();
        List<Chunk> sent = new ArrayList<>(List.of(queue.poll(), queue.poll()));
        queue.commitPolls();
        queue.poll();
        queue.poll();
        queue.rollbackPolls();
        assertEquals(size - 2, queue.size(), "the two uncommitted chunks are back");
        sent.addAll(drain(queue));
        queue.commitPolls();
        assertEquals(size, sent.size());
        assertEquals(contents(List.of(small1, big, small2)), contents(unpack(new Unpacker(1000), 1, sent)));

        queue.rollbackPolls();
        assertEquals(0, queue.size(), "nothing polled since the last commit: nothing comes back");
        assertEquals(0, queue.queuedBytes());
        assertEquals(bytes, sent.stream().mapToLong(Chunk::length).sum());
    }

    @Test
    void aMessagePartlySentBeforeTheCommitIsStillPartlySentAfterARollback() {
        PackingQueue queue = queueOf(big, small1);
        Unpacker receiver = new Unpacker(1000);
        List<Chunk> firstRing = new ArrayList<>(List.of(queue.poll()));
        queue.commitPolls();
        queue.poll();
        queue.rollbackPolls();
        assertEquals(List.of(), unpack(receiver, 1, firstRing), "only the FIRST was sent");

        receiver.configurationChanged();
        queue.restartPartlySent();
        assertEquals(contents(List.of(big, small1)), contents(unpack(receiver, 1, drain(queue))),
                "sent again whole, once");
    }

    @Test
    void aRollbackAfterARestartInTheSameStepDoesNotGiveBackFragmentsOfTheRestartedMessage() {
        PackingQueue queue = queueOf(small1, big, small2);
        queue.poll();
        queue.poll();
        queue.poll();
        queue.restartPartlySent();
        queue.rollbackPolls();
        assertEquals(contents(List.of(small1, big, small2)), contents(unpack(new Unpacker(1000), 1, drain(queue))),
                "nothing was sent: everything once, in order, the big one whole");
    }

    @Test
    void aMessagePartlySentAtTheCommitIsRestartedAfterARollbackThatRestartedTheNextOne() {
        PackingQueue queue = queueOf(big, big2, small1);
        int chunksOfBig = PackingQueue.chunksFor(big.length, 64);
        Unpacker receiver = new Unpacker(1000);
        List<Chunk> sent = new ArrayList<>(List.of(queue.poll()));
        queue.commitPolls();
        for (int i = 0; i < chunksOfBig; i++) {
            queue.poll();
        }
        queue.restartPartlySent();
        queue.rollbackPolls();
        assertEquals(List.of(), unpack(receiver, 1, sent), "only the first one's FIRST was sent");

        receiver.configurationChanged();
        queue.restartPartlySent();
        assertEquals(contents(List.of(big, big2, small1)), contents(unpack(receiver, 1, drain(queue))));
    }
}
