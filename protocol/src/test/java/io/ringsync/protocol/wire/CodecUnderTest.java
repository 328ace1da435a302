package io.ringsync.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * An encoder and decoder pair under test, with the checks every frame type's decoder test
 * makes: round trips, decoding a fresh encoding, and that every truncation is dropped.
 */
final class CodecUnderTest {

    private final FrameEncoder encoder;
    private final FrameDecoder decoder;

    CodecUnderTest(FrameEncoder encoder, FrameDecoder decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** {@code frame} decodes back to an equal frame. */
    void assertRoundTrip(WireFrame frame) {
        assertEquals(new DecodeResult.Decoded(frame), assertInstanceOf(DecodeResult.Decoded.class, decodeFresh(frame)));
    }

    /** Encodes {@code frame} and decodes the encoding. */
    DecodeResult decodeFresh(WireFrame frame) {
        int length = encoder.encode(frame);
        return decoder.decode(encoder.buffer(), 0, length);
    }

    /** The encoding of {@code frame} in a buffer of its own with room to spare. */
    UnsafeBuffer copy(WireFrame frame) {
        int length = encoder.encode(frame);
        UnsafeBuffer copy = new UnsafeBuffer(new byte[length + 64]);
        copy.putBytes(0, encoder.buffer(), 0, length);
        return copy;
    }

    /** Every proper prefix of the encoding is TRUNCATED, alone and inside a larger buffer. */
    void assertEveryPrefixTruncated(WireFrame frame) {
        UnsafeBuffer full = copy(frame);
        int length = encoder.encode(frame);
        for (int prefix = 0; prefix < length; prefix++) {
            UnsafeBuffer cut = new UnsafeBuffer(new byte[prefix]);
            cut.putBytes(0, full, 0, prefix);
            assertEquals(DropReason.TRUNCATED, decoder.decode(cut, 0, prefix), frame + " prefix " + prefix);
            // the same prefix inside a larger buffer (as in an Aeron term): the frame end, not the buffer, bounds it
            assertEquals(DropReason.TRUNCATED, decoder.decode(full, 0, prefix), frame + " in-buffer prefix " + prefix);
        }
    }
}
