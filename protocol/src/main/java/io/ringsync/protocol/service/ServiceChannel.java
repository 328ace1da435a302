package io.ringsync.protocol.service;

import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import io.ringsync.protocol.totem.TotemEvent;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Connects one {@link ReplicatedService} to Totem's event stream and runs its sync round
 * (Corosync's sync engine, one service's part of it). Pure: it turns each {@link TotemEvent} into
 * calls on the service and returns the {@link Action}s its driver carries out (sync messages to
 * multicast through Totem's sync channel, the round's end to report to the node's sync barrier).
 *
 * <p><b>The sync round rule.</b> After each REGULAR configuration every member multicasts its
 * sync messages, then an end marker ({@link ServiceEnvelope.Kind#SYNC_END}). The round of ring R
 * is over when an end marker of ring R from every member of R has been delivered. Since that point
 * is a position in the total order, every member activates at the same point: a member that
 * activated and then multicasts an application message knows every other member activates before
 * delivering it. Each sync message carries the ring of its round ({@link ServiceEnvelope#sync}):
 * one of another round than the current one is ignored, also when Totem delivers it in the current
 * ring (its sync queue survives ring changes, so a round cut short can leave messages that arrive
 * in the next; the round is aborted at the configuration change and started again).
 *
 * <p><b>A service that comes late.</b> Totem tells a subscriber that arrives after a ring formed
 * that ring's REGULAR configuration alone, without the TRANSITIONAL one that precedes every
 * REGULAR configuration in the stream (same ring id). A service whose actor subscribed so late
 * (started after its node had already joined a ring, as a cold JVM joining a running cluster can,
 * or restarted) may have missed the other members' end markers of that ring's round, which they
 * do not send again: its round would never end, and the node's sync barrier would hold every
 * application message of the node until the next ring. So when such a configuration lists other
 * nodes, the channel still starts the round (the service refuses requests while it runs) and
 * asks for a new ring ({@link RingNeeded}), whose round every member runs with it. Alone in the
 * ring, its own end marker ends the round: nothing is asked.
 */
@PureCore
public final class ServiceChannel {

    /** What the driver must do. */
    public sealed interface Action permits MulticastSync, Synced, RingNeeded {
    }

    /** Multicast {@code payload} (already wrapped) on Totem's sync channel. */
    public record MulticastSync(byte[] payload) implements Action {
    }

    /** This service has finished the sync round of {@code ringId}: tell the node's sync barrier. */
    public record Synced(ServiceId service, RingId ringId) implements Action {
    }

    /**
     * This service came in after ring {@code ringId} formed and cannot finish its round: have
     * the node form a new ring (in a node, Totem rejoins).
     */
    public record RingNeeded(ServiceId service, RingId ringId) implements Action {
    }

    private final ReplicatedService service;
    private RingId transitionalRing;
    private RingId ring;
    private List<Integer> members = List.of();
    private final Set<Integer> ended = new HashSet<>();
    private boolean syncing;
    private long ignored;

    /** A channel for {@code service}, before any configuration. */
    public ServiceChannel(ReplicatedService service) {
        this.service = service;
    }

    /** Feeds one Totem event; the actions to carry out, in order. */
    public List<Action> onEvent(TotemEvent event) {
        if (event instanceof ConfigurationChanged change) {
            return onConfiguration(change);
        }
        return onDelivered((Delivered) event);
    }

    /** True while a sync round runs (between a REGULAR configuration and activation). */
    public boolean syncing() {
        return syncing;
    }

    /** The current regular configuration's ring, or null before the first. */
    public RingId ringId() {
        return ring;
    }

    /** Payloads skipped: not a service payload, or a sync message of another ring or after activation. */
    public long ignored() {
        return ignored;
    }

    private List<Action> onConfiguration(ConfigurationChanged change) {
        if (syncing) {
            syncing = false;
            service.syncAbort(ring);
        }
        service.onConfiguration(change.kind(), change.ringId(), change.members(), change.left(), change.joined());
        if (change.kind() != ConfigurationKind.REGULAR) {
            transitionalRing = change.ringId();
            return List.of();
        }
        boolean cameLate = !change.ringId().equals(transitionalRing) && change.members().size() > 1;
        ring = change.ringId();
        members = change.members();
        ended.clear();
        syncing = true;
        List<Action> actions = new ArrayList<>();
        for (byte[] body : service.syncInit(ring, members)) {
            actions.add(new MulticastSync(ServiceEnvelope.sync(service.serviceId(), ServiceEnvelope.Kind.SYNC, ring, body)));
        }
        actions.add(new MulticastSync(ServiceEnvelope.sync(service.serviceId(), ServiceEnvelope.Kind.SYNC_END, ring,
                new byte[0])));
        if (cameLate) {
            actions.add(new RingNeeded(service.serviceId(), ring));
        }
        return actions;
    }

    private List<Action> onDelivered(Delivered delivered) {
        Optional<ServiceEnvelope.Opened> opened = ServiceEnvelope.open(delivered.payload());
        if (opened.isEmpty() || opened.get().service() != service.serviceId()) {
            return List.of();
        }
        ServiceEnvelope.Opened message = opened.get();
        if (message.kind() == ServiceEnvelope.Kind.APP) {
            service.onDeliver(delivered.senderNodeId(), delivered.ringId(), delivered.delivery() == Delivery.SAFE,
                    message.body());
            return List.of();
        }
        Optional<ServiceEnvelope.SyncBody> sync = ServiceEnvelope.syncBody(message.body());
        if (!syncing || sync.isEmpty() || !sync.get().ringId().equals(ring)) {
            ignored++;
            return List.of();
        }
        if (message.kind() == ServiceEnvelope.Kind.SYNC) {
            service.syncProcess(delivered.senderNodeId(), sync.get().body());
            return List.of();
        }
        ended.add(delivered.senderNodeId());
        if (!ended.containsAll(members)) {
            return List.of();
        }
        syncing = false;
        service.syncActivate(ring);
        return List.of(new Synced(service.serviceId(), ring));
    }
}
