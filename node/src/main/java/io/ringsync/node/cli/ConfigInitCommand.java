package io.ringsync.node.cli;

import io.ringsync.config.ClusterConfigGenerator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ringsync config init --nodes N}: writes node1.conf .. nodeN.conf for a new cluster. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Write node1.conf..nodeN.conf for a new cluster.")
public final class ConfigInitCommand implements CliCommand {

    @Option(names = "--nodes", required = true, paramLabel = "N", description = "Number of nodes.")
    int nodes;

    @Option(names = "--addresses", split = ",", paramLabel = "A,B,...",
            description = "Link 0 address of each node (default: 127.0.0.1 .. 127.0.0.N).")
    List<String> addresses = List.of();

    @Option(names = "--base-port", paramLabel = "P", defaultValue = "5405", description = "UDP port (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".", description = "Where to write the files (default: .).")
    Path dir;

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = "ringsync",
            description = "Cluster name (default: ${DEFAULT-VALUE}).")
    String clusterName;

    @Option(names = "--run-dir-parent", paramLabel = "DIR", description = "Parent of the nodes' run directories.")
    Path runDirParent;

    @Override
    public int run(PrintStream out, PrintStream err) {
        ClusterConfigGenerator.Request request = new ClusterConfigGenerator.Request(clusterName, nodes,
                addresses, basePort, dir, Optional.ofNullable(runDirParent));
        List<Path> written;
        try {
            written = new ClusterConfigGenerator().write(request);
        } catch (IllegalArgumentException e) {
            err.println("ringsync: config init: " + e.getMessage());
            return USAGE;
        }
        written.forEach(out::println);
        return OK;
    }
}
