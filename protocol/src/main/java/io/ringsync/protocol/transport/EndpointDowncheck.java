package io.ringsync.protocol.transport;

import io.ringsync.protocol.PureCore;
import java.util.Locale;
import java.util.Optional;

/**
 * Corosync's {@code totem.downcheck} for ringsync's transport: a node whose own endpoint cannot
 * be opened (its link address is not on the host, or another socket holds the UDP port) does
 * not exit; it runs alone, and its transport tries to open the endpoint again every downcheck
 * milliseconds until it can, then joins its peers. Corosync does the same for an interface that
 * is down: it checks it again every downcheck interval and meanwhile runs as a single-node ring.
 *
 * <p>This core keeps the count and decides the log lines (STYLE.md rule 9, errors logged once
 * with a count): the first failure of an outage gives one line naming the endpoint and the
 * reason; later failures are only counted, except that a different endpoint or reason (the
 * address came back, now the port is taken) gives a line again; the first successful open after
 * failures gives one line with the number of failed attempts and the outage's length. Time
 * enters as arguments. Counters survive the transport actor's restarts (the actor keeps one
 * instance across them), so an operator sees every failure since the node started.
 */
@PureCore
public final class EndpointDowncheck {

    private final int nodeId;
    private boolean open;
    private long openFailures;
    private long framesDropped;
    private String lastFailure = "";
    private long outageFailures;
    private long outageStartNs;
    private String outageCause;

    /** The downcheck of node {@code nodeId}'s transport, not open yet. */
    public EndpointDowncheck(int nodeId) {
        this.nodeId = nodeId;
    }

    /**
     * An attempt to open the endpoint failed at {@code nowNs}: {@code endpoint} (address and link)
     * could not be bound for {@code reason}; the next attempt comes in {@code downcheckMs}.
     * Returns the line to log, if one is due.
     */
    public Optional<String> failed(String endpoint, String reason, long downcheckMs, long nowNs) {
        String cause = endpoint + ": " + reason;
        open = false;
        openFailures++;
        lastFailure = cause;
        boolean firstOfOutage = outageFailures++ == 0;
        if (firstOfOutage) {
            outageStartNs = nowNs;
        }
        if (!firstOfOutage && cause.equals(outageCause)) {
            return Optional.empty();
        }
        outageCause = cause;
        return Optional.of(String.format(Locale.ROOT,
                "transport of node %d: %s %s; the node runs alone and tries again every %d ms (totem.downcheck)",
                nodeId, firstOfOutage ? "cannot open" : "still cannot open", cause, downcheckMs));
    }

    /**
     * The endpoint opened at {@code nowNs}. Returns the recovery line when attempts had failed
     * before (none when it opened at the first attempt).
     */
    public Optional<String> opened(long nowNs) {
        open = true;
        if (outageFailures == 0) {
            return Optional.empty();
        }
        String line = String.format(Locale.ROOT,
                "transport of node %d: endpoint open after %d failed attempt%s over %.1f s (last: %s); the node joins its peers",
                nodeId, outageFailures, outageFailures == 1 ? "" : "s", (nowNs - outageStartNs) / 1e9, outageCause);
        outageFailures = 0;
        outageCause = null;
        return Optional.of(line);
    }

    /** The transport was closed (its actor stops or restarts): not open until the next successful attempt. */
    public void closed() {
        open = false;
    }

    /** A frame was to be sent while the endpoint is not open: dropped, and counted here. */
    public void frameDropped() {
        framesDropped++;
    }

    /** Whether the endpoint is open now. */
    public boolean isOpen() {
        return open;
    }

    /** The counters and state now. */
    public EndpointStatus status() {
        return new EndpointStatus(open, openFailures, framesDropped, lastFailure);
    }
}
