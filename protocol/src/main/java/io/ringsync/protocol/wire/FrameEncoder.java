package io.ringsync.protocol.wire;

import io.ringsync.protocol.wire.sbe.LinkPingEncoder;
import io.ringsync.protocol.wire.sbe.LinkPongEncoder;
import io.ringsync.protocol.wire.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes {@link WireFrame} records into one reused buffer: message header, then the frame
 * header (this cluster's hash, the record's sender) and the message's fields. Not thread
 * safe: one encoder per publishing thread; the bytes are valid until the next
 * {@link #encode} call.
 */
public final class FrameEncoder {

    /** Capacity of the reused buffer; far above any fixed-size message of this schema. */
    static final int BUFFER_CAPACITY = 1024;

    private final int clusterHash;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BUFFER_CAPACITY]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final LinkPingEncoder ping = new LinkPingEncoder();
    private final LinkPongEncoder pong = new LinkPongEncoder();

    /** An encoder stamping {@code clusterHash} (see {@link ClusterHash#of}) into every frame. */
    public FrameEncoder(int clusterHash) {
        this.clusterHash = clusterHash;
    }

    /** Encodes {@code frame} at offset 0 of {@link #buffer()} and returns its length in bytes. */
    public int encode(WireFrame frame) {
        if (frame instanceof LinkPing p) {
            return encodePing(p);
        }
        if (frame instanceof LinkPong p) {
            return encodePong(p);
        }
        throw new IllegalArgumentException("no encoding for " + frame);
    }

    /** The buffer the last {@link #encode} wrote to. */
    public DirectBuffer buffer() {
        return buffer;
    }

    private int encodePing(LinkPing p) {
        ping.wrapAndApplyHeader(buffer, 0, header);
        ping.frameHeader().clusterHash(unsigned(clusterHash)).senderNodeId(unsigned(p.senderNodeId()));
        ping.targetNodeId(unsigned(p.targetNodeId()))
                .linkNumber((short) p.linkNumber())
                .seq(p.seq())
                .sendTimeNs(p.sendTimeNs());
        return MessageHeaderEncoder.ENCODED_LENGTH + ping.encodedLength();
    }

    private int encodePong(LinkPong p) {
        pong.wrapAndApplyHeader(buffer, 0, header);
        pong.frameHeader().clusterHash(unsigned(clusterHash)).senderNodeId(unsigned(p.senderNodeId()));
        pong.targetNodeId(unsigned(p.targetNodeId()))
                .linkNumber((short) p.linkNumber())
                .seq(p.seq())
                .echoedSendTimeNs(p.echoedSendTimeNs());
        return MessageHeaderEncoder.ENCODED_LENGTH + pong.encodedLength();
    }

    private static long unsigned(int value) {
        return Integer.toUnsignedLong(value);
    }
}
