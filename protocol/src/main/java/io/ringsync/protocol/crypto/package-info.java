/**
 * Frame crypto: every frame a node sends is sealed with an AEAD (AES-256-GCM or
 * ChaCha20-Poly1305, from the JDK) under keys derived from the authkey and bound to the
 * cluster name.
 *
 * <ul>
 *   <li>{@link io.ringsync.protocol.crypto.AuthKey} loads and checks the authkey file;</li>
 *   <li>{@link io.ringsync.protocol.crypto.Hkdf} and {@link io.ringsync.protocol.crypto.FrameKeys}
 *       derive per-sender-session keys;</li>
 *   <li>{@link io.ringsync.protocol.crypto.FrameSealer} seals (nonce = per-session counter),
 *       {@link io.ringsync.protocol.crypto.FrameOpener} authenticates and drops replays
 *       (a 1024-counter window per sender session) and frames of older sessions (boot count);</li>
 *   <li>{@link io.ringsync.protocol.crypto.RejectionLog} turns rejections into one log line per
 *       peer and reason, with a count;</li>
 *   <li>{@link io.ringsync.protocol.crypto.BootCounter} persists the node's start counter and
 *       {@link io.ringsync.protocol.crypto.FrameCrypto} puts it all together for the transport
 *       ({@code io.ringsync.protocol.transport.AeronTransport}).</li>
 * </ul>
 */
package io.ringsync.protocol.crypto;
