package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ringsync cmap track PREFIX} ({@code cmapctl -T}; {@code --key} for {@code -t}): one line per
 * change, {@code create> key (type) = value}, {@code modify> ...}, {@code delete> ...} (the value
 * before the delete), or one JSON object per line with {@code --json}. The node keeps the events
 * of the track between the tool's polls, so none is missed; the tool ends after {@code --events}
 * events, or with exit 1 when the node cannot be asked any more.
 */
@Command(name = "track", mixinStandardHelpOptions = true, description = "Print each change under a prefix (cmapctl -T).")
public final class CmapTrackCommand implements CliCommand {

    /** How long one poll waits at the node for an event. */
    static final Duration POLL_WAIT = Duration.ofSeconds(2);

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Parameters(index = "0", paramLabel = "PREFIX", description = "Track every key starting with PREFIX.")
    String prefix;

    @Option(names = "--key", description = "Track the one key PREFIX instead (cmapctl -t).")
    boolean exactKey;

    @Option(names = "--events", paramLabel = "N", defaultValue = "0", description = "Stop after N events (default: never).")
    int events;

    @Option(names = "--json", description = "Print each event as a JSON object on one line.")
    boolean json;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<JsonNode> tracked = CmapIpc.send(target, CmapIpc.op("cmap.track").put("key", prefix)
                .put("prefix", !exactKey), "cmap track", err);
        if (tracked.isEmpty()) {
            return FAILED;
        }
        long trackId = tracked.get().path("trackId").asLong();
        int printed = 0;
        try {
            while (events <= 0 || printed < events) {
                Optional<JsonNode> polled = CmapIpc.send(target, CmapIpc.op("cmap.poll").put("trackId", trackId)
                        .put("waitMs", POLL_WAIT.toMillis()), POLL_WAIT.plusSeconds(10), "cmap track", err);
                if (polled.isEmpty()) {
                    return FAILED;
                }
                if (polled.get().path("dropped").asLong() > 0) {
                    err.println("ringsync: cmap track: " + polled.get().path("dropped").asLong() + " events were dropped");
                }
                for (JsonNode event : polled.get().path("events")) {
                    if (events > 0 && printed >= events) {
                        break;
                    }
                    out.println(json ? Json.mapper().writeValueAsString(event) : CmapFormatter.event(event));
                    printed++;
                }
            }
        } finally {
            CmapIpc.send(target, CmapIpc.op("cmap.untrack").put("trackId", trackId), "cmap track", new PrintStream(
                    java.io.OutputStream.nullOutputStream()));
        }
        return OK;
    }
}
