/**
 * The replicated checkpoint service (SA Forum CKPT) over Totem: {@link io.ringsync.ckpt.CkptActor}
 * (the node's service actor) and {@link io.ringsync.ckpt.Ckpt} (the Java API). The pure store is in
 * {@code io.ringsync.ckpt.store}; replication, sync and the node-local side in
 * {@code io.ringsync.ckpt.service}.
 */
package io.ringsync.ckpt;
