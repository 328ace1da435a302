package io.ringsync.node.cmap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import io.ringsync.config.ConfigLoader;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.TestClusters;
import io.ringsync.node.cli.CliRun;
import io.ringsync.protocol.service.ServiceId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Test support: a local cluster of real nodes, their CMAP API, the CLI run against them, and a polling wait. */
public final class CmapNodes implements AutoCloseable {

    static final long DEADLINE_MS = 90_000;

    final List<Path> files;
    final List<RingsyncNode> nodes = new ArrayList<>();
    private final CliRun cli = new CliRun();

    /** Config files of {@code count} nodes in {@code dir}, none started. */
    public CmapNodes(Path dir, int count) {
        this.files = TestClusters.write(dir, count);
    }

    /** Starts every node. */
    public CmapNodes startAll() throws Exception {
        return startFirst(files.size());
    }

    /** Starts the next {@code count} nodes not started yet, in id order. */
    CmapNodes startFirst(int count) throws Exception {
        int from = nodes.size();
        for (Path file : files.subList(from, from + count)) {
            nodes.add(RingsyncNode.start(ConfigLoader.load(file)));
        }
        return this;
    }

    /** Starts node {@code id} again, in place of its stopped instance. */
    void restart(int id) throws Exception {
        nodes.set(id - 1, RingsyncNode.start(ConfigLoader.load(files.get(id - 1))));
    }

    public RingsyncNode node(int id) {
        return nodes.get(id - 1);
    }

    String conf(int id) {
        return files.get(id - 1).toString();
    }

    @SuppressWarnings("unchecked")
    Cmap cmap(int id) {
        RingsyncNode node = node(id);
        return new Cmap((ActorRef<CmapActor.Command>) node.service(ServiceId.CMAP).orElseThrow(), node.system().scheduler(),
                Duration.ofSeconds(10));
    }

    /** Runs the CLI; its exit code, the output in {@link #out()} and {@link #err()}. */
    int cli(String... args) {
        return cli.run(args);
    }

    String out() {
        return cli.out();
    }

    String err() {
        return cli.err();
    }

    /** The value text of {@code key} on node {@code id}, or "" when it has none. */
    String value(int id, String key) throws Exception {
        try {
            return cmap(id).get(key).toCompletableFuture().get(15, TimeUnit.SECONDS).text();
        } catch (java.util.concurrent.ExecutionException e) {
            return "";
        }
    }

    /** Polls {@code condition} every 100 ms until it holds, failing after {@link #DEADLINE_MS}. */
    public static void await(String what, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (!condition.call()) {
            assertTrue(System.nanoTime() < end, "no " + what + " within " + DEADLINE_MS + " ms");
            Thread.sleep(100);
        }
    }

    /** Waits until node {@code id} shows every node of {@code members} joined in its runtime.members keys. */
    void awaitJoined(int id, List<Integer> members) throws Exception {
        await("members " + members + " joined on node " + id, () -> {
            for (int member : members) {
                if (!"joined".equals(value(id, "runtime.members." + member + ".status"))) {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public void close() {
        nodes.forEach(RingsyncNode::close);
    }
}
