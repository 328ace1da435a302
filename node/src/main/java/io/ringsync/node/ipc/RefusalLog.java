package io.ringsync.node.ipc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides when a refused IPC client is worth a log line (STYLE.md rule 9): the first refusal
 * of a uid gives a line at once; later ones are counted, and the next refusal of that uid at
 * least {@code intervalNs} after its last line reports the count; {@link #flush} reports what
 * is left (the server calls it when it closes). At most {@code maxUids} uids are tracked; the
 * refusals of any further uid are counted together as "other uids". Time is an input.
 */
final class RefusalLog {

    private static final long OTHER_UIDS = -1;

    private final long intervalNs;
    private final int maxUids;
    private final Map<Long, Entry> entries = new HashMap<>();

    RefusalLog(long intervalNs, int maxUids) {
        this.intervalNs = intervalNs;
        this.maxUids = maxUids;
    }

    /** Counts one refusal of {@code peer}, told {@code reason}; the line to log now, if one is due. */
    Optional<String> record(PeerCredentials peer, String reason, long nowNs) {
        long uid = entries.containsKey(peer.uid()) || entries.size() < maxUids ? peer.uid() : OTHER_UIDS;
        Entry entry = entries.get(uid);
        if (entry == null) {
            entries.put(uid, new Entry(nowNs));
            return Optional.of("IPC: refused a client, user " + peer.user() + " group " + peer.group() + ": "
                    + reason + "; further refusals of " + who(uid) + " are logged with a count");
        }
        entry.pending++;
        if (nowNs - entry.lastLineNs < intervalNs) {
            return Optional.empty();
        }
        return Optional.of(line(uid, entry, nowNs));
    }

    /** Lines for every count not yet logged. */
    List<String> flush(long nowNs) {
        List<String> lines = new ArrayList<>();
        entries.forEach((uid, entry) -> {
            if (entry.pending > 0) {
                lines.add(line(uid, entry, nowNs));
            }
        });
        return lines;
    }

    private String line(long uid, Entry entry, long nowNs) {
        String text = String.format(Locale.ROOT, "IPC: refused %d more connection%s of %s in the last %.1f s",
                entry.pending, entry.pending == 1 ? "" : "s", who(uid), (nowNs - entry.lastLineNs) / 1e9);
        entry.pending = 0;
        entry.lastLineNs = nowNs;
        return text;
    }

    private static String who(long uid) {
        return uid == OTHER_UIDS ? "other uids" : "uid " + uid;
    }

    private static final class Entry {
        long lastLineNs;
        long pending;

        Entry(long lastLineNs) {
            this.lastLineNs = lastLineNs;
        }
    }
}
