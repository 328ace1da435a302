package io.ringsync.node.service;

import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.ckpt.CkptNodeService;
import io.ringsync.node.cpg.CpgNodeService;
import io.ringsync.node.cmap.CmapNodeService;
import io.ringsync.quorum.QuorumDevice;
import java.util.List;
import java.util.Optional;

/**
 * The replicated services a node runs, in start order (CMAP after quorum, whose status it shows).
 * Each module adds its service here; a node with none runs Totem without the sync hook.
 */
public final class NodeServices {

    private NodeServices() {
    }

    /** The services of a node with {@code settings}. */
    public static List<NodeService<?>> standard(RingsyncSettings settings) {
        return standard(settings, Optional.empty());
    }

    /** The services of a node with {@code settings} whose configured quorum device decides through {@code arbiter}. */
    public static List<NodeService<?>> standard(RingsyncSettings settings, Optional<QuorumDevice> arbiter) {
        return List.of(QuorumNodeService.of(settings, arbiter), CpgNodeService.create(settings),
                CkptNodeService.create(settings), CmapNodeService.create(settings));
    }
}
