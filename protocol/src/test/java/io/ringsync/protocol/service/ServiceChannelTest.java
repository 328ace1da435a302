package io.ringsync.protocol.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sync round rule of {@link ServiceChannel}, on scripted Totem events. */
class ServiceChannelTest {

    private static final RingId RING_1 = new RingId(1, 4);
    private static final RingId RING_2 = new RingId(1, 8);

    /** Records every call as a line. */
    private static final class RecordingService implements ReplicatedService {
        final List<String> calls = new ArrayList<>();

        @Override
        public ServiceId serviceId() {
            return ServiceId.TEST;
        }

        @Override
        public void onConfiguration(ConfigurationKind kind, RingId ringId, List<Integer> members, List<Integer> left,
                                    List<Integer> joined) {
            calls.add(kind + " " + ringId + " " + members);
        }

        @Override
        public List<byte[]> syncInit(RingId ringId, List<Integer> members) {
            calls.add("init " + ringId);
            return List.of(bytes("state"));
        }

        @Override
        public void syncProcess(int senderNodeId, byte[] body) {
            calls.add("process " + senderNodeId + " " + new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public void syncActivate(RingId ringId) {
            calls.add("activate " + ringId);
        }

        @Override
        public void syncAbort(RingId ringId) {
            calls.add("abort " + ringId);
        }

        @Override
        public void onDeliver(int senderNodeId, RingId ringId, boolean safe, byte[] body) {
            calls.add("deliver " + senderNodeId + (safe ? " safe " : " agreed ") + new String(body, StandardCharsets.UTF_8));
        }
    }

    private final RecordingService service = new RecordingService();
    private final ServiceChannel channel = new ServiceChannel(service);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ConfigurationChanged regular(RingId ring, List<Integer> members) {
        return new ConfigurationChanged(ConfigurationKind.REGULAR, ring, members, List.of(), List.of());
    }

    private static Delivered delivered(int sender, RingId ring, ServiceId id, ServiceEnvelope.Kind kind, String body) {
        return delivered(sender, ring, ring, id, kind, body);
    }

    /** Delivered in {@code ring}, sent (when a sync message) for the round of {@code round}. */
    private static Delivered delivered(int sender, RingId ring, RingId round, ServiceId id, ServiceEnvelope.Kind kind,
                                       String body) {
        byte[] payload = kind == ServiceEnvelope.Kind.APP ? ServiceEnvelope.app(id, bytes(body))
                : ServiceEnvelope.sync(id, kind, round, bytes(body));
        return new Delivered(sender, ring, 1, Delivery.AGREED, payload);
    }

    private static ConfigurationChanged transitional(RingId ring, List<Integer> members) {
        return new ConfigurationChanged(ConfigurationKind.TRANSITIONAL, ring, members, List.of(), List.of());
    }

    @Test
    void aRegularConfigurationSendsTheSyncMessagesThenTheEndMarker() {
        assertEquals(List.of(), channel.onEvent(transitional(RING_1, List.of(1))));
        List<ServiceChannel.Action> actions = channel.onEvent(regular(RING_1, List.of(1, 2)));
        assertEquals(2, actions.size());
        ServiceEnvelope.Opened first = ServiceEnvelope.open(((ServiceChannel.MulticastSync) actions.get(0)).payload()).orElseThrow();
        ServiceEnvelope.Opened second = ServiceEnvelope.open(((ServiceChannel.MulticastSync) actions.get(1)).payload()).orElseThrow();
        assertEquals(ServiceEnvelope.Kind.SYNC, first.kind());
        ServiceEnvelope.SyncBody body = ServiceEnvelope.syncBody(first.body()).orElseThrow();
        assertEquals(RING_1, body.ringId());
        assertEquals("state", new String(body.body(), StandardCharsets.UTF_8));
        assertEquals(ServiceEnvelope.Kind.SYNC_END, second.kind());
        assertTrue(channel.syncing());
    }

    @Test
    void aServiceThatCameAfterARingOfOthersFormedStartsTheRoundAndAsksForANewRing() {
        List<ServiceChannel.Action> actions = channel.onEvent(regular(RING_1, List.of(1, 2)));
        assertEquals(3, actions.size());
        assertInstanceOf(ServiceChannel.MulticastSync.class, actions.get(0));
        assertEquals(new ServiceChannel.RingNeeded(ServiceId.TEST, RING_1), actions.get(2));
        assertTrue(channel.syncing(), "the service refuses requests until a round ends");

        channel.onEvent(transitional(RING_2, List.of(1)));
        List<ServiceChannel.Action> next = channel.onEvent(regular(RING_2, List.of(1, 2)));
        assertEquals(2, next.size(), "a ring seen from its transitional configuration on asks nothing: " + next);
        assertEquals(List.of(new ServiceChannel.Synced(ServiceId.TEST, RING_2)), endRound(RING_2, 1, 2));
    }

    @Test
    void aServiceThatCameAfterARingOfItsNodeAloneFormedFinishesTheRoundAlone() {
        List<ServiceChannel.Action> actions = channel.onEvent(regular(RING_1, List.of(1)));
        assertEquals(2, actions.size(), "its own end marker ends the round: " + actions);
        assertEquals(List.of(new ServiceChannel.Synced(ServiceId.TEST, RING_1)), endRound(RING_1, 1));
    }

    /** Delivers the end markers of {@code senders} in {@code ring}; the actions of the last. */
    private List<ServiceChannel.Action> endRound(RingId ring, int... senders) {
        List<ServiceChannel.Action> last = List.of();
        for (int sender : senders) {
            last = channel.onEvent(delivered(sender, ring, ServiceId.TEST, ServiceEnvelope.Kind.SYNC_END, ""));
        }
        return last;
    }

    @Test
    void theRoundEndsWhenEveryMemberHasEnded() {
        channel.onEvent(regular(RING_1, List.of(1, 2)));
        channel.onEvent(delivered(2, RING_1, ServiceId.TEST, ServiceEnvelope.Kind.SYNC, "b"));
        assertEquals(List.of(), channel.onEvent(delivered(2, RING_1, ServiceId.TEST, ServiceEnvelope.Kind.SYNC_END, "")));
        channel.onEvent(delivered(1, RING_1, ServiceId.TEST, ServiceEnvelope.Kind.SYNC, "a"));
        List<ServiceChannel.Action> last = channel.onEvent(delivered(1, RING_1, ServiceId.TEST, ServiceEnvelope.Kind.SYNC_END, ""));
        assertEquals(List.of(new ServiceChannel.Synced(ServiceId.TEST, RING_1)), last);
        assertFalse(channel.syncing());
        channel.onEvent(delivered(2, RING_1, ServiceId.TEST, ServiceEnvelope.Kind.APP, "hello"));
        assertEquals(List.of("REGULAR 1.4 [1, 2]", "init 1.4", "process 2 b", "process 1 a", "activate 1.4",
                "deliver 2 agreed hello"), service.calls);
    }

    @Test
    void aChangeBeforeActivationAbortsAndTheNewRoundIgnoresTheOldRingsSyncMessages() {
        channel.onEvent(regular(RING_1, List.of(1, 2)));
        channel.onEvent(new ConfigurationChanged(ConfigurationKind.TRANSITIONAL, RING_2, List.of(1), List.of(2), List.of()));
        channel.onEvent(delivered(2, RING_1, ServiceId.TEST, ServiceEnvelope.Kind.SYNC_END, ""));
        List<ServiceChannel.Action> actions = channel.onEvent(regular(RING_2, List.of(1)));
        assertInstanceOf(ServiceChannel.MulticastSync.class, actions.get(0));
        channel.onEvent(delivered(1, RING_1, ServiceId.TEST, ServiceEnvelope.Kind.SYNC_END, ""));
        assertTrue(channel.syncing(), "an end marker of the old ring does not end the new round");
        assertEquals(List.of(new ServiceChannel.Synced(ServiceId.TEST, RING_2)),
                channel.onEvent(delivered(1, RING_2, ServiceId.TEST, ServiceEnvelope.Kind.SYNC_END, "")));
        assertEquals(2, channel.ignored());
        assertTrue(service.calls.contains("abort 1.4"));
    }

    @Test
    void aSyncMessageOfAnAbortedRoundDeliveredInTheNextRingIsIgnored() {
        channel.onEvent(regular(RING_1, List.of(1, 2)));
        channel.onEvent(regular(RING_2, List.of(1)));
        assertEquals(List.of(), channel.onEvent(delivered(1, RING_2, RING_1, ServiceId.TEST, ServiceEnvelope.Kind.SYNC, "old")));
        assertEquals(List.of(), channel.onEvent(delivered(1, RING_2, RING_1, ServiceId.TEST, ServiceEnvelope.Kind.SYNC_END, "")));
        assertTrue(channel.syncing(), "the old round's end marker does not end the new round");
        assertEquals(List.of(new ServiceChannel.Synced(ServiceId.TEST, RING_2)),
                channel.onEvent(delivered(1, RING_2, ServiceId.TEST, ServiceEnvelope.Kind.SYNC_END, "")));
        assertFalse(service.calls.contains("process 1 old"));
    }

    @Test
    void otherServicesAndForeignPayloadsAreSkipped() {
        channel.onEvent(regular(RING_1, List.of(1)));
        channel.onEvent(delivered(1, RING_1, ServiceId.CPG, ServiceEnvelope.Kind.SYNC_END, ""));
        channel.onEvent(new Delivered(1, RING_1, 2, Delivery.SAFE, new byte[] {(byte) 99, 0, 1}));
        channel.onEvent(new Delivered(1, RING_1, 2, Delivery.SAFE, new byte[] {ServiceId.TEST.code(), 9}));
        channel.onEvent(new Delivered(1, RING_1, 2, Delivery.SAFE, new byte[0]));
        assertTrue(channel.syncing());
        assertEquals(List.of("REGULAR 1.4 [1]", "init 1.4"), service.calls);
    }
}
