/**
 * The wire codec: immutable frame records ({@link io.ringsync.protocol.wire.WireFrame}), one
 * {@link io.ringsync.protocol.wire.FrameEncoder} and one {@link io.ringsync.protocol.wire.FrameDecoder}
 * over the SBE flyweights generated from {@code sbe/ringsync-wire.xml}. Flyweights stay inside
 * this package: only records leave it (STYLE.md rule 6).
 */
package io.ringsync.protocol.wire;
