package io.ringsync.examples.harness;

import io.ringsync.config.ClusterConfigGenerator;
import io.ringsync.config.ConfigLoader;
import io.ringsync.config.InvalidConfigException;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.FileModes;
import io.ringsync.node.FreePorts;
import io.ringsync.node.cli.RingsyncCli;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A local cluster of example processes on 127.0.0.1..N for the examples' separate-process tests,
 * each a JVM launched from the built jars as the examples' READMEs do
 * ({@code -cp ringsync.jar:<example>.jar <main> ARGS}): configs as {@code ringsync config init}
 * writes them (run directories in {@code /dev/shm}), a 1-second token plus any extra HOCON, every
 * incarnation's stdout and stderr (its answers and its log) in one file under
 * {@code <it.output.dir>/<test>/}. The jars come from the system properties {@code it.ringsync.jar}
 * and {@code it.example.jar} (each example's failsafe configuration sets them).
 *
 * <p>Besides starting, SIGKILLing and reading logs, it writes lines to a process's stdin
 * ({@link #send}) and runs {@code ringsync} commands against a node in this JVM ({@link #ringsync},
 * e.g. {@code fault cut --both 2,3} on nodes started with {@code transport.fault_injection = true}).
 * {@link #close()} stops what is left and removes the run directories.
 */
public final class ExampleCluster implements AutoCloseable {

    /** JVM options for small machines, as the launchers use. */
    public static final List<String> JVM_OPTIONS = List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-XX:+UseSerialGC", "-Xss512k", "-Xmx128m", "-XX:TieredStopAtLevel=1");
    /** The config the tests append to every node's: a 1-second token, for quick failovers. */
    public static final String QUICK_TOKEN = "totem { token = 1000ms }\n";
    private static final Path SHM = Path.of("/dev/shm");
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(250);

    /** One process of a node: its number among the node's processes, and its output file. */
    public record Incarnation(int nodeId, int number, Process process, Path log) {
    }

    /** A {@code ringsync} command's exit code and what it printed. */
    public record CliResult(int exitCode, String out, String err) {
    }

    private final String mainClass;
    private final String mainOption;
    private final List<String> classpath;
    private final Path output;
    private final Path runParent;
    private final List<Path> configs = new ArrayList<>();
    private final List<RingsyncSettings> settings = new ArrayList<>();
    private final Map<Integer, Incarnation> live = new LinkedHashMap<>();
    private final List<Incarnation> all = new ArrayList<>();

    /**
     * Writes the configs of a {@code size}-node cluster ({@link #QUICK_TOKEN} and
     * {@code extraConfig} appended to each) whose processes run {@code mainClass}, given the
     * config file after {@code configOption} ({@code "--config"}, or {@code ""} for a bare path).
     */
    public ExampleCluster(String testName, int size, String mainClass, String configOption, String extraConfig)
            throws IOException, InvalidConfigException {
        this.mainClass = mainClass;
        this.mainOption = configOption;
        this.classpath = List.of(jar("it.ringsync.jar").toString(), jar("it.example.jar").toString());
        this.output = Path.of(System.getProperty("it.output.dir", "target/it-output")).resolve(testName);
        FileModes.deleteRecursively(output);
        Files.createDirectories(output);
        this.runParent = Files.createTempDirectory(Files.isDirectory(SHM) && Files.isWritable(SHM) ? SHM : output,
                "ringsync-example-");
        String cluster = "ex-" + UUID.randomUUID().toString().substring(0, 8);
        int port = FreePorts.udpPortFreeOnAll(FreePorts.loopbackAddresses(size));
        for (Path config : new ClusterConfigGenerator().write(new ClusterConfigGenerator.Request(cluster, size,
                List.of(), port, output.resolve("conf"), Optional.of(runParent)))) {
            Files.writeString(config, "\n" + QUICK_TOKEN + extraConfig, StandardOpenOption.APPEND);
            configs.add(config);
            settings.add(ConfigLoader.load(config));
        }
    }

    private static Path jar(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (the example's failsafe "
                    + "configuration sets it; run with mvn verify)");
        }
        Path jar = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": package the node and example modules first");
        }
        return jar;
    }

    /** The settings of node {@code nodeId}. */
    public RingsyncSettings settings(int nodeId) {
        return settings.get(nodeId - 1);
    }

    /** Starts the next incarnation of node {@code id}, with {@code extraArgs} after its config. */
    public Incarnation start(int id, String... extraArgs) throws IOException {
        int number = (int) all.stream().filter(i -> i.nodeId() == id).count() + 1;
        Path log = output.resolve("n" + id + "." + number + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass);
        if (!mainOption.isEmpty()) {
            command.add(mainOption);
        }
        command.add(configs.get(id - 1).toString());
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Incarnation incarnation = new Incarnation(id, number, process, log);
        live.put(id, incarnation);
        all.add(incarnation);
        return incarnation;
    }

    /** SIGKILLs node {@code id}'s live process and waits for it to be gone. */
    public void kill(int id) throws InterruptedException {
        Process process = live.remove(id).process();
        process.destroyForcibly();
        process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes {@code line} to the stdin of node {@code id}'s live process (a command for the example). */
    public void send(int id, String line) throws IOException {
        OutputStream stdin = live.get(id).process().getOutputStream();
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /**
     * Runs {@code ringsync <args> --config <node id's config>} in this JVM (the CLI's own entry
     * point, as the command line runs it) against node {@code id}'s running process.
     */
    public CliResult ringsync(int id, String... args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.addAll(List.of("--config", configs.get(id - 1).toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RingsyncCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), arguments.toArray(String[]::new));
        return new CliResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Partitions the cluster with the transport's fault filter (the nodes run with
     * {@code transport.fault_injection = true}): on each node of {@code peersById}, {@code ringsync
     * fault cut --both <its peers>} (comma-separated ids); fails naming the node if one refuses.
     */
    public void cut(Map<Integer, String> peersById) {
        peersById.forEach((id, peers) -> expectOk(id, ringsync(id, "fault", "cut", "--both", peers), "fault cut"));
    }

    /** Lifts every cut on the nodes {@code ids} ({@code ringsync fault heal}). */
    public void heal(List<Integer> ids) {
        ids.forEach(id -> expectOk(id, ringsync(id, "fault", "heal"), "fault heal"));
    }

    private static void expectOk(int id, CliResult result, String command) {
        if (result.exitCode() != 0) {
            throw new AssertionError(command + " on node " + id + " exited " + result.exitCode() + ": " + result.err());
        }
    }

    /** The live incarnation of node {@code id}. */
    public Incarnation live(int id) {
        return live.get(id);
    }

    /** Every incarnation started, in order. */
    public List<Incarnation> incarnations() {
        return all;
    }

    /** The output lines of {@code incarnation} so far. */
    public List<String> lines(Incarnation incarnation) {
        try {
            return Files.exists(incarnation.log()) ? Files.readAllLines(incarnation.log()) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + incarnation.log(), e);
        }
    }

    /** The output lines of every incarnation so far, by incarnation. */
    public Map<Incarnation, List<String>> logs() {
        Map<Incarnation, List<String>> logs = new LinkedHashMap<>();
        all.forEach(incarnation -> logs.put(incarnation, lines(incarnation)));
        return logs;
    }

    /**
     * Evaluates {@code condition} every 250 ms until it is true; fails with {@code what} and where
     * the logs are when {@code deadline} passes.
     */
    public void await(String what, Duration deadline, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " within " + deadline.toMillis() + " ms; logs under " + output);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** SIGTERMs the live processes, then kills any still running, and removes the run directories. */
    @Override
    public void close() throws Exception {
        live.values().forEach(i -> i.process().destroy());
        for (Incarnation incarnation : live.values()) {
            if (!incarnation.process().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                incarnation.process().destroyForcibly().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        live.clear();
        FileModes.deleteRecursively(runParent);
    }
}
