package io.ringsync.node.ipc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One client connection of the {@link IpcServer}, as a handler that streams events sees it (the
 * smallest extension of the request/reply IPC for CPG's callbacks). By default a connection is
 * request/reply: requests up to {@link IpcFrames#MAX_REQUEST_BYTES}, closed after
 * {@link IpcServer#IDLE_TIMEOUT} of silence. A handler may turn it into a <b>stream</b>
 * ({@link #stream}): from then on the node may {@link #push} event frames to the client between
 * replies (a frame the client tells from a reply by its {@code "event"} member), requests may be
 * larger, and the connection stays open while idle, until the client closes it.
 *
 * <p><b>Bounded.</b> Pushed frames wait in a queue of at most {@link #MAX_QUEUED_EVENTS}, written
 * by one daemon thread per streaming connection; a client that does not read them fast enough is
 * misbehaving: when the queue is full the connection is closed (and its handlers, told through
 * {@link #onClose}, clean up), so a slow client costs the node a bounded amount of memory. Replies
 * and pushed frames share one lock, so frames never interleave on the socket.
 */
public final class IpcConnection {

    /** Pushed frames that may wait for a slow client before it is disconnected. */
    public static final int MAX_QUEUED_EVENTS = 4096;

    private static final Logger log = LoggerFactory.getLogger(IpcConnection.class);

    private final SocketChannel channel;
    private final String nodeLabel;
    private final Object writeLock = new Object();
    private final List<Runnable> closeHooks = new ArrayList<>();
    private final BlockingQueue<byte[]> queued = new ArrayBlockingQueue<>(MAX_QUEUED_EVENTS);
    private volatile int maxRequestBytes = IpcFrames.MAX_REQUEST_BYTES;
    private volatile boolean streaming;
    private volatile boolean closed;

    IpcConnection(SocketChannel channel, String nodeLabel) {
        this.channel = channel;
        this.nodeLabel = nodeLabel;
    }

    /**
     * Makes this a streaming connection whose frames, both ways, may be up to
     * {@code maxRequestBytes} (never below the defaults); idempotent.
     */
    public synchronized void stream(int maxRequestBytes) {
        this.maxRequestBytes = Math.max(this.maxRequestBytes, maxRequestBytes);
        if (streaming) {
            return;
        }
        streaming = true;
        Thread pusher = new Thread(this::pushLoop, "ringsync-ipc-push");
        pusher.setDaemon(true);
        pusher.start();
    }

    /** True once {@link #stream} was called. */
    public boolean streaming() {
        return streaming;
    }

    /**
     * Queues {@code event} for the client (a streaming connection only). False when the
     * connection is closed, or when the queue was full: then the client is disconnected.
     */
    public boolean push(JsonNode event) {
        if (closed || !streaming) {
            return false;
        }
        byte[] frame;
        try {
            frame = Json.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode an event: " + e.getOriginalMessage(), e);
        }
        if (queued.offer(frame)) {
            return true;
        }
        log.warn("IPC: a streaming client did not read {} queued events: disconnecting it", MAX_QUEUED_EVENTS);
        close();
        return false;
    }

    /** Runs {@code hook} once when the connection ends (at once if it has ended). */
    public void onClose(Runnable hook) {
        synchronized (closeHooks) {
            if (!closed) {
                closeHooks.add(hook);
                return;
            }
        }
        hook.run();
    }

    /** The largest request this connection accepts. */
    int maxRequestBytes() {
        return maxRequestBytes;
    }

    /**
     * Writes one frame (a reply, or a pushed event), never in the middle of another; a client
     * that does not take it within {@link IpcServer#IDLE_TIMEOUT} is disconnected.
     */
    void write(byte[] body) throws IOException {
        synchronized (writeLock) {
            try (ChannelWatchdog.Deadline deadline = ChannelWatchdog.arm(channel, IpcServer.IDLE_TIMEOUT)) {
                IpcFrames.write(channel, body, Math.max(IpcFrames.MAX_REPLY_BYTES, maxRequestBytes));
            }
        }
    }

    /** Closes the socket and runs the close hooks, once. */
    void close() {
        ChannelWatchdog.closeQuietly(channel);
        List<Runnable> hooks;
        synchronized (closeHooks) {
            if (closed) {
                return;
            }
            closed = true;
            hooks = List.copyOf(closeHooks);
            closeHooks.clear();
        }
        queued.clear();
        for (Runnable hook : hooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                log.warn("IPC: a connection close hook failed: {}", e.toString());
            }
        }
    }

    private void pushLoop() {
        MDC.put("node", nodeLabel);
        try {
            while (!closed) {
                byte[] frame = queued.poll(1, TimeUnit.SECONDS);
                if (frame != null) {
                    writePushed(frame);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes a pushed frame; a client gone or too slow is dropped. */
    private void writePushed(byte[] frame) {
        try {
            write(frame);
        } catch (IOException e) {
            log.debug("IPC: could not push an event, client gone: {}", e.toString());
            close();
        }
    }
}
