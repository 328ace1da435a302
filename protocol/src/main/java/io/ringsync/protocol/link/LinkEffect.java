package io.ringsync.protocol.link;

import io.ringsync.protocol.wire.WireFrame;

/** What the {@link LinkMonitor} core asks its driver to do. */
public sealed interface LinkEffect permits LinkEffect.SendFrame, LinkEffect.LinkChanged {

    /** Send {@code frame} to {@code nodeId} on link {@code linkNumber}. */
    record SendFrame(int nodeId, int linkNumber, WireFrame frame) implements LinkEffect {
    }

    /**
     * A link went up or down ({@code status.up()}); {@code silentMs} is the time since its
     * last pong (0 when it went up).
     */
    record LinkChanged(LinkStatus status, long silentMs) implements LinkEffect {
    }
}
