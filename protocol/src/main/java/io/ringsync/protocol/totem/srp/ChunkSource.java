package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.OriginateSource;
import io.ringsync.protocol.totem.Outgoing;
import io.ringsync.protocol.totem.pg.Chunk;
import io.ringsync.protocol.totem.pg.PackingQueue;

/** A {@link PackingQueue} as the source Totem originates from: one chunk per Totem message. */
@PureCore
record ChunkSource(PackingQueue queue) implements OriginateSource {

    @Override
    public int backlog() {
        return queue.size();
    }

    @Override
    public Outgoing poll() {
        Chunk chunk = queue.poll();
        return chunk == null ? null : Outgoing.of(chunk.delivery(), chunk.bytes());
    }
}
