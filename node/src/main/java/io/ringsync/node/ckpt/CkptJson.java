package io.ringsync.node.ckpt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringsync.ckpt.store.CheckpointView;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.SectionDump;
import io.ringsync.ckpt.store.Times;
import io.ringsync.node.Json;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON of the checkpoint service's IPC replies, which {@code ringsync ckpt list|dump --json}
 * print as they are: times in nanoseconds since the epoch, null for never
 * ({@code SA_TIME_END}); section ids as text when printable, with their hex beside.
 */
public final class CkptJson {

    private CkptJson() {
    }

    /** A checkpoint: id, name, attributes, state, sizes and openers per node id. */
    public static ObjectNode checkpoint(CheckpointView view) {
        ObjectNode node = Json.object().put("id", view.id().toString()).put("name", view.name())
                .put("unlinked", view.unlinked());
        node.set("attributes", attributes(view.attributes()));
        node.put("activeReplicaNode", view.activeReplicaNode()).put("sections", view.sections())
                .put("bytesUsed", view.bytesUsed());
        ObjectNode openers = node.putObject("openers");
        view.openers().forEach((nodeId, count) -> openers.put(Integer.toString(nodeId), count));
        time(node, "retentionDeadlineNs", view.retentionDeadlineNs());
        return node;
    }

    /** Creation attributes, with the flag bits and their names. */
    public static ObjectNode attributes(CreationAttributes a) {
        ObjectNode node = Json.object().put("creationFlags", a.creationFlags()).put("policy", policy(a))
                .put("collocated", a.collocated()).put("checkpointSize", a.checkpointSize());
        time(node, "retentionDurationNs", a.retentionDurationNs());
        return node.put("maxSections", a.maxSections()).put("maxSectionSize", a.maxSectionSize())
                .put("maxSectionIdSize", a.maxSectionIdSize());
    }

    /** Sections with id, size, expiration and digest. */
    public static ArrayNode sections(List<SectionDump> sections) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (SectionDump section : sections) {
            ObjectNode node = array.addObject().put("id", section.descriptor().sectionId().display())
                    .put("idHex", HexFormat.of().formatHex(section.descriptor().sectionId().bytes()))
                    .put("size", section.descriptor().size());
            time(node, "expirationNs", section.descriptor().expirationNs());
            node.put("digest", section.digest());
        }
        return array;
    }

    /** The write policy's name: all-replicas, active-replica or active-replica-weak. */
    public static String policy(CreationAttributes a) {
        if (a.allReplicas()) {
            return "all-replicas";
        }
        return (a.creationFlags() & CreationAttributes.WR_ACTIVE_REPLICA) != 0 ? "active-replica" : "active-replica-weak";
    }

    private static void time(ObjectNode node, String field, long ns) {
        if (ns == Times.END) {
            node.putNull(field);
        } else {
            node.put(field, ns);
        }
    }
}
