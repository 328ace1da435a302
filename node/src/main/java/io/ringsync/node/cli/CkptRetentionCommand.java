package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.ckpt.store.Times;
import io.ringsync.node.Json;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ringsync ckpt retention NAME DURATION|forever}: changes an existing checkpoint's
 * retention duration ({@code saCkptCheckpointRetentionDurationSet}), ordered on every node. The
 * node refuses it for an unlinked checkpoint (BAD_OPERATION).
 */
@Command(name = "retention", mixinStandardHelpOptions = true,
        description = "Set how long a checkpoint nobody has open is kept.")
public final class CkptRetentionCommand implements CliCommand {

    @Mixin
    CkptIpc ipc;

    @Parameters(index = "0", paramLabel = "NAME", description = "The checkpoint's name.")
    String name;

    @Parameters(index = "1", paramLabel = "DURATION", description = "500ms, 30s, 2m, 1h, or forever.")
    String duration;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        long retentionNs;
        try {
            retentionNs = nanos(duration);
        } catch (RuntimeException e) {
            err.println("ringsync: ckpt retention: '" + duration + "' is not a duration (examples: 500ms, 30s, 2m, 1h,"
                    + " forever)");
            return USAGE;
        }
        Optional<CkptIpc.Session> session = ipc.connect("ckpt retention", err);
        if (session.isEmpty()) {
            return FAILED;
        }
        try (CkptIpc.Session node = session.get()) {
            boolean set = CkptSession.withHandle(node, name, "read,write", (n, handle) -> {
                ObjectNode request = Json.object().put("op", "ckpt.retention_set").put("handle", handle);
                if (retentionNs == Times.END) {
                    request.putNull("retentionNs");
                } else {
                    request.put("retentionNs", retentionNs);
                }
                return n.request(request).isPresent();
            });
            if (set) {
                out.println("retention of checkpoint \"" + name + "\": "
                        + (retentionNs == Times.END ? "forever" : CkptFormatter.duration(retentionNs)));
            }
            return set ? OK : FAILED;
        }
    }

    /** The duration in nanoseconds, {@link Times#END} for "forever"; a runtime exception when it is neither. */
    private static long nanos(String text) {
        if ("forever".equals(text.strip().toLowerCase(Locale.ROOT))) {
            return Times.END;
        }
        return new DurationConverter().convert(text).toNanos();
    }
}
