package io.ringsync.cpg;

import java.util.Arrays;
import java.util.Objects;

/**
 * A message multicast to {@code group} by the process {@code sender}, delivered to every member of
 * the group, the sender included, at the same point of the total order on every node (Corosync's
 * {@code cpg_deliver_fn}). The payload is copied on access.
 *
 * @param group   the group
 * @param sender  the sending process
 * @param safe    true when sent with safe delivery (every node held it before anyone delivered it)
 * @param payload the message
 */
public record CpgDeliver(String group, CpgMember sender, boolean safe, byte[] payload) implements CpgEvent {

    /** Copies the payload. */
    public CpgDeliver {
        payload = payload.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload's length, without copying it. */
    public int size() {
        return payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpgDeliver d && group.equals(d.group) && sender.equals(d.sender) && safe == d.safe
                && Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(group, sender, safe, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "CpgDeliver[\"" + group + "\" from " + sender + (safe ? " safe " : " agreed ") + payload.length + "B]";
    }
}
