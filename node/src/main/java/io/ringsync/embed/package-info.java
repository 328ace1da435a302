/**
 * Embedding ringsync in an application: {@link io.ringsync.embed.Ringsync} starts a node inside the
 * application's JVM (from a HOCON node file, a typesafe {@code Config}, or a
 * {@link io.ringsync.embed.RingsyncBuilder}), stops it, and hands out the node's services two ways:
 * their Java APIs ({@code Quorum}, {@code Cpg}, {@code Ckpt}, {@code Cmap}; every call returns a
 * {@code CompletionStage}) and the typed {@code ActorRef}s of their actors, so that an
 * application's own Akka typed actors subscribe to quorum, group, ring and key changes and send
 * into groups directly. This package, the service modules' public API types and CMAP's
 * ({@code io.ringsync.node.cmap}: {@code Cmap}, {@code CmapActor}'s protocol, {@code CmapValue},
 * {@code CmapEvent}, {@code CmapException}) are all an application needs; the rest of the node is
 * not part of the contract.
 */
package io.ringsync.embed;
