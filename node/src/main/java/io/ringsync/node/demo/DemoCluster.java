package io.ringsync.node.demo;

import io.ringsync.config.ClusterConfigGenerator;
import io.ringsync.config.ConfigLoader;
import io.ringsync.config.InvalidConfigException;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.FileModes;
import io.ringsync.node.FreePorts;
import io.ringsync.node.RingsyncNode;
import io.ringsync.protocol.link.LinkStatus;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local cluster of N nodes in this JVM on 127.0.0.1..N: configs generated into a temporary
 * directory (unique cluster name, a free port, run directories under /dev/shm when it is
 * there), removed again by {@link #close()}.
 */
public final class DemoCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoCluster.class);
    private static final Path SHM = Path.of("/dev/shm");

    private final Path dir;
    private final List<RingsyncSettings> settings;
    private final List<RingsyncNode> nodes = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoCluster(Path dir, List<RingsyncSettings> settings) {
        this.dir = dir;
        this.settings = settings;
    }

    /** Generates the configs of an {@code n}-node cluster; nothing runs yet. */
    public static DemoCluster create(int n) throws IOException, InvalidConfigException {
        Path dir = Files.createTempDirectory("ringsync-demo-");
        try {
            String name = "demo-" + UUID.randomUUID().toString().substring(0, 8);
            Path runParent = Files.isDirectory(SHM) && Files.isWritable(SHM) ? SHM : dir;
            int port = FreePorts.udpPortFreeOnAll(FreePorts.loopbackAddresses(n));
            ClusterConfigGenerator.Request request = new ClusterConfigGenerator.Request(name, n, List.of(), port,
                    dir, Optional.of(runParent));
            List<RingsyncSettings> settings = new ArrayList<>();
            for (Path file : new ClusterConfigGenerator().write(request)) {
                settings.add(ConfigLoader.load(file));
            }
            return new DemoCluster(dir, settings);
        } catch (InvalidConfigException | RuntimeException e) {
            FileModes.deleteRecursively(dir);
            throw e;
        }
    }

    /** The settings of every node, node 1 first. */
    public List<RingsyncSettings> settings() {
        return settings;
    }

    /**
     * Starts every node; {@code links} gets ("node2", event) for every link change, {@code totem}
     * ("node2", event) for every Totem event (configuration changes and deliveries).
     */
    public synchronized void start(BiConsumer<String, LinkStatus> links, BiConsumer<String, TotemEvent> totem)
            throws IOException {
        for (RingsyncSettings s : settings) {
            RingsyncNode node = RingsyncNode.start(s);
            nodes.add(node);
            String label = "node" + s.nodeId();
            node.subscribeLinkEvents(status -> links.accept(label, status));
            node.subscribeTotemEvents(event -> totem.accept(label, event));
        }
    }

    /** The running nodes. */
    public synchronized List<RingsyncNode> nodes() {
        return List.copyOf(nodes);
    }

    /**
     * Stops every node (in parallel, each leaving the ring first, within its shutdown timeout)
     * and deletes the directory. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        nodes().parallelStream().forEach(RingsyncNode::close);
        try {
            FileModes.deleteRecursively(dir);
        } catch (IOException e) {
            log.warn("could not delete the demo directory {}: {}", dir, e.getMessage());
        }
    }
}
