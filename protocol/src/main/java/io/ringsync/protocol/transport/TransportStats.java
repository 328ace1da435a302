package io.ringsync.protocol.transport;

import io.ringsync.protocol.crypto.Rejection;
import io.ringsync.protocol.wire.DropReason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable snapshot of a transport's counters: frames and bytes sent and received
 * (received = passed opening and decoding; bytes as on the wire, crypto header and tag
 * included), inbound drops per {@link DropReason}, send outcomes per {@link SendResult}
 * ({@code SENT} included), and, when frames are sealed, frames the crypto refused per
 * {@link Rejection} and frames dropped because the wire frame named another sender than the
 * authenticated crypto header ({@code forgedSenders}); all zero with cipher "none".
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
        long forgedSenders) {

    /** Copies the maps. */
    public TransportStats {
        drops = Map.copyOf(drops);
        sendResults = Map.copyOf(sendResults);
        cryptoRejections = Map.copyOf(cryptoRejections);
    }

    /**
     * The counters flattened under stable names for tools and reports: {@code frames.sent},
     * {@code bytes.sent}, {@code frames.received}, {@code bytes.received},
     * {@code drop.<reason>}, {@code send.<result>}, {@code crypto.<rejection>} (e.g.
     * {@code crypto.bad_tag}, {@code crypto.unknown_key}) and {@code crypto.forged_sender}
     * (lower case).
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
        return Collections.unmodifiableMap(map);
    }
}
