package io.ringsync.protocol.service;

import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.List;

/**
 * The one contract by which quorum, CPG, CKPT and CMAP plug into Totem (STYLE.md 8; Corosync's
 * service engine with its sync_init / sync_process / sync_activate / sync_abort). An
 * implementation is a pure replicated state machine: every node feeds it the same calls in the
 * same order (Totem's total order and extended virtual synchrony), so every node computes the same
 * state. It never reads a clock or does I/O; time, where a service needs it, arrives inside
 * ordered messages. A {@link ServiceChannel} makes the calls.
 *
 * <p><b>Order of calls for one ring change.</b> {@code onConfiguration(TRANSITIONAL ...)}, the old
 * ring's last {@code onDeliver}s, {@code onConfiguration(REGULAR ...)}, {@code syncInit}, then
 * {@code syncProcess} for each member's sync messages as the total order delivers them, then
 * {@code syncActivate} once every member of the regular configuration has ended its sync
 * messages, and only then {@code onDeliver} of the new ring's application messages (Totem holds
 * them back until every service of the node has activated). A configuration change before
 * activation calls {@code syncAbort} first and the round starts again with the new ring.
 */
public interface ReplicatedService {

    /** This service's id: the first byte of each of its payloads. */
    ServiceId serviceId();

    /** A configuration change, in the EVS order (TRANSITIONAL then REGULAR). Lists are sorted. */
    void onConfiguration(ConfigurationKind kind, RingId ringId, List<Integer> members, List<Integer> left,
                         List<Integer> joined);

    /**
     * The sync round of {@code ringId} begins: the bodies of this node's sync messages, in order
     * (empty when it has nothing to tell). The channel sends them, then the end marker.
     */
    List<byte[]> syncInit(RingId ringId, List<Integer> members);

    /** One sync message of the current round from {@code senderNodeId}, in the total order. */
    void syncProcess(int senderNodeId, byte[] body);

    /** Every member's sync messages have been processed: the service's state is the merged one. */
    void syncActivate(RingId ringId);

    /** The round of {@code ringId} was cut short by another configuration change. */
    void syncAbort(RingId ringId);

    /**
     * An application message of this service from {@code senderNodeId} in ring {@code ringId},
     * in the total order; {@code safe} when it was sent with safe delivery.
     */
    void onDeliver(int senderNodeId, RingId ringId, boolean safe, byte[] body);
}
