package io.ringsync.node.cmap;

import io.ringsync.protocol.transport.EndpointStatus;
import java.util.Map;

/**
 * {@code runtime.transport.endpoint.*} (pure): whether the node's own endpoint is open
 * ({@code open}, u8 0/1), how many attempts to open it failed since the node started
 * ({@code open_failures}, u64; a node waiting for its address or port retries every
 * {@code totem.downcheck}) and the latest failure ({@code last_failure}, e.g.
 * {@code 127.0.0.2:5405 (link 0): Address already in use}; empty when none). Updated at each
 * attempt; the frames dropped meanwhile are in the transport counters of {@code cfg status}.
 */
public final class TransportKeys {

    /** The prefix of every key this class makes. */
    public static final String PREFIX = "runtime.transport.endpoint.";

    private TransportKeys() {
    }

    /** The keys of {@code status}. */
    public static Map<String, CmapValue> of(EndpointStatus status) {
        return KeyMap.under(PREFIX).flag("open", status.open()).u64("open_failures", status.openFailures())
                .str("last_failure", status.lastFailure()).keys();
    }
}
