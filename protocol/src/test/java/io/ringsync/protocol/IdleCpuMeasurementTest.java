package io.ringsync.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.LinkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the idle CPU of 3 nodes in this JVM: utime+stime of /proc/self/stat over
 * {@code ringsync.measure.seconds} (default 20) of wall time, per node, in % of one core.
 * Opt-in ({@code -Dringsync.measure.idle=true}): it takes 20 s and the figure depends on the box.
 * {@code -Dringsync.measure.pingMs} sets the ping interval (default 1000, timeout 3x);
 * {@code ringsync.measure.idleStrategy} / {@code idleMaxParkUs} the poller's idle strategy.
 */
@EnabledIfSystemProperty(named = "ringsync.measure.idle", matches = "true")
class IdleCpuMeasurementTest {

    /** Linux USER_HZ: /proc stat times are in 1/100 s. */
    private static final double TICKS_PER_SECOND = 100.0;

    @TempDir
    Path tmp;

    @Test
    void threeIdleNodes() throws Exception {
        long pingMs = Long.getLong("ringsync.measure.pingMs", 1000);
        long seconds = Long.getLong("ringsync.measure.seconds", 20);
        String idle = System.getProperty("ringsync.measure.idleStrategy", "backoff");
        long parkUs = Long.getLong("ringsync.measure.idleMaxParkUs", 1000);
        try (LocalCluster cluster = new LocalCluster(3, tmp, new LinkSettings(pingMs, 3 * pingMs, 2, 8),
                TestSettings.transport(idle, parkUs)).startAll()) {
            idleFor(5); // let links come up and the JIT settle
            long ticks0 = cpuTicks();
            long wall0 = System.nanoTime();
            idleFor(seconds);
            double wallSeconds = (System.nanoTime() - wall0) / 1e9;
            double perNodePercent = (cpuTicks() - ticks0) / TICKS_PER_SECOND / wallSeconds / 3 * 100;
            System.out.printf("IDLE CPU: %.2f %% of a core per node (3 nodes, %d s, ping %d ms, %s %d us)%n",
                    perNodePercent, seconds, pingMs, idle, parkUs);
            assertTrue(cluster.report(1).links().stream().allMatch(s -> s.up()));
        }
    }

    /** The baseline: three bare actor systems, no transport, no monitor. */
    @Test
    @EnabledIfSystemProperty(named = "ringsync.measure.baseline", matches = "true")
    void threeBareActorSystems() throws Exception {
        long seconds = Long.getLong("ringsync.measure.seconds", 20);
        java.util.List<akka.actor.testkit.typed.javadsl.ActorTestKit> kits = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> akka.actor.testkit.typed.javadsl.ActorTestKit.create("bare" + i)).toList();
        idleFor(5);
        long ticks0 = cpuTicks();
        long wall0 = System.nanoTime();
        idleFor(seconds);
        double wallSeconds = (System.nanoTime() - wall0) / 1e9;
        System.out.printf("BASELINE CPU: %.2f %% of a core per bare actor system%n",
                (cpuTicks() - ticks0) / TICKS_PER_SECOND / wallSeconds / 3 * 100);
        kits.forEach(akka.actor.testkit.typed.javadsl.ActorTestKit::shutdownTestKit);
    }

    private static void idleFor(long seconds) throws InterruptedException {
        Thread.sleep(Duration.ofSeconds(seconds).toMillis()); // measuring idle time is the point here
    }

    private static long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
    }
}
