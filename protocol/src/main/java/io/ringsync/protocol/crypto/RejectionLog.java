package io.ringsync.protocol.crypto;

import io.ringsync.protocol.PureCore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides when a rejected frame is worth a log line, so that a node with no key or another
 * key is reported once per peer with a count, not once per frame (STYLE.md rule 9).
 *
 * <p>Rule, per (peer, reason): the first rejection gives a line at once; later ones are
 * counted, and a line with the count since the previous line is given by the first rejection
 * at least {@code intervalNs} after that line, or by {@link #due} (which the driver calls from
 * a timer so a count is not held back when the peer goes quiet). Entries idle for an interval
 * are forgotten by {@link #due}, after which the next rejection is a "first" again. The peer
 * is whatever identifies the source (an address: a frame that fails authentication proves no
 * node id). At most {@code maxPeers} entries are kept; beyond that, rejections are counted
 * under {@code otherPeers}, so spoofed sources cannot grow memory without bound.
 *
 * @param <P> how a peer is identified
 */
@PureCore
public final class RejectionLog<P> {

    /**
     * One log line to write.
     *
     * @param count rejections this line reports (1 for a first line)
     * @param periodNs time since the previous line of this (peer, reason); 0 for a first line
     * @param first true for the first rejection of this (peer, reason)
     */
    public record Line<P>(P peer, Rejection reason, long count, long periodNs, boolean first) {

        /** The line's text, e.g. "dropped 12 frames from 10.0.0.5:5405 in the last 10.0 s: ...". */
        public String message() {
            String why = reason.description() + " [" + reason + "]";
            if (first) {
                return "dropped a frame from " + peer + ": " + why + "; repeats are logged with a count";
            }
            return String.format(Locale.ROOT, "dropped %d frame%s from %s in the last %.1f s: %s",
                    count, count == 1 ? "" : "s", peer, periodNs / 1e9, why);
        }
    }

    private final long intervalNs;
    private final int maxPeers;
    private final P otherPeers;
    private final Map<Key<P>, Entry> entries = new HashMap<>();

    /**
     * A log that reports each (peer, reason) at most once per {@code intervalNs} after the first,
     * keeping at most {@code maxPeers} (peer, reason) entries and counting the rest under {@code otherPeers}.
     */
    public RejectionLog(long intervalNs, int maxPeers, P otherPeers) {
        if (intervalNs <= 0 || maxPeers < 1) {
            throw new IllegalArgumentException("interval and table size must be positive");
        }
        this.intervalNs = intervalNs;
        this.maxPeers = maxPeers;
        this.otherPeers = otherPeers;
    }

    /** Counts one rejection and returns the line to log now, if one is due. */
    public Optional<Line<P>> record(P peer, Rejection reason, long nowNs) {
        Key<P> key = new Key<>(peer, reason);
        Entry entry = entries.get(key);
        if (entry == null && entries.size() >= maxPeers) {
            key = new Key<>(otherPeers, reason);
            entry = entries.get(key);
        }
        if (entry == null) {
            entries.put(key, new Entry(nowNs));
            return Optional.of(new Line<>(key.peer(), reason, 1, 0, true));
        }
        entry.pending++;
        return Optional.ofNullable(lineIfDue(key, entry, nowNs));
    }

    /** Lines of counts held back for an interval or longer; forgets entries idle that long. */
    public List<Line<P>> due(long nowNs) {
        List<Line<P>> lines = new ArrayList<>();
        for (Iterator<Map.Entry<Key<P>, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key<P>, Entry> e = it.next();
            if (e.getValue().pending == 0 && nowNs - e.getValue().lastLineNs >= intervalNs) {
                it.remove();
                continue;
            }
            Line<P> line = lineIfDue(e.getKey(), e.getValue(), nowNs);
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Rejections counted but not yet logged for (peer, reason); 0 if none or not tracked. */
    public long pending(P peer, Rejection reason) {
        Entry entry = entries.get(new Key<>(peer, reason));
        return entry == null ? 0 : entry.pending;
    }

    private Line<P> lineIfDue(Key<P> key, Entry entry, long nowNs) {
        long periodNs = nowNs - entry.lastLineNs;
        if (entry.pending == 0 || periodNs < intervalNs) {
            return null;
        }
        Line<P> line = new Line<>(key.peer(), key.reason(), entry.pending, periodNs, false);
        entry.pending = 0;
        entry.lastLineNs = nowNs;
        return line;
    }

    private record Key<P>(P peer, Rejection reason) {
    }

    private static final class Entry {
        long lastLineNs;
        long pending;

        Entry(long lastLineNs) {
            this.lastLineNs = lastLineNs;
        }
    }
}
