package io.ringsync.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.node.TestClusters;
import io.ringsync.node.bench.BenchSpec;
import io.ringsync.protocol.totem.Delivery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ringsync bench}: its options and its refusals of bad ones, before any node starts. */
class BenchCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        return RingsyncCli.run(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), args);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private String config() {
        return TestClusters.write(dir, 3).get(0).toString();
    }

    @Test
    void defaultsWaitForTheWholeNodelistAndSendOneKibForTenSeconds() {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs("--config", "x.conf");
        BenchSpec spec = command.spec(Delivery.AGREED, 5);
        assertEquals(new BenchSpec(5, 1024, Delivery.AGREED, Duration.ofSeconds(2), Duration.ofSeconds(10), true, 1,
                4 << 20, 0, 2000, Duration.ofSeconds(60)), spec);
        assertEquals(Optional.empty(), spec.problem());
        assertEquals(4096, spec.windowMessages());
    }

    @Test
    void optionsReachTheSpec() {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs("--config", "x.conf", "--expect-members", "3", "--size", "64",
                "--warmup", "0s", "--duration", "500ms", "--no-send", "--senders", "3",
                "--window-bytes", "640", "--ready-timeout", "2m");
        BenchSpec spec = command.spec(Delivery.SAFE, 5);
        assertEquals(new BenchSpec(3, 64, Delivery.SAFE, Duration.ZERO, Duration.ofMillis(500), false, 3, 640, 0,
                2000, Duration.ofMinutes(2)), spec);
        assertEquals(10, spec.windowMessages());
        assertEquals(Optional.of(Delivery.SAFE), BenchCommand.delivery("Safe"));
        assertEquals(Optional.empty(), BenchCommand.delivery("total"));
    }

    @Test
    void badValuesAreRefusedInOneLineWithExit2() {
        String config = config();
        assertRefused("--size must be 20..1048576 bytes, got 10", "--config", config, "--size", "10");
        assertRefused("--size must be 20..1048576 bytes, got 2000000", "--config", config, "--size", "2000000");
        assertRefused("--delivery must be agreed or safe, got total", "--config", config, "--delivery", "total");
        assertRefused("--senders must be 0..3, and at least 1 when this node sends, got 0", "--config", config,
                "--senders", "0");
        assertRefused("--senders must be 0..2, and at least 1 when this node sends, got 3", "--config", config,
                "--expect-members", "2", "--senders", "3");
        assertRefused("--latency must be positive, and only on a node that sends", "--config", config,
                "--latency", "10", "--no-send");
        assertRefused("--duration and --ready-timeout must be positive, --warmup not negative", "--config", config,
                "--duration", "0s");
        assertRefused("--gap-us must be 0..10000000, got -1", "--config", config, "--latency", "5", "--gap-us", "-1");
    }

    @Test
    void anUnknownOptionOrAMissingConfigIsAUsageError() {
        assertEquals(2, run("bench", "--config", config(), "--bogus"));
        assertEquals(2, run("bench"));
        assertEquals(2, run("bench", "--config", dir.resolve("none.conf").toString()));
    }

    private void assertRefused(String message, String... args) {
        errBytes.reset();
        String[] full = new String[args.length + 1];
        full[0] = "bench";
        System.arraycopy(args, 0, full, 1, args.length);
        assertEquals(2, run(full), err());
        assertEquals("ringsync: bench: " + message, err().strip());
    }
}
