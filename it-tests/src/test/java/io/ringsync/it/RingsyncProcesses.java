package io.ringsync.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built {@code ringsync.jar} as separate processes, the way an operator does, with
 * output captured in files under {@code target/it-output}. Every process started is killed
 * by {@link #killAll()}.
 */
final class RingsyncProcesses {

    /** JVM options for small machines, as {@code bin/ringsync} uses. */
    static final List<String> JVM_OPTIONS = List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-XX:+UseSerialGC", "-Xss512k", "-Xmx128m", "-XX:TieredStopAtLevel=1");

    private final Path jar;
    private final Path output;
    private final List<Process> started = new ArrayList<>();
    private int sequence;

    RingsyncProcesses(String testName) throws IOException {
        this.jar = Path.of(System.getProperty("it.ringsync.jar", "../node/target/ringsync.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no " + jar + ": package the node module first");
        this.output = Path.of(System.getProperty("it.output.dir", "target/it-output")).resolve(testName);
        Files.createDirectories(output);
    }

    /** The directory holding the processes' output files. */
    Path output() {
        return output;
    }

    /** The built jar. */
    Path jar() {
        return jar;
    }

    /** Starts {@code ringsync <args>}; stdout and stderr go to {@code <label>.out} / {@code .err}. */
    Process start(String label, String... args) throws IOException {
        return start(label, List.of(), jar, args);
    }

    /**
     * Starts {@code <prefix> java ... -jar <jar> <args>}: a prefix such as {@code setpriv ...}
     * runs it as another user, who must be able to read {@code jar}.
     */
    synchronized Process start(String label, List<String> prefix, Path jar, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return launch(label, command);
    }

    /**
     * Starts {@code java ... -cp <jar>:<classpath> <mainClass> <args>}: a test program of this
     * module (such as {@link TrafficNode}) run as a node process, with the built jar's classes.
     */
    synchronized Process startMain(String label, List<Path> classpath, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        StringBuilder path = new StringBuilder(jar.toString());
        classpath.forEach(entry -> path.append(File.pathSeparator).append(entry));
        command.add(path.toString());
        command.add(mainClass);
        command.addAll(List.of(args));
        return launch(label, command);
    }

    private Process launch(String label, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout(label).toFile())
                .redirectError(stderr(label).toFile())
                .start();
        started.add(process);
        return process;
    }

    /** Runs {@code ringsync <args>} to completion (at most {@code timeout}) and returns its result. */
    Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        return run(List.of(), jar, timeout, args);
    }

    /** As {@link #run(Duration, String...)}, with a command prefix and a jar as {@link #start(String, List, Path, String...)} takes. */
    Result run(List<String> prefix, Path jar, Duration timeout, String... args) throws IOException, InterruptedException {
        String label;
        synchronized (this) {
            label = "run-" + (++sequence);
        }
        Process process = start(label, prefix, jar, args);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            return new Result(-1, read(stdout(label)), "timed out after " + timeout.toSeconds() + " s");
        }
        Result result = new Result(process.exitValue(), read(stdout(label)), read(stderr(label)));
        Files.deleteIfExists(stdout(label));
        Files.deleteIfExists(stderr(label));
        return result;
    }

    Path stdout(String label) {
        return output.resolve(label + ".out");
    }

    Path stderr(String label) {
        return output.resolve(label + ".err");
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** Kills every process started that is still alive. */
    synchronized void killAll() throws InterruptedException {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The exit code and output of a finished command. */
    record Result(int exitCode, String out, String err) {
    }
}
