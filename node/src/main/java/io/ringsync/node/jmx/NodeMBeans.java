package io.ringsync.node.jmx;

import akka.actor.typed.javadsl.AskPattern;
import io.ringsync.ckpt.Ckpt;
import io.ringsync.ckpt.store.CheckpointView;
import io.ringsync.cpg.Cpg;
import io.ringsync.cpg.CpgActor;
import io.ringsync.cpg.CpgStatus;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.ckpt.CkptNodeService;
import io.ringsync.node.cli.StatusFormatter;
import io.ringsync.node.cmap.StatsKeys;
import io.ringsync.node.cpg.CpgNodeService;
import io.ringsync.node.service.QuorumNodeService;
import io.ringsync.protocol.link.LinkStatus;
import io.ringsync.protocol.link.LinkStatusReport;
import io.ringsync.protocol.totem.TotemStats;
import io.ringsync.quorum.Quorum;
import io.ringsync.quorum.QuorumStatus;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's runtime statistics as JMX MXBeans on the platform MBeanServer, for jconsole,
 * VisualVM or {@code jcmd}: {@code io.ringsync:type=Totem|Links|Quorum|Cpg|Ckpt,node=<id>} (the
 * last three when the node runs the service). Every attribute is read, when asked for, from the
 * same place cmap and the status tools read it (Totem's stats, the link monitor's report, each
 * service's status): JMX keeps no numbers of its own. An attribute whose source does not answer
 * within {@link #READ_TIMEOUT_MS} ms fails with a one-line reason.
 *
 * <p>Registered when the node has started, unregistered when it stops ({@link #close}). A node of
 * the same id started in the same JVM before the last one's beans are gone takes the names over;
 * the older node's close then leaves them alone.
 */
public final class NodeMBeans implements AutoCloseable {

    /** The JMX domain. */
    public static final String DOMAIN = "io.ringsync";

    /** How long an attribute read waits for its source. */
    static final long READ_TIMEOUT_MS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(NodeMBeans.class);

    /** Which bean holds each name, so that a node unregisters only its own. */
    private static final Map<ObjectName, Object> OWNERS = new ConcurrentHashMap<>();

    private final MBeanServer server;
    private final Map<ObjectName, Object> registered = new TreeMap<>();

    private NodeMBeans(MBeanServer server) {
        this.server = server;
    }

    /** Registers the beans of {@code node} on the platform MBeanServer; a failure is logged, never thrown. */
    public static NodeMBeans register(RingsyncNode node) {
        NodeMBeans beans = new NodeMBeans(ManagementFactory.getPlatformMBeanServer());
        int id = node.settings().nodeId();
        beans.add("Totem", id, new TotemBean(node), TotemMXBean.class);
        beans.add("Links", id, new LinksBean(node), LinksMXBean.class);
        QuorumNodeService.api(node).ifPresent(quorum -> beans.add("Quorum", id, new QuorumBean(quorum),
                QuorumMXBean.class));
        CpgNodeService.actor(node).ifPresent(actor -> beans.add("Cpg", id, new CpgBean(() ->
                AskPattern.ask(actor, CpgActor.GetStatus::new, Cpg.DEFAULT_TIMEOUT, node.system().scheduler())),
                CpgMXBean.class));
        CkptNodeService.api(node).ifPresent(ckpt -> beans.add("Ckpt", id, new CkptBean(ckpt), CkptMXBean.class));
        return beans;
    }

    /** {@code io.ringsync:type=<type>,node=<nodeId>}. */
    public static ObjectName name(String type, int nodeId) {
        try {
            return new ObjectName(DOMAIN + ":type=" + type + ",node=" + nodeId);
        } catch (JMException e) {
            throw new IllegalArgumentException("bad MBean name for type " + type, e);
        }
    }

    private <T> void add(String type, int nodeId, T bean, Class<T> mxbean) {
        ObjectName name = name(type, nodeId);
        try {
            StandardMBean standard = new StandardMBean(bean, mxbean, true);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(standard, name);
            OWNERS.put(name, standard);
            registered.put(name, standard);
        } catch (JMException e) {
            LOG.warn("node {}: JMX bean {} not registered: {}", nodeId, name, e.getMessage());
        }
    }

    /** The names this node registered. */
    public List<ObjectName> names() {
        return List.copyOf(registered.keySet());
    }

    /** Unregisters the beans this node still owns. */
    @Override
    public synchronized void close() {
        registered.forEach((name, bean) -> {
            if (OWNERS.remove(name, bean)) {
                try {
                    server.unregisterMBean(name);
                } catch (JMException e) {
                    LOG.debug("JMX bean {} already gone: {}", name, e.getMessage());
                }
            }
        });
        registered.clear();
    }

    /** The value of {@code stage}, or an {@link IllegalStateException} naming {@code what} when it fails or is late. */
    static <T> T read(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not answer within " + READ_TIMEOUT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted");
        }
    }

    private static int[] ints(List<Integer> ids) {
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Totem through {@link RingsyncNode#totemStats}, as cmap's {@code stats.srp.*}. */
    private record TotemBean(RingsyncNode node) implements TotemMXBean {

        private TotemStats stats() {
            return read(node.totemStats(), "Totem's stats");
        }

        @Override
        public String getRingId() {
            return stats().srp().ring().ringId().toString();
        }

        @Override
        public String getState() {
            return stats().srp().state().name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public int[] getMembers() {
            return ints(stats().srp().ring().members());
        }

        @Override
        public Map<String, Long> getCounters() {
            Map<String, Long> counters = new TreeMap<>();
            StatsKeys.of(stats()).forEach((key, value) -> {
                if (value.type().integer()) {
                    counters.put(key.substring(StatsKeys.PREFIX.length()), value.asLong());
                }
            });
            return counters;
        }
    }

    /** The link monitor's report, as {@code ringsync cfg status}. */
    private record LinksBean(RingsyncNode node) implements LinksMXBean {

        private LinkStatusReport report() {
            return read(node.linkStatus(), "the link monitor");
        }

        @Override
        public String[] getLinks() {
            List<String> lines = new ArrayList<>();
            for (LinkStatus link : report().links()) {
                if (!link.local()) {
                    lines.add("node " + link.nodeId() + " link " + link.linkNumber() + " " + link.localAddress()
                            + " -> " + link.remoteAddress() + ": " + StatusFormatter.describe(link));
                }
            }
            return lines.toArray(String[]::new);
        }

        @Override
        public int getLinksUp() {
            return (int) report().links().stream().filter(l -> !l.local() && l.up()).count();
        }

        @Override
        public int getLinksDown() {
            return (int) report().links().stream().filter(l -> !l.local() && !l.up()).count();
        }

        @Override
        public Map<String, Long> getTransportCounters() {
            return new TreeMap<>(report().transportCounters());
        }
    }

    /** The quorum service's status, as {@code ringsync quorum status}. */
    private record QuorumBean(Quorum quorum) implements QuorumMXBean {

        private QuorumStatus status() {
            return read(quorum.status(), "the quorum service");
        }

        @Override
        public boolean isQuorate() {
            return status().quorate();
        }

        @Override
        public int getExpectedVotes() {
            return status().expectedVotes();
        }

        @Override
        public int getHighestExpected() {
            return status().highestExpected();
        }

        @Override
        public int getTotalVotes() {
            return status().totalVotes();
        }

        @Override
        public int getQuorum() {
            return status().quorum();
        }

        @Override
        public int[] getMembers() {
            return ints(status().members().stream().map(QuorumStatus.Member::nodeId).toList());
        }

        @Override
        public String[] getFlags() {
            return status().flags().stream().map(Enum::name).sorted().toArray(String[]::new);
        }
    }

    /** The CPG service's status, as IPC {@code cpg.status}. */
    private record CpgBean(Supplier<CompletionStage<CpgStatus>> ask) implements CpgMXBean {

        private CpgStatus status() {
            return read(ask.get(), "the CPG service");
        }

        @Override
        public String getRingId() {
            return status().ringId().map(Object::toString).orElse("");
        }

        @Override
        public boolean isSyncing() {
            return status().syncing();
        }

        @Override
        public int getGroups() {
            return status().groups();
        }

        @Override
        public int getLocalProcesses() {
            return status().localProcesses();
        }

        @Override
        public long getDroppedMcasts() {
            return status().droppedMcasts();
        }

        @Override
        public long getIgnored() {
            return status().ignored();
        }

        @Override
        public long getRefusedByTotem() {
            return status().refusedByTotem();
        }
    }

    /** The checkpoint service's list, as {@code ringsync ckpt list}. */
    private record CkptBean(Ckpt ckpt) implements CkptMXBean {

        private List<CheckpointView> list() {
            return read(ckpt.list(), "the checkpoint service");
        }

        @Override
        public int getCheckpoints() {
            return list().size();
        }

        @Override
        public String[] getCheckpointNames() {
            return list().stream().map(CheckpointView::name).toArray(String[]::new);
        }

        @Override
        public long getSections() {
            return list().stream().mapToLong(CheckpointView::sections).sum();
        }

        @Override
        public long getBytesUsed() {
            return list().stream().mapToLong(CheckpointView::bytesUsed).sum();
        }
    }
}
