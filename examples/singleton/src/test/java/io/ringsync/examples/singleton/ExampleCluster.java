package io.ringsync.examples.singleton;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.ClusterConfigGenerator;
import io.ringsync.config.ConfigLoader;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.FileModes;
import io.ringsync.node.FreePorts;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A local cluster of example processes on 127.0.0.1..N, each a separate JVM launched from the
 * built jars as the README does ({@code -cp ringsync.jar:<example>.jar <main> --config FILE}):
 * configs as {@code ringsync config init} writes them (run directories in {@code /dev/shm}), a
 * 1-second token, every incarnation's stderr (its log) in its own file under
 * {@code target/it-output/<test>/}. {@link #close()} kills what is left and removes the run
 * directories.
 */
final class ExampleCluster implements AutoCloseable {

    /** JVM options for small machines, as the launchers use. */
    static final List<String> JVM_OPTIONS = List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-XX:+UseSerialGC", "-Xss512k", "-Xmx128m", "-XX:TieredStopAtLevel=1");
    private static final Path SHM = Path.of("/dev/shm");
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);

    /** One process of a node: its number among the node's processes, and its log. */
    record Incarnation(int nodeId, int number, Process process, Path log) {
    }

    private final String mainClass;
    private final List<String> classpath;
    private final Path output;
    private final Path runParent;
    private final List<Path> configs = new ArrayList<>();
    private final List<RingsyncSettings> settings = new ArrayList<>();
    private final Map<Integer, Incarnation> live = new LinkedHashMap<>();
    private final List<Incarnation> all = new ArrayList<>();

    ExampleCluster(String testName, int size, String mainClass) throws Exception {
        this.mainClass = mainClass;
        Path ringsyncJar = jar("it.ringsync.jar", "../../node/target/ringsync.jar");
        Path exampleJar = jar("it.example.jar", "target/ringsync-singleton.jar");
        this.classpath = List.of(ringsyncJar.toString(), exampleJar.toString());
        this.output = Path.of(System.getProperty("it.output.dir", "target/it-output")).resolve(testName);
        FileModes.deleteRecursively(output);
        Files.createDirectories(output);
        this.runParent = Files.createTempDirectory(Files.isDirectory(SHM) && Files.isWritable(SHM) ? SHM : output,
                "ringsync-example-");
        String cluster = "ex-" + UUID.randomUUID().toString().substring(0, 8);
        int port = FreePorts.udpPortFreeOnAll(FreePorts.loopbackAddresses(size));
        for (Path config : new ClusterConfigGenerator().write(new ClusterConfigGenerator.Request(cluster, size,
                List.of(), port, output.resolve("conf"), Optional.of(runParent)))) {
            Files.writeString(config, "\ntotem { token = 1000ms }\n", StandardOpenOption.APPEND);
            configs.add(config);
            settings.add(ConfigLoader.load(config));
        }
    }

    private static Path jar(String property, String fallback) {
        Path jar = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), "no " + jar + ": package the node and example modules first");
        return jar;
    }

    RingsyncSettings settings(int nodeId) {
        return settings.get(nodeId - 1);
    }

    /** Starts the next incarnation of node {@code id}. */
    Incarnation start(int id, String... extraArgs) throws IOException {
        int number = (int) all.stream().filter(i -> i.nodeId() == id).count() + 1;
        Path log = output.resolve("n" + id + "." + number + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass);
        command.add("--config");
        command.add(configs.get(id - 1).toString());
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Incarnation incarnation = new Incarnation(id, number, process, log);
        live.put(id, incarnation);
        all.add(incarnation);
        return incarnation;
    }

    /** SIGKILLs node {@code id}'s live process and waits for it to be gone. */
    void kill(int id) throws InterruptedException {
        Process process = live.remove(id).process();
        process.destroyForcibly();
        process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every incarnation started, in order. */
    List<Incarnation> incarnations() {
        return all;
    }

    /** The log lines of every incarnation so far, by incarnation. */
    Map<Incarnation, List<String>> logs() {
        Map<Incarnation, List<String>> logs = new LinkedHashMap<>();
        for (Incarnation incarnation : all) {
            try {
                logs.put(incarnation, Files.exists(incarnation.log()) ? Files.readAllLines(incarnation.log()) : List.of());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + incarnation.log(), e);
            }
        }
        return logs;
    }

    /**
     * Evaluates {@code condition} every 250 ms until it is true; fails with {@code what} and the
     * last lines of every log when {@code deadline} passes.
     */
    void await(String what, Duration deadline, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " within " + deadline.toMillis() + " ms; logs under " + output);
            }
            Thread.sleep(250);
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
