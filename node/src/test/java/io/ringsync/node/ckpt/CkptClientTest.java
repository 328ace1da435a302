package io.ringsync.node.ckpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.ckpt.CkptException;
import io.ringsync.ckpt.store.CheckpointStatus;
import io.ringsync.ckpt.store.CkptError;
import io.ringsync.ckpt.store.CreationAttributes;
import io.ringsync.ckpt.store.OpenFlags;
import io.ringsync.ckpt.store.Times;
import io.ringsync.config.ConfigLoader;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.TestClusters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CkptClient}, the checkpoint service for processes outside the node's JVM, on two real
 * nodes: a checkpoint created and written through node 1's socket is read through node 2's, a
 * generated section id and the status come back, and refusals arrive as the SA Forum results
 * (NOT_EXIST, EXIST on other attributes, ACCESS on a read-only handle).
 */
class CkptClientTest {

    private static final long DEADLINE_MS = 90_000;
    private static final OpenFlags READ_WRITE_CREATE = OpenFlags.of(OpenFlags.READ | OpenFlags.WRITE | OpenFlags.CREATE);
    private static final CreationAttributes ATTRIBUTES =
            new CreationAttributes(CreationAttributes.WR_ALL_REPLICAS, 4 * 1024, Times.END, 4, 1024, 32);

    @TempDir
    Path dir;

    private final List<RingsyncNode> nodes = new ArrayList<>();
    private final List<CkptClient> clients = new ArrayList<>();

    @AfterEach
    void closeAll() {
        clients.forEach(CkptClient::close);
        nodes.forEach(RingsyncNode::close);
    }

    private CkptClient client(int index) throws Exception {
        CkptClient client = CkptClient.connect(nodes.get(index).settings().system().ipcSocket());
        clients.add(client);
        return client;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCheckpointWrittenThroughOneNodesSocketIsReadThroughAnothers() throws Exception {
        for (Path file : TestClusters.write(dir, 2)) {
            nodes.add(RingsyncNode.start(ConfigLoader.load(file)));
        }
        CkptClient one = client(0);
        CkptClient two = client(1);
        long writer = awaitAnswer(() -> one.create("orders", ATTRIBUTES, READ_WRITE_CREATE));
        one.createSection(writer, "a", Times.END, bytes("hello"));
        one.write(writer, "a", 5, bytes(" world"));
        String generated = one.createGeneratedSection(writer, Times.END, bytes("next"));
        CheckpointStatus status = one.status(writer);
        assertEquals(2, status.sections());
        assertEquals(ATTRIBUTES, status.attributes());

        long reader = awaitAnswer(() -> two.open("orders", OpenFlags.of(OpenFlags.READ)));
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (two.status(reader).sections() < 2) {
            assertTrue(System.nanoTime() < end, "node 2 never held both sections");
            Thread.sleep(100);
        }
        assertArrayEquals(bytes("hello world"), two.read(reader, "a", 0, 1024));
        assertArrayEquals(bytes("next"), two.read(reader, generated, 0, 1024));
        assertEquals(List.of("orders"), two.list());

        assertEquals(CkptError.ACCESS, assertThrows(CkptException.class,
                () -> two.write(reader, "a", 0, bytes("x"))).error());
        assertEquals(CkptError.NOT_EXIST, assertThrows(CkptException.class,
                () -> two.open("missing", OpenFlags.of(OpenFlags.READ))).error());
        CreationAttributes other = new CreationAttributes(CreationAttributes.WR_ALL_REPLICAS, 8 * 1024, Times.END, 8,
                1024, 32);
        assertEquals(CkptError.EXIST, assertThrows(CkptException.class,
                () -> two.create("orders", other, READ_WRITE_CREATE)).error());

        one.overwrite(writer, "a", bytes("bye"));
        one.deleteSection(writer, generated);
        assertEquals(1, one.status(writer).sections());
        assertArrayEquals(bytes("bye"), one.read(writer, "a", 0, 1024));
        two.close(reader);
        one.close(writer);
        one.unlink("orders");
        assertEquals(CkptError.NOT_EXIST, assertThrows(CkptException.class,
                () -> one.open("orders", OpenFlags.of(OpenFlags.READ))).error());
    }

    /** A call that TRY_AGAIN refuses while a sync round runs (the nodes are just forming their ring), retried. */
    private static long awaitAnswer(java.util.concurrent.Callable<Long> call) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (true) {
            try {
                return call.call();
            } catch (CkptException e) {
                if ((e.error() != CkptError.TRY_AGAIN && e.error() != CkptError.NOT_EXIST) || System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
