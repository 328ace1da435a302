package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.totem.TotemActor.ConfigurationChanged;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link TotemActor.SubscribeBatches} subscriber gets exactly the events a {@link
 * TotemActor.Subscribe}d one gets, in the same order, fewer actor messages carrying them; its
 * filter applies to deliveries, not to configuration changes. Three nodes over real Aeron UDP
 * in one JVM.
 */
class BatchSubscriberTotemTest {

    private static final List<Integer> ALL = List.of(1, 2, 3);
    private static final int PER_NODE = 200;
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void batchesCarryTheSameEventsInTheSameOrderAndTheFilterHoldsBackDeliveriesOnly() {
        try (LocalCluster cluster = new LocalCluster(3, tmp, TestSettings.FAST_LINKS, TestSettings.transport(),
                TestSettings.RING_TOTEM).withTotem().startAll()) {
            RingId ring = Rings.awaitOneRing(cluster, ALL, DEADLINE);
            TotemEventLog single = TotemEventLog.subscribe(cluster.node(1), "single");
            TotemEventLog batched = TotemEventLog.subscribeBatches(cluster.node(1), "batched", DeliveryFilter.ALL);
            TotemEventLog configurationsOnly = TotemEventLog.subscribeBatches(cluster.node(1), "none",
                    DeliveryFilter.NONE);

            TotemRingChecks.multicastAll(cluster, ALL, PER_NODE, DEADLINE);
            TestProbe<Object> poll = cluster.node(1).kit().createTestProbe();
            poll.awaitAssert(DEADLINE, Duration.ofMillis(50), () -> {
                assertEquals(3 * PER_NODE, single.delivered().size());
                assertEquals(3 * PER_NODE, batched.delivered().size());
                return null;
            });

            assertEquals(single.events(), batched.events(), "the same events in the same order");
            ConfigurationChanged current = batched.configurations().get(0);
            assertEquals(List.of(ConfigurationKind.REGULAR, ring), List.of(current.kind(), current.ringId()),
                    "a late subscriber first gets the current regular configuration");
            assertTrue(batched.batches() < batched.events().size() / 4,
                    batched.batches() + " batches for " + batched.events().size() + " events");
            assertEquals(List.of(current), configurationsOnly.events(), "DeliveryFilter.NONE: configurations only");
        }
    }
}
