package io.ringsync.protocol.transport;

import io.ringsync.protocol.wire.DropReason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable snapshot of a transport's counters: frames and bytes sent and received
 * (received = passed decoding), inbound drops per {@link DropReason} and send outcomes per
 * {@link SendResult} ({@code SENT} included).
 */
public record TransportStats(
        int nodeId,
        long framesSent,
        long bytesSent,
        long framesReceived,
        long bytesReceived,
        Map<DropReason, Long> drops,
        Map<SendResult, Long> sendResults) {

    public TransportStats {
        drops = Map.copyOf(drops);
        sendResults = Map.copyOf(sendResults);
    }

    /**
     * The counters flattened under stable names for tools and reports: {@code frames.sent},
     * {@code bytes.sent}, {@code frames.received}, {@code bytes.received},
     * {@code drop.<reason>} and {@code send.<result>} (lower case).
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
        return Collections.unmodifiableMap(map);
    }
}
