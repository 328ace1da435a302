package io.ringsync.quorum;

import io.ringsync.protocol.service.ServiceChannel;
import io.ringsync.protocol.service.ServiceEnvelope;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Test driver: {@link VoteQuorum} cores behind real {@link ServiceChannel}s, fed the events Totem
 * would give them. {@link #ring} forms a partition (a REGULAR configuration, every member's sync
 * messages delivered to every member in one total order); {@link #send} delivers an application
 * message to the sender's partition. Cores are kept when they leave a ring, as a process that
 * lives on alone; {@link #restart} gives a node a fresh core.
 */
final class SimulatedQuorum {

    private final IntFunction<VoteQuorum> factory;
    private final Map<Integer, VoteQuorum> cores = new TreeMap<>();
    private final Map<Integer, ServiceChannel> channels = new TreeMap<>();
    private final Map<Integer, List<Integer>> partitionOf = new TreeMap<>();
    private final Map<Integer, RingId> ringOf = new TreeMap<>();
    private final Map<Integer, List<QuorumEffect>> effects = new TreeMap<>();
    private long ringSeq;
    private long seq;

    /** Nodes {@code ids}, each with the core {@code factory} makes for it. */
    SimulatedQuorum(List<Integer> ids, IntFunction<VoteQuorum> factory) {
        this.factory = factory;
        ids.forEach(this::restart);
    }

    /** Node {@code id} starts again with a fresh core (its process restarted), alone. */
    void restart(int id) {
        VoteQuorum core = factory.apply(id);
        cores.put(id, core);
        channels.put(id, new ServiceChannel(core));
        partitionOf.put(id, List.of(id));
        effects.put(id, new ArrayList<>());
        drain(id);
    }

    /** The nodes {@code members} form a new ring; its sync round runs to its end on each. */
    RingId ring(Integer... members) {
        List<Integer> ids = List.of(members).stream().sorted().toList();
        ringSeq += 4;
        RingId ring = new RingId(ids.get(0), ringSeq);
        List<byte[]> order = new ArrayList<>();
        List<Integer> senders = new ArrayList<>();
        for (int id : ids) {
            List<Integer> before = partitionOf.get(id);
            ConfigurationChanged change = new ConfigurationChanged(ConfigurationKind.REGULAR, ring, ids,
                    before.stream().filter(m -> !ids.contains(m)).toList(),
                    ids.stream().filter(m -> !before.contains(m)).toList());
            for (ServiceChannel.Action action : channels.get(id).onEvent(change)) {
                if (action instanceof ServiceChannel.MulticastSync sync) {
                    order.add(sync.payload());
                    senders.add(id);
                }
            }
            partitionOf.put(id, ids);
            ringOf.put(id, ring);
        }
        for (int i = 0; i < order.size(); i++) {
            deliver(ids, senders.get(i), ring, order.get(i));
        }
        ids.forEach(this::drain);
        return ring;
    }

    /** {@code sender} multicasts {@code message}; its partition delivers it. */
    void send(int sender, QuorumMessage message) {
        List<Integer> ids = partitionOf.get(sender);
        deliver(ids, sender, ringOf.get(sender), ServiceEnvelope.app(ServiceId.QUORUM, QuorumCodec.encode(message)));
        ids.forEach(this::drain);
    }

    VoteQuorum core(int id) {
        return cores.get(id);
    }

    QuorumStatus status(int id) {
        return cores.get(id).status();
    }

    /** Effects node {@code id}'s core produced so far, taken. */
    List<QuorumEffect> effects(int id) {
        List<QuorumEffect> taken = List.copyOf(effects.get(id));
        effects.get(id).clear();
        return taken;
    }

    /** The ring node {@code id} is in. */
    RingId ringOf(int id) {
        return ringOf.get(id);
    }

    private void deliver(List<Integer> ids, int sender, RingId ring, byte[] payload) {
        Delivered delivered = new Delivered(sender, ring, ++seq, Delivery.AGREED, payload);
        for (int id : ids) {
            channels.get(id).onEvent(delivered);
        }
    }

    private void drain(int id) {
        effects.get(id).addAll(cores.get(id).takeEffects());
    }
}
