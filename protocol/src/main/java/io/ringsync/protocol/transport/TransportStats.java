package io.ringsync.protocol.transport;

import io.ringsync.protocol.crypto.Rejection;
import io.ringsync.protocol.wire.DropReason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of a transport's counters: frames and bytes sent and received
 * (received = passed opening and decoding; bytes as on the wire, crypto header and tag
 * included), inbound drops per {@link DropReason}, send outcomes per {@link SendResult}
 * ({@code SENT} included), and, when frames are sealed, frames the crypto refused per
 * {@link Rejection} and frames dropped because the wire frame named another sender than the
 * authenticated crypto header ({@code forgedSenders}); all zero with cipher "none". {@code endpoint}
 * tells whether the node's own endpoint is open and how often opening it failed
 * ({@link EndpointDowncheck}); the frame counters are those of the transport open now (zero
 * while none is).
 */
public record TransportStats(
        int nodeId,
        long framesSent,
        long bytesSent,
        long framesReceived,
        long bytesReceived,
        Map<DropReason, Long> drops,
        Map<SendResult, Long> sendResults,
        Map<Rejection, Long> cryptoRejections,
        long forgedSenders,
        EndpointStatus endpoint) {

    /** Copies the maps. */
    public TransportStats {
        drops = Map.copyOf(drops);
        sendResults = Map.copyOf(sendResults);
        cryptoRejections = Map.copyOf(cryptoRejections);
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** The counters of node {@code nodeId} while it has no transport open: only {@code endpoint}'s are not zero. */
    public static TransportStats withoutTransport(int nodeId, EndpointStatus endpoint) {
        return new TransportStats(nodeId, 0, 0, 0, 0, Map.of(), Map.of(), Map.of(), 0, endpoint);
    }

    /** These counters with {@code status} as the endpoint's. */
    public TransportStats withEndpoint(EndpointStatus status) {
        return new TransportStats(nodeId, framesSent, bytesSent, framesReceived, bytesReceived, drops, sendResults,
                cryptoRejections, forgedSenders, status);
    }

    /**
     * The counters flattened under stable names for tools and reports: {@code frames.sent},
     * {@code bytes.sent}, {@code frames.received}, {@code bytes.received},
     * {@code drop.<reason>}, {@code send.<result>}, {@code crypto.<rejection>} (e.g.
     * {@code crypto.bad_tag}, {@code crypto.unknown_key}) and {@code crypto.forged_sender}
     * (lower case), {@code endpoint.open} (1 or 0), {@code endpoint.open_failures} and
     * {@code endpoint.frames_dropped}.
     */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("frames.sent", framesSent);
        map.put("bytes.sent", bytesSent);
        map.put("frames.received", framesReceived);
        map.put("bytes.received", bytesReceived);
        for (DropReason reason : DropReason.values()) {
            map.put("drop." + reason.name().toLowerCase(), drops.getOrDefault(reason, 0L));
        }
        for (SendResult result : SendResult.values()) {
            map.put("send." + result.name().toLowerCase(), sendResults.getOrDefault(result, 0L));
        }
        for (Rejection rejection : Rejection.values()) {
            map.put("crypto." + rejection.name().toLowerCase(), cryptoRejections.getOrDefault(rejection, 0L));
        }
        map.put("crypto.forged_sender", forgedSenders);
        map.put("endpoint.open", endpoint.open() ? 1L : 0L);
        map.put("endpoint.open_failures", endpoint.openFailures());
        map.put("endpoint.frames_dropped", endpoint.framesDropped());
        return Collections.unmodifiableMap(map);
    }
}
