/**
 * knet-like link monitoring, separate from Totem's token: a pure {@link io.ringsync.protocol.link.LinkMonitor}
 * core (pings, pongs, up/down, round-trip times) and the thin
 * {@link io.ringsync.protocol.link.LinkMonitorActor} that drives it over the transport.
 */
package io.ringsync.protocol.link;
