package io.ringsync.protocol.wire;

/**
 * What {@link FrameDecoder#decode} made of a byte sequence: either a {@link Decoded} frame or
 * the {@link DropReason} it was dropped for. Drops allocate nothing (the reason is the result).
 */
public sealed interface DecodeResult permits DecodeResult.Decoded, DropReason {

    /** A frame that passed every check. */
    record Decoded(WireFrame frame) implements DecodeResult {
    }
}
