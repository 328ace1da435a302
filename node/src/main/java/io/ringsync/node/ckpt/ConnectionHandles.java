package io.ringsync.node.ckpt;

import io.ringsync.ckpt.CkptException;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.node.ipc.IpcConnection;
import io.ringsync.node.ipc.IpcFrames;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint handles each IPC connection opened, closed for it when the connection goes
 * (openais CKPT: a disconnecting client closes its checkpoints). A connection that opens a
 * handle stops idling out: it stays open, as a CPG member's does, until the client closes it or
 * vanishes. Then every handle it still holds is closed through the service, an ordered close
 * like the client's own, so the checkpoint's open count drops on every node and its retention
 * can start. A close refused with TRY_AGAIN (a sync round runs) is retried, so that a handle is
 * never left open for ever by a client that is gone.
 */
final class ConnectionHandles {

    /** How many times a close refused with TRY_AGAIN is tried again, one {@link #RETRY_DELAY} apart. */
    static final int CLOSE_RETRIES = 20;
    static final Duration RETRY_DELAY = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandles.class);

    private final Map<IpcConnection, Set<Long>> byConnection = new ConcurrentHashMap<>();
    private final LongFunction<CompletionStage<Void>> close;

    /** Handles closed through {@code close} when their connection goes. */
    ConnectionHandles(LongFunction<CompletionStage<Void>> close) {
        this.close = close;
    }

    /** {@code connection} opened {@code handle} (nothing to track without a connection, e.g. in a test). */
    void opened(IpcConnection connection, long handle) {
        if (connection == null) {
            return;
        }
        boolean[] first = {false};
        byConnection.compute(connection, (c, handles) -> {
            Set<Long> set = handles == null ? ConcurrentHashMap.newKeySet() : handles;
            first[0] = handles == null;
            set.add(handle);
            return set;
        });
        if (first[0]) {
            connection.stream(IpcFrames.MAX_REQUEST_BYTES);
            connection.onClose(() -> closeAll(connection));
        }
    }

    /** {@code handle} was closed by a client (any connection's: handles belong to the node). */
    void closed(long handle) {
        byConnection.values().forEach(handles -> handles.remove(handle));
    }

    /** Handles held by open connections (for tests and status). */
    int tracked() {
        return byConnection.values().stream().mapToInt(Set::size).sum();
    }

    private void closeAll(IpcConnection connection) {
        Set<Long> left = byConnection.remove(connection);
        if (left == null || left.isEmpty()) {
            return;
        }
        log.info("ckpt: an IPC client went away holding {} checkpoint handle(s); closing them", left.size());
        left.forEach(handle -> closeForGoneClient(handle, CLOSE_RETRIES));
    }

    private void closeForGoneClient(long handle, int retriesLeft) {
        close.apply(handle).whenComplete((done, failure) -> {
            CkptError error = failure == null ? CkptError.OK : errorOf(failure);
            if (error == CkptError.TRY_AGAIN && retriesLeft > 0) {
                CompletableFuture.delayedExecutor(RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> closeForGoneClient(handle, retriesLeft - 1));
            } else if (!error.ok() && error != CkptError.BAD_HANDLE) {
                log.warn("ckpt: could not close handle {} of a vanished IPC client: {}", handle, error);
            }
        });
    }

    private static CkptError errorOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof CkptException refused ? refused.error() : CkptError.TIMEOUT;
    }
}
