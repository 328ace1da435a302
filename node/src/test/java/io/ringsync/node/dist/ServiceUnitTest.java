package io.ringsync.node.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.ConfigLoader;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.cli.RingsyncCli;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The systemd unit and the example {@code /etc/ringsync/} layout of the distribution ({@code dist/})
 * agree with the launcher, the CLI and each other: the unit runs the launcher's {@code node}
 * command with an option it has, the launcher finds the jar of the installed layout the unit names,
 * the example config loads and puts its run directory, state directory, IPC socket and authkey where
 * the unit's RuntimeDirectory, StateDirectory and ConfigurationDirectory are; and, where
 * {@code systemd-analyze} is installed, it verifies the unit.
 */
class ServiceUnitTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path UNIT = ROOT.resolve("dist/systemd/ringsync.service");
    private static final Path EXAMPLE = ROOT.resolve("dist/etc/ringsync/ringsync.conf");
    private static final Path LAUNCHER = ROOT.resolve("bin/ringsync");
    private static final String INSTALL = "/opt/ringsync";

    @TempDir
    Path tmp;

    /** The unit's {@code [Service]} keys with their values, in file order. */
    private static Map<String, String> service() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        String section = "";
        for (String line : Files.readAllLines(UNIT)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[")) {
                section = trimmed;
            } else if (section.equals("[Service]") && !trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int eq = trimmed.indexOf('=');
                keys.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        return keys;
    }

    private static List<String> execStart() throws Exception {
        return List.of(service().get("ExecStart").split("\\s+"));
    }

    @Test
    void theUnitRunsTheLaunchersNodeCommandWithItsConfigOption() throws Exception {
        List<String> exec = execStart();
        assertEquals(INSTALL + "/bin/ringsync", exec.get(0), "the launcher of the installed layout");
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " is the launcher installed as bin/ringsync");
        List<String> args = new ArrayList<>(exec.subList(1, exec.size()));
        int config = args.indexOf("--config");
        assertTrue(config >= 0, "ExecStart names the config: " + exec);
        args.set(config + 1, EXAMPLE.toString());
        CommandLine.ParseResult parsed = new CommandLine(new RingsyncCli()).parseArgs(args.toArray(String[]::new));
        assertEquals("node", parsed.subcommand().commandSpec().name());
        assertTrue(parsed.subcommand().hasMatchedOption("--config"));
        assertEquals(Path.of(exec.get(config + 2)), Path.of("/etc", service().get("ConfigurationDirectory"),
                "ringsync.conf"), "the config lives in the unit's ConfigurationDirectory");
    }

    @Test
    void theExampleConfigPutsItsFilesInTheUnitsDirectories() throws Exception {
        Map<String, String> unit = service();
        RingsyncSettings settings = ConfigLoader.load(EXAMPLE);
        Path runDir = Path.of("/run", unit.get("RuntimeDirectory"));
        assertEquals(runDir, settings.system().runDir());
        assertEquals(Path.of("/var/lib", unit.get("StateDirectory")), settings.system().stateDir());
        assertTrue(settings.system().ipcSocket().startsWith(runDir), settings.system().ipcSocket().toString());
        assertTrue(settings.crypto().enabled());
        assertEquals(Optional.of(Path.of("/etc", unit.get("ConfigurationDirectory"), "authkey")),
                settings.crypto().authkey());
    }

    @Test
    void theLauncherLooksForTheJarOfTheInstalledLayout() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("opt/ringsync/bin"));
        Path launcher = Files.copy(LAUNCHER, bin.resolve("ringsync"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process run = new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, run.exitValue(), output);
        assertTrue(output.contains(bin + "/../lib/ringsync.jar"), "it looked in lib/ beside bin/: " + output);
    }

    @Test
    void systemdAnalyzeVerifiesTheUnitWhereItIsInstalled() throws Exception {
        Optional<Path> analyze = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "systemd-analyze")).filter(Files::isExecutable).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(analyze.isPresent(), "systemd-analyze is not installed here");
        Path unit = tmp.resolve("ringsync.service");
        Files.writeString(unit, Files.readString(UNIT).replace(INSTALL + "/bin/ringsync", LAUNCHER.toString()));
        Process run = new ProcessBuilder(analyze.get().toString(), "verify", unit.toString())
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), "systemd-analyze did not finish");
        assertEquals(0, run.exitValue(), output);
        assertTrue(output.lines().noneMatch(line -> line.contains("ringsync.service")), output);
    }
}
