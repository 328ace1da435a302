package io.ringsync.protocol.transport;

import io.ringsync.protocol.crypto.FrameCrypto;
import io.ringsync.protocol.crypto.OpenResult;
import io.ringsync.protocol.crypto.Rejection;
import io.ringsync.protocol.crypto.RejectionLog;
import io.ringsync.protocol.wire.EnumCounters;
import io.ringsync.protocol.wire.WireFrame;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving half of frame crypto on the transport thread: opens each assembled fragment
 * before it is decoded, counts every drop and reports it through a {@link RejectionLog}.
 *
 * <p>Drops: a frame the {@link io.ringsync.protocol.crypto.FrameOpener} rejects is counted per
 * {@link Rejection} and recorded in the log under the sender node id its crypto header claims
 * ({@code "node <id>"}, or {@code "unknown"} for a frame shorter than the header), so a peer
 * with another key gives one line at first and then one line with a count per
 * {@value #LOG_INTERVAL_S} s, not one per frame. A frame that opens but whose wire frame names
 * another sender than the authenticated crypto header is a forged sender: counted, and logged
 * at the 1st, 2nd, 4th, 8th, ... occurrence (a key holder lying about its id is rare and
 * serious, but must not flood the log either).
 *
 * <p>Log lines held back for a quiet peer are flushed by {@link #flushLog}, which the
 * {@link TransportAgent} calls from its duty cycle (the transport thread owns the log, so no
 * lock is needed); it does real work at most once per {@value #FLUSH_PERIOD_MS} ms.
 */
final class CryptoInbound {

    private static final Logger LOG = LoggerFactory.getLogger(CryptoInbound.class);
    static final long LOG_INTERVAL_S = 10;
    static final long FLUSH_PERIOD_MS = 1000;
    private static final int MAX_LOGGED_PEERS = 64;

    private final FrameCrypto crypto;
    private final EnumCounters<Rejection> rejections = new EnumCounters<>(Rejection.class);
    private final AtomicLong forgedSenders = new AtomicLong();
    private final RejectionLog<String> log =
            new RejectionLog<>(TimeUnit.SECONDS.toNanos(LOG_INTERVAL_S), MAX_LOGGED_PEERS, "other nodes");
    private final UnsafeBuffer plaintext = new UnsafeBuffer(new byte[0]);
    private byte[] scratch = new byte[1024];
    private long nextFlushNs;

    /** Opening with {@code crypto}, which must be enabled. */
    CryptoInbound(FrameCrypto crypto) {
        if (!crypto.enabled()) {
            throw new IllegalArgumentException("pass-through crypto needs no inbound stage");
        }
        this.crypto = crypto;
    }

    /**
     * Opens the sealed frame at {@code buffer[offset..offset+length)}: the authenticated sender
     * and plaintext, or null if it was dropped (counted and logged). The plaintext is also
     * wrapped by {@link #plaintext()} until the next call.
     */
    OpenResult.Opened open(DirectBuffer buffer, int offset, int length, long nowNs) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        buffer.getBytes(offset, scratch, 0, length);
        OpenResult result = crypto.open(scratch, 0, length);
        if (result instanceof OpenResult.Opened opened) {
            plaintext.wrap(opened.plaintext());
            return opened;
        }
        Rejection reason = (Rejection) result;
        rejections.increment(reason);
        Integer claimed = FrameCrypto.claimedSender(scratch, 0, length);
        log.record(claimed == null ? "unknown" : "node " + Integer.toUnsignedString(claimed), reason, nowNs)
                .ifPresent(line -> LOG.warn(line.message()));
        return null;
    }

    /** The plaintext of the last opened frame. */
    DirectBuffer plaintext() {
        return plaintext;
    }

    /** True if {@code frame}, decoded from {@code opened}, names the authenticated sender; else counts a forged sender. */
    boolean senderMatches(OpenResult.Opened opened, WireFrame frame) {
        if (frame.senderNodeId() == opened.senderNodeId()) {
            return true;
        }
        long count = forgedSenders.incrementAndGet();
        if (Long.bitCount(count) == 1) {
            LOG.warn("dropped a frame sealed by node {} that claims to be from node {} (forged sender; {} so far)",
                    Integer.toUnsignedString(opened.senderNodeId()), Integer.toUnsignedString(frame.senderNodeId()),
                    count);
        }
        return false;
    }

    /** Logs the counts held back for peers that went quiet; cheap unless a flush period has passed. */
    void flushLog(long nowNs) {
        if (nowNs - nextFlushNs < 0) {
            return;
        }
        nextFlushNs = nowNs + TimeUnit.MILLISECONDS.toNanos(FLUSH_PERIOD_MS);
        log.due(nowNs).forEach(line -> LOG.warn(line.message()));
    }

    /** Rejected frames so far, per reason. */
    EnumCounters<Rejection> rejections() {
        return rejections;
    }

    /** Frames dropped as forged senders so far. */
    long forgedSenders() {
        return forgedSenders.get();
    }
}
