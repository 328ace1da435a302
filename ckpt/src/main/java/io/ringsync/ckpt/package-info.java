/**
 * The replicated checkpoint service (SA Forum CKPT) over Totem. Filled in by the CKPT issue;
 * this module exists now so the reactor has its final shape.
 */
package io.ringsync.ckpt;
