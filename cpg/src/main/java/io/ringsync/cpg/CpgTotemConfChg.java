package io.ringsync.cpg;

import io.ringsync.protocol.totem.RingId;
import java.util.List;

/**
 * The ring changed and CPG's sync round for it is over (Corosync's {@code cpg_totem_confchg_fn} of
 * model v1): the ring's id and its members, sorted. It follows the group changes the round made.
 *
 * @param ringId  the new ring
 * @param members the ring's node ids
 */
public record CpgTotemConfChg(RingId ringId, List<Integer> members) implements CpgEvent {

    /** Copies the list. */
    public CpgTotemConfChg {
        members = List.copyOf(members);
    }
}
