/**
 * Corosync's {@code totempg} for ringsync: packing several small application messages into one
 * Totem message and fragmenting large ones across several, so that Totem orders bounded
 * "chunks" while applications send messages of up to {@code maxMessageBytes}.
 * {@link io.ringsync.protocol.totem.pg.PackingQueue} is the originate queue of one node,
 * {@link io.ringsync.protocol.totem.pg.Unpacker} reassembles on the receiving side for every
 * sender, and {@link io.ringsync.protocol.totem.pg.ChunkFormat} documents the bytes between them.
 *
 * <p>Like Corosync, reassembly relies on Totem delivering the chunks of one sender in that
 * sender's order (they may be interleaved with other senders' chunks), and a node that leaves
 * the configuration loses its unfinished message ({@link io.ringsync.protocol.totem.pg.Unpacker#senderLeft}).
 * Unlike Corosync, a chunk carries one {@link io.ringsync.protocol.totem.Delivery} kind only
 * (AGREED and SAFE never share one), and a receiver drops and counts a malformed chunk instead
 * of trusting its lengths.
 */
package io.ringsync.protocol.totem.pg;
