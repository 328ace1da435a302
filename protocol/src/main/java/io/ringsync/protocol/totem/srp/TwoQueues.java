package io.ringsync.protocol.totem.srp;

import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.OriginateSource;
import io.ringsync.protocol.totem.Outgoing;

/** Two sources drained in priority order: everything of {@code first}, then {@code second}. */
@PureCore
record TwoQueues(OriginateSource first, OriginateSource second) implements OriginateSource {

    @Override
    public int backlog() {
        return first.backlog() + second.backlog();
    }

    @Override
    public Outgoing poll() {
        Outgoing next = first.poll();
        return next != null ? next : second.poll();
    }
}
