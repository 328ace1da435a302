package io.ringsync.node.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.node.cmap.CmapNodes;
import io.ringsync.protocol.totem.TotemStats;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JMX beans of running nodes, read as jconsole reads them: through the platform MBeanServer,
 * by name and attribute. They show what the node's own sources report, and go when the node stops.
 */
class NodeMBeansTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    Path dir;

    @AutoClose
    private CmapNodes cluster;

    private static Object attribute(String type, int node, String name) throws Exception {
        return SERVER.getAttribute(NodeMBeans.name(type, node), name);
    }

    private static Set<ObjectName> beansOf(int node) throws Exception {
        return SERVER.queryNames(new ObjectName(NodeMBeans.DOMAIN + ":node=" + node + ",*"), null);
    }

    @Test
    void everyServiceHasABeanReadingTheNodesOwnSourcesUntilTheNodeStops() throws Exception {
        cluster = new CmapNodes(dir, 2).startAll();
        for (String type : new String[] {"Totem", "Links", "Quorum", "Cpg", "Ckpt"}) {
            assertTrue(SERVER.isRegistered(NodeMBeans.name(type, 1)), type + " of node 1");
            assertTrue(SERVER.isRegistered(NodeMBeans.name(type, 2)), type + " of node 2");
        }
        CmapNodes.await("a ring of both nodes in node 1's Totem bean",
                () -> Arrays.equals(new int[] {1, 2}, (int[]) attribute("Totem", 1, "Members"))
                        && "operational".equals(attribute("Totem", 1, "State")));
        CmapNodes.await("quorum in node 1's Quorum bean", () -> (Boolean) attribute("Quorum", 1, "Quorate"));
        CmapNodes.await("node 1's link to node 2 up in its Links bean",
                () -> (Integer) attribute("Links", 1, "LinksUp") == 1);

        TotemStats stats = cluster.node(1).totemStats().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(stats.srp().ring().ringId().toString(), attribute("Totem", 1, "RingId"));
        TabularData counters = (TabularData) attribute("Totem", 1, "Counters");
        CompositeData formed = counters.get(new Object[] {"rings_formed"});
        assertTrue((Long) formed.get("value") >= 1, "the stats.srp.rings_formed counter: " + formed);
        assertEquals(2, attribute("Quorum", 1, "TotalVotes"));
        assertEquals(2, ((int[]) attribute("Quorum", 2, "Members")).length);
        String[] links = (String[]) attribute("Links", 1, "Links");
        assertTrue(links.length == 1 && links[0].startsWith("node 2 link 0 ") && links[0].contains(": connected"),
                Arrays.toString(links));
        assertTrue(((TabularData) attribute("Links", 1, "TransportCounters")).size() > 0);
        assertEquals(0, attribute("Cpg", 1, "LocalProcesses"));
        assertEquals(0, attribute("Ckpt", 1, "Checkpoints"));

        cluster.node(2).close();
        assertTrue(cluster.node(2).awaitTermination(Duration.ofSeconds(60)));
        CmapNodes.await("node 2's beans unregistered", () -> beansOf(2).isEmpty());
        assertEquals(5, beansOf(1).size(), "node 1's beans stay while it runs");
        cluster.node(1).close();
        assertTrue(cluster.node(1).awaitTermination(Duration.ofSeconds(60)));
        CmapNodes.await("node 1's beans unregistered", () -> beansOf(1).isEmpty());
    }
}
