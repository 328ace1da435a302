package io.ringsync.node.cli;

import io.ringsync.node.cmap.CmapType;
import io.ringsync.node.cmap.CmapValue;
import java.io.PrintStream;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ringsync cmap set KEY TYPE VALUE} ({@code cmapctl -s}): sets a writable key; the type and
 * value are checked here first, so a typo is a usage error (exit 2) naming the allowed types or range.
 */
@Command(name = "set", mixinStandardHelpOptions = true, description = "Set a key (cmapctl -s KEY TYPE VALUE).")
public final class CmapSetCommand implements CliCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    NodeTarget target;

    @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
    String key;

    @Parameters(index = "1", paramLabel = "TYPE", description = "i8 u8 i16 u16 i32 u32 i64 u64 flt dbl str bin.")
    String type;

    @Parameters(index = "2", paramLabel = "VALUE", description = "The value (bin: hex digits).")
    String value;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Optional<CmapType> parsedType = CmapType.of(type);
        if (parsedType.isEmpty()) {
            err.println("ringsync: cmap set: unknown type \"" + type + "\" (types: " + CmapType.words() + ")");
            return USAGE;
        }
        CmapValue parsed;
        try {
            parsed = CmapValue.parse(parsedType.get(), value);
        } catch (IllegalArgumentException e) {
            err.println("ringsync: cmap set: " + e.getMessage());
            return USAGE;
        }
        if (CmapIpc.send(target, CmapIpc.op("cmap.set").put("key", key).put("type", parsedType.get().word())
                .put("value", value), "cmap set", err).isEmpty()) {
            return FAILED;
        }
        out.println(key + " (" + parsed.type().word() + ") = " + parsed.text());
        return OK;
    }
}
