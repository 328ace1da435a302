package io.ringsync.examples.kvstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.ClusterConfigGenerator;
import io.ringsync.embed.Ringsync;
import io.ringsync.node.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes in one JVM, each with a store member: writes go on through two of them while the
 * third is stopped and started again (its replica lost); the restarted member catches up through
 * the checkpoint and, once writes stop, all three hold the same replica (version and digest), which
 * holds every acknowledged write. Then two nodes stop and the one left, without quorum, refuses
 * writes.
 */
class KvStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String GROUP = "kv";

    @TempDir
    Path dir;

    private final List<Path> configs = new ArrayList<>();
    private final Ringsync[] nodes = new Ringsync[3];
    private final KvStore[] stores = new KvStore[3];

    @AfterEach
    void stop() {
        for (Ringsync node : nodes) {
            if (node != null) {
                node.close();
            }
        }
    }

    private void start(int index) throws Exception {
        nodes[index] = Ringsync.start(configs.get(index));
        stores[index] = KvStore.start(nodes[index], GROUP);
    }

    private void stopNode(int index) {
        nodes[index].close();
        nodes[index] = null;
        stores[index] = null;
    }

    private KvActor.KvState state(int index) throws Exception {
        return stores[index].state().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private boolean allCurrent(int... indexes) {
        try {
            for (int i : indexes) {
                KvActor.KvState s = state(i);
                if (!s.current() || !s.quorate()) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aRestartedMemberCatchesUpUnderWritesAndTheMinorityRefusesWrites() throws Exception {
        int port = FreePorts.udpPortFreeOnAll(FreePorts.loopbackAddresses(3));
        for (Path config : new ClusterConfigGenerator().write(new ClusterConfigGenerator.Request(
                "kv" + UUID.randomUUID().toString().substring(0, 6), 3, List.of(), port, dir, Optional.of(dir.resolve("run"))))) {
            Files.writeString(config, "\ntotem { token = 1000ms }\n", StandardOpenOption.APPEND);
            configs.add(config);
        }
        for (int i = 0; i < 3; i++) {
            start(i);
        }
        await("three current, quorate members", () -> allCurrent(0, 1, 2));

        AtomicInteger acked = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        Map<String, String> expected = new TreeMap<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; writing.get(); i++) {
                String key = "k" + (i % 40);
                String value = "v" + i;
                try {
                    stores[i % 2].put(key, value).toCompletableFuture().get(40, TimeUnit.SECONDS);
                    synchronized (expected) {
                        expected.put(key, value);
                    }
                    acked.incrementAndGet();
                } catch (ExecutionException | CompletionException e) {
                    i--; // refused while a comparison runs or the ring changes: the same write again
                    sleep(50);
                } catch (Exception e) {
                    return;
                }
            }
        });
        writer.start();
        await("100 writes", () -> acked.get() >= 100);
        stopNode(2);
        await("200 writes", () -> acked.get() >= 200);
        start(2);
        await("300 writes", () -> acked.get() >= 300);
        writing.set(false);
        writer.join(WAIT.toMillis());

        await("the three replicas equal", () -> {
            try {
                KvActor.KvState a = state(0);
                KvActor.KvState b = state(1);
                KvActor.KvState c = state(2);
                return a.current() && b.current() && c.current() && a.digest().equals(b.digest())
                        && b.digest().equals(c.digest()) && a.version() == c.version();
            } catch (Exception e) {
                return false;
            }
        });
        // The restarted member started empty and applied only the writes after its join: its version
        // equals the others' only because it installed the source's replica from the checkpoint.
        KvActor.KvState restarted = state(2);
        assertTrue(restarted.version() >= acked.get(), "every acknowledged write: " + restarted + " vs " + acked);
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            assertEquals(Optional.of(entry.getValue()), stores[2].get(entry.getKey()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS), entry.getKey());
        }
        System.out.println("converged: " + restarted + " after " + acked + " acknowledged writes");

        stopNode(1);
        stopNode(2);
        // A put may still pass while node 1 has not yet seen its peers go; each attempt writes its own key.
        AtomicInteger attempt = new AtomicInteger();
        await("node 1 alone refusing writes for want of quorum", () -> {
            try {
                stores[0].put("late" + attempt.incrementAndGet(), "x").toCompletableFuture().get(40, TimeUnit.SECONDS);
                return false;
            } catch (ExecutionException e) {
                return e.getCause() instanceof KvRefusedException && e.getCause().getMessage().contains("inquorate");
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(Optional.empty(), stores[0].get("late" + attempt.get()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS), "the refused write is not applied");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
