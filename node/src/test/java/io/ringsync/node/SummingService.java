package io.ringsync.node;

import io.ringsync.protocol.service.ReplicatedService;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Test service: a replicated sum. Application messages add a number; in the sync round every
 * member tells its sum and the largest wins, so a member that lost its state (0) gets it back.
 */
final class SummingService implements ReplicatedService {

    private long sum;
    private long syncedMax;
    private RingId activeRing;

    long sum() {
        return sum;
    }

    RingId activeRing() {
        return activeRing;
    }

    static byte[] encode(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    @Override
    public ServiceId serviceId() {
        return ServiceId.TEST;
    }

    @Override
    public void onConfiguration(ConfigurationKind kind, RingId ringId, List<Integer> members, List<Integer> left,
                                List<Integer> joined) {
        activeRing = null;
    }

    @Override
    public List<byte[]> syncInit(RingId ringId, List<Integer> members) {
        syncedMax = sum;
        return List.of(encode(sum));
    }

    @Override
    public void syncProcess(int senderNodeId, byte[] body) {
        syncedMax = Math.max(syncedMax, ByteBuffer.wrap(body).getLong());
    }

    @Override
    public void syncActivate(RingId ringId) {
        sum = syncedMax;
        activeRing = ringId;
    }

    @Override
    public void syncAbort(RingId ringId) {
        syncedMax = sum;
    }

    @Override
    public void onDeliver(int senderNodeId, RingId ringId, boolean safe, byte[] body) {
        sum += ByteBuffer.wrap(body).getLong();
    }
}
