package io.ringsync.node.cmap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trackers whose events wait to be fetched (pure), for clients that cannot be pushed to: a tool
 * over the request/reply IPC socket tracks, then polls. Each keeps up to {@value #MAX_EVENTS}
 * events (the oldest dropped beyond, and counted) and the time of its last poll, so one whose
 * client vanished can be dropped after a while of silence.
 */
final class PolledTracks {

    /** Events one polled track keeps between polls. */
    static final int MAX_EVENTS = 10_000;

    private static final class Buffer {
        final Deque<CmapEvent> events = new ArrayDeque<>();
        long dropped;
        long lastPollNs;

        Buffer(long nowNs) {
            lastPollNs = nowNs;
        }
    }

    private final Map<Long, Buffer> buffers = new HashMap<>();

    void add(long trackId, long nowNs) {
        buffers.put(trackId, new Buffer(nowNs));
    }

    boolean contains(long trackId) {
        return buffers.containsKey(trackId);
    }

    void remove(long trackId) {
        buffers.remove(trackId);
    }

    /** Keeps {@code event} for track {@code trackId}; false when it is not a polled track. */
    boolean offer(long trackId, CmapEvent event) {
        Buffer buffer = buffers.get(trackId);
        if (buffer == null) {
            return false;
        }
        if (buffer.events.size() == MAX_EVENTS) {
            buffer.events.removeFirst();
            buffer.dropped++;
        }
        buffer.events.addLast(event);
        return true;
    }

    /** Whether track {@code trackId} holds events. */
    boolean hasEvents(long trackId) {
        Buffer buffer = buffers.get(trackId);
        return buffer != null && !buffer.events.isEmpty();
    }

    /** Takes track {@code trackId}'s events, marking it polled at {@code nowNs}. */
    PolledEvents take(long trackId, long nowNs) {
        Buffer buffer = buffers.get(trackId);
        buffer.lastPollNs = nowNs;
        PolledEvents taken = new PolledEvents(new ArrayList<>(buffer.events), buffer.dropped);
        buffer.events.clear();
        buffer.dropped = 0;
        return taken;
    }

    /** Marks track {@code trackId} polled at {@code nowNs} (a poll waiting for events). */
    void touch(long trackId, long nowNs) {
        Buffer buffer = buffers.get(trackId);
        if (buffer != null) {
            buffer.lastPollNs = nowNs;
        }
    }

    /** The tracks not polled since {@code beforeNs}, removed. */
    List<Long> expire(long beforeNs) {
        List<Long> expired = new ArrayList<>();
        buffers.forEach((id, buffer) -> {
            if (buffer.lastPollNs - beforeNs < 0) {
                expired.add(id);
            }
        });
        expired.forEach(buffers::remove);
        return expired;
    }
}
