package io.ringsync.cpg;

import io.ringsync.protocol.service.ServiceEnvelope;
import io.ringsync.protocol.totem.pg.PackingQueue;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The sizes CPG enforces. A group name is 1 to {@value #MAX_GROUP_NAME_BYTES} bytes of UTF-8
 * (Corosync's {@code cpg_name} holds 128 bytes). A message's payload is at most
 * {@link #MAX_MESSAGE_BYTES}: Totem's largest message (1 MiB) less the service envelope and the
 * largest CPG header, so any accepted payload fits in one Totem message.
 */
public final class CpgLimits {

    /** The longest group name, in UTF-8 bytes. */
    public static final int MAX_GROUP_NAME_BYTES = 128;

    /** Bytes of the largest CPG message header: kind, name length, name, pid. */
    public static final int MAX_HEADER_BYTES = 1 + 1 + MAX_GROUP_NAME_BYTES + Long.BYTES;

    /** The largest payload of a multicast. */
    public static final int MAX_MESSAGE_BYTES =
            PackingQueue.DEFAULT_MAX_MESSAGE_BYTES - ServiceEnvelope.HEADER_BYTES - MAX_HEADER_BYTES;

    private CpgLimits() {
    }

    /** What is wrong with {@code group} as a group name, or empty when it is a valid one. */
    public static Optional<String> groupNameProblem(String group) {
        if (group == null || group.isEmpty()) {
            return Optional.of("a group name must not be empty");
        }
        int bytes = group.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_GROUP_NAME_BYTES) {
            return Optional.of("group name of " + bytes + " bytes exceeds " + MAX_GROUP_NAME_BYTES + " bytes");
        }
        return Optional.empty();
    }

    /** Throws {@link IllegalArgumentException} naming the problem when {@code group} is not a valid name. */
    public static void checkGroupName(String group) {
        groupNameProblem(group).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }
}
