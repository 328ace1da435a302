package io.ringsync.cpg.core;

import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgReason;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The messages CPG orders through Totem (Corosync's PROCJOIN, PROCLEAVE, MCAST and JOINLIST exec
 * messages). The sender's node is not in them: Totem's delivery names it. {@link CpgCodec}
 * encodes and decodes them.
 */
public sealed interface CpgMessage permits CpgMessage.Join, CpgMessage.Leave, CpgMessage.Mcast, CpgMessage.JoinList {

    /** Process {@code pid} of the sending node joins {@code group}. */
    record Join(String group, long pid) implements CpgMessage {
    }

    /** Process {@code pid} of the sending node leaves {@code group}, by request (LEAVE) or gone (PROCDOWN). */
    record Leave(String group, long pid, CpgReason reason) implements CpgMessage {
    }

    /** Process {@code pid} of the sending node multicasts {@code payload} to {@code group}. */
    record Mcast(String group, long pid, byte[] payload) implements CpgMessage {

        @Override
        public boolean equals(Object o) {
            return o instanceof Mcast m && group.equals(m.group) && pid == m.pid && Arrays.equals(payload, m.payload);
        }

        @Override
        public int hashCode() {
            return Objects.hash(group, pid, Arrays.hashCode(payload));
        }

        @Override
        public String toString() {
            return "Mcast[\"" + group + "\"/" + pid + " " + payload.length + "B]";
        }
    }

    /** Sync message: (part of) the sending node's processes and their groups. */
    record JoinList(List<CpgHandle> entries) implements CpgMessage {

        /** Copies the list. */
        public JoinList {
            entries = List.copyOf(entries);
        }
    }
}
