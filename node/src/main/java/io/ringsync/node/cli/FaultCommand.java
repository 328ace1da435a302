package io.ringsync.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.node.Json;
import io.ringsync.node.fault.FaultIpcHandler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ringsync fault}: network faults injected into a running node's transport, for tests on
 * one machine. The node's config must set {@code transport.fault_injection = true}; otherwise
 * the node refuses (exit 1). Each command prints the node's fault status in one line (or its
 * JSON with {@code --json}): {@code status}, {@code cut --to IDS --from IDS --both IDS},
 * {@code heal}, {@code disturb --drop P --duplicate P --reorder P --seed N}; and, for actors
 * inside the node, {@code actors} (the killable paths, one a line) and {@code kill-actor PATH}
 * (that actor fails as in a crash and its supervisor restarts it).
 */
@Command(name = "fault", mixinStandardHelpOptions = true,
        description = "Inject network faults into a test node (needs transport.fault_injection = true).",
        subcommands = {FaultCommand.Status.class, FaultCommand.Cut.class, FaultCommand.Heal.class,
            FaultCommand.Disturb.class, FaultCommand.Actors.class, FaultCommand.KillActor.class})
public final class FaultCommand {

    /** What every fault command does: one request to the node, its status printed. */
    abstract static class FaultRequest implements CliCommand {

        @ArgGroup(exclusive = true, multiplicity = "1")
        NodeTarget target;

        @Option(names = "--json", description = "Print the node's fault status as JSON.")
        boolean json;

        /** The request to send. */
        abstract ObjectNode request();

        /** The command's name after {@code fault}. */
        abstract String name();

        @Override
        public int run(PrintStream out, PrintStream err) throws Exception {
            Optional<Path> socket = target.socketPath(err);
            if (socket.isEmpty()) {
                return USAGE;
            }
            Optional<JsonNode> reply = NodeRequest.send(socket.get(), request(),
                    FaultIpcHandler.TIMEOUT.plusSeconds(3), "fault " + name(), err);
            if (reply.isEmpty()) {
                return FAILED;
            }
            out.println(json ? Json.pretty(reply.get()) : reply.get().path("summary").asText());
            return OK;
        }
    }

    /** {@code ringsync fault status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the faults in force and the counters.")
    public static final class Status extends FaultRequest {

        @Override
        ObjectNode request() {
            return Json.object().put("op", FaultIpcHandler.STATUS);
        }

        @Override
        String name() {
            return "status";
        }
    }

    /** {@code ringsync fault cut}. */
    @Command(name = "cut", mixinStandardHelpOptions = true,
            description = "Stop sending to and/or hearing some nodes, in addition to the cuts in place.")
    public static final class Cut extends FaultRequest {

        /** At least one of the three. */
        static final class Peers {
            @Option(names = "--to", split = ",", paramLabel = "IDS",
                    description = "Drop this node's frames to these nodes (comma-separated ids).")
            List<Integer> to = List.of();

            @Option(names = "--from", split = ",", paramLabel = "IDS",
                    description = "Drop the frames of these nodes on arrival here.")
            List<Integer> from = List.of();

            @Option(names = "--both", split = ",", paramLabel = "IDS",
                    description = "Both directions: a symmetric partition from these nodes.")
            List<Integer> both = List.of();
        }

        @ArgGroup(exclusive = false, multiplicity = "1")
        Peers peers;

        @Override
        ObjectNode request() {
            ObjectNode request = Json.object().put("op", FaultIpcHandler.CUT);
            add(request.putArray("to"), peers.to, peers.both);
            add(request.putArray("from"), peers.from, peers.both);
            return request;
        }

        private static void add(ArrayNode array, List<Integer> ids, List<Integer> both) {
            Set<Integer> all = new TreeSet<>(ids);
            all.addAll(both);
            all.forEach(array::add);
        }

        @Override
        String name() {
            return "cut";
        }
    }

    /** {@code ringsync fault heal}. */
    @Command(name = "heal", mixinStandardHelpOptions = true, description = "Remove every cut and random fault.")
    public static final class Heal extends FaultRequest {

        @Override
        ObjectNode request() {
            return Json.object().put("op", FaultIpcHandler.HEAL);
        }

        @Override
        String name() {
            return "heal";
        }
    }

    /** {@code ringsync fault disturb}. */
    @Command(name = "disturb", mixinStandardHelpOptions = true,
            description = "Lose, duplicate and reorder shares of the inbound frames (all 0: stop).")
    public static final class Disturb extends FaultRequest {

        @Option(names = "--drop", paramLabel = "SHARE", converter = ShareConverter.class,
                description = "Share of inbound frames lost: 0.05 or 5%% (default 0).")
        double drop;

        @Option(names = "--duplicate", paramLabel = "SHARE", converter = ShareConverter.class,
                description = "Share of inbound frames delivered twice (default 0).")
        double duplicate;

        @Option(names = "--reorder", paramLabel = "SHARE", converter = ShareConverter.class,
                description = "Share of inbound frames held back behind the next one (default 0).")
        double reorder;

        @Option(names = "--seed", paramLabel = "N", description = "Seed of the random draws (default 0).")
        long seed;

        @Override
        ObjectNode request() {
            return Json.object().put("op", FaultIpcHandler.DISTURB).put("drop", drop).put("duplicate", duplicate)
                    .put("reorder", reorder).put("seed", seed);
        }

        @Override
        String name() {
            return "disturb";
        }
    }

    /** {@code ringsync fault actors}. */
    @Command(name = "actors", mixinStandardHelpOptions = true,
            description = "List the actors kill-actor can make fail, one path a line (--json: with restart counts).")
    public static final class Actors extends FaultRequest {

        @Override
        ObjectNode request() {
            return Json.object().put("op", FaultIpcHandler.ACTORS);
        }

        @Override
        String name() {
            return "actors";
        }
    }

    /** {@code ringsync fault kill-actor PATH}. */
    @Command(name = "kill-actor", mixinStandardHelpOptions = true,
            description = "Make an actor of the node fail as in a crash; its supervisor restarts it.")
    public static final class KillActor extends FaultRequest {

        @Parameters(index = "0", paramLabel = "PATH",
                description = "The actor: /user/totem, totem or akka://ringsync-node1/user/totem (see fault actors).")
        String path;

        @Override
        ObjectNode request() {
            return Json.object().put("op", FaultIpcHandler.KILL_ACTOR).put("path", path);
        }

        @Override
        String name() {
            return "kill-actor";
        }
    }

    /** A share of frames: {@code 0.05} or {@code 5%}, between 0 and 1. */
    public static final class ShareConverter implements CommandLine.ITypeConverter<Double> {

        @Override
        public Double convert(String value) {
            String text = value.trim();
            double share;
            try {
                share = text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1)) / 100
                        : Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a share (examples: 0.05, 5%)");
            }
            if (!(share >= 0 && share <= 1)) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not between 0 and 1 (0% and 100%)");
            }
            return share;
        }
    }
}
