package io.ringsync.node.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check every accepted connection passes before the server reads from it: the client's
 * {@link PeerCredentials} against the {@link IpcAccess}. An admitted client is counted in
 * {@code ipc.connections}; a refused one in {@code ipc.refused}, logged through a
 * {@link RefusalLog} (once per uid, then with a count at most every
 * {@link #LOG_INTERVAL}), and answered with {@code {"error": "access denied: ...", "code":
 * "access_denied"}}. Credentials that cannot be read refuse the client too. Runs on the
 * accept thread; {@link #close} (another thread) flushes held-back counts.
 */
final class IpcGate {

    /** The {@code code} of a refusal reply, which {@link IpcClient} turns into {@link IpcAccessDeniedException}. */
    static final String ACCESS_DENIED = "access_denied";
    /** The shortest time between two log lines about one uid. */
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private static final int MAX_LOGGED_UIDS = 64;
    private static final Logger log = LoggerFactory.getLogger(IpcGate.class);

    private final IpcAccess access;
    private final IpcCounters counters;
    private final RefusalLog refusals = new RefusalLog(LOG_INTERVAL.toNanos(), MAX_LOGGED_UIDS);

    IpcGate(IpcAccess access, IpcCounters counters) {
        this.access = access;
        this.counters = counters;
    }

    /** Empty when {@code client} is admitted; else the reply to send it before closing. */
    Optional<JsonNode> check(SocketChannel client) {
        PeerCredentials peer;
        try {
            peer = PeerCredentials.of(client);
        } catch (IOException | UnsupportedOperationException e) {
            counters.connectionRefused();
            log.warn("IPC: refused a client whose credentials cannot be read: {}", e.toString());
            return Optional.of(refusal("access denied: the node cannot read this client's credentials"));
        }
        Optional<String> reason = access.refusal(peer);
        if (reason.isEmpty()) {
            counters.connectionAccepted();
            return Optional.empty();
        }
        counters.connectionRefused();
        synchronized (refusals) {
            refusals.record(peer, reason.get(), System.nanoTime()).ifPresent(log::warn);
        }
        return Optional.of(refusal(reason.get()));
    }

    /** Logs the refusal counts not logged yet. */
    void close() {
        synchronized (refusals) {
            refusals.flush(System.nanoTime()).forEach(log::warn);
        }
    }

    private static JsonNode refusal(String message) {
        return IpcRequests.error(message).put("code", ACCESS_DENIED);
    }
}
