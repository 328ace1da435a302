package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.RingConfiguration;
import io.ringsync.protocol.totem.pg.PackingQueue;

/**
 * The application messages one node's Totem accepted (a {@code Multicast} answered ACCEPTED, so
 * the sender believes them sent) and has not originated yet: the application
 * {@link PackingQueue}, kept outside the {@link SrpCore} so that it outlives it. The Totem actor
 * creates one holder for all its incarnations; each new core {@linkplain #takeOver takes the
 * queue over} and originates what it holds on its first ring, before anything queued after,
 * once each, in the order accepted, with its delivery (AGREED or SAFE). A restart of the Totem
 * actor (a rejoin, a crash, a kill from outside) then loses no accepted message that was still
 * queued.
 *
 * <p>The rules, for exactly-once across a restart:
 * <ul>
 * <li><b>Originated means sent by a finished step.</b> A chunk counts as originated once the
 *     core step that polled it has returned: the effects that send it exist, and the driver
 *     carries them out next. The core commits its queue's polls at the end of each step
 *     ({@link PackingQueue#commitPolls}); a core that fails in the middle of a step never
 *     returned the effects of that step, so the next core gives its polls back to the queue
 *     ({@link PackingQueue#rollbackPolls}): nothing of them was sent, nothing is lost.</li>
 * <li><b>Originated messages are not sent again.</b> The old ring's members that received them
 *     deliver them in that ring's recovery (extended virtual synchrony), so sending them again
 *     would deliver them twice. What this cannot save: a message originated by the old
 *     incarnation that no other node received before the restart (its multicast lost on the
 *     wire, or not yet handed to the transport when the driver failed while carrying out a
 *     step's effects); the restarted node no longer has it to retransmit, as after a crash of
 *     the whole node.</li>
 * <li><b>A partly sent message goes again whole.</b> A fragmented message whose FIRST was
 *     originated and whose LAST was not is queued again whole at the head
 *     ({@link PackingQueue#restartPartlySent}), the rule of a ring change: every other node
 *     sees this node leave and drops its partial message at the next regular configuration.</li>
 * <li><b>They go to the ring they were meant for.</b> The holder also remembers the ring the last
 *     core was in, and the next core gathers with its members from the start
 *     ({@link io.ringsync.protocol.totem.membership.MembershipCore#gatherWith}): a booting core
 *     alone in GATHER reaches consensus with itself at once, and would originate the messages in
 *     a ring of its own, delivered to nobody else. The others see a join that is not stale and
 *     gather too; one that does not answer is marked failed at the consensus timeout, as after a
 *     token loss. The next core boots in ring {@code (me, persisted seq + 1)}, an id no ring ever
 *     had (this node persisted the seq of every ring it created), so that recovery does not take
 *     it for a member that came along from the old ring, whose messages it no longer has.</li>
 * <li><b>Service sync messages are not kept.</b> They belong to the sync round of a ring, and
 *     the next ring runs a new one.</li>
 * </ul>
 * One core at a time owns the queue: the Totem actor's incarnations never overlap. The queue
 * keeps the sizes and capacity it was created with (a running core cannot change them either).
 */
@PureCore
public final class AcceptedMessages {

    private PackingQueue queue;
    private RingConfiguration lastRing;

    /** An empty holder; the first core to take it over creates the queue. */
    public AcceptedMessages() {
    }

    /**
     * The queue for a new core with chunks of {@code maxChunkBytes} and messages of up to
     * {@code maxMessageBytes}: a new one of {@code capacityChunks} the first time, afterwards the
     * previous core's, its unfinished step undone and its partly sent message queued again whole.
     *
     * @throws IllegalArgumentException if the sizes differ from those the queue was created with
     */
    PackingQueue takeOver(int maxChunkBytes, int capacityChunks, int maxMessageBytes) {
        if (queue == null) {
            queue = new PackingQueue(maxChunkBytes, capacityChunks, maxMessageBytes);
            return queue;
        }
        if (queue.maxChunkBytes() != maxChunkBytes || queue.maxMessageBytes() != maxMessageBytes) {
            throw new IllegalArgumentException("accepted messages were queued in chunks of " + queue.maxChunkBytes()
                    + " bytes for messages of up to " + queue.maxMessageBytes() + ", not " + maxChunkBytes + " and "
                    + maxMessageBytes);
        }
        queue.rollbackPolls();
        queue.restartPartlySent();
        queue.commitPolls();
        return queue;
    }

    /** The core that owns the queue installed {@code ring}. */
    void ringInstalled(RingConfiguration ring) {
        lastRing = ring;
    }

    /** The last ring a core installed, or null if none did yet (the next core is the first to form one). */
    RingConfiguration lastRing() {
        return lastRing;
    }

    /** Chunks waiting to be originated (0 before the first core). */
    public int queuedChunks() {
        return queue == null ? 0 : queue.size();
    }

    @Override
    public String toString() {
        return "AcceptedMessages[" + queue + ", last ring " + lastRing + "]";
    }
}
