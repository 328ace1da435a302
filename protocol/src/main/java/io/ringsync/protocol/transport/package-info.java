/**
 * The Aeron transport: {@link io.ringsync.protocol.transport.AeronTransport} (embedded media
 * driver, one publication per peer link, one subscription per own link, a poller thread) and
 * {@link io.ringsync.protocol.transport.TransportActor}, the actor that owns it.
 */
package io.ringsync.protocol.transport;
