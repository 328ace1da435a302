package io.ringsync.node.cpg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.config.ConfigLoader;
import io.ringsync.cpg.CpgGroupMembers;
import io.ringsync.cpg.CpgLimits;
import io.ringsync.node.Json;
import io.ringsync.node.RingsyncNode;
import io.ringsync.node.TestClusters;
import io.ringsync.node.cli.RingsyncCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringsync cpg verify} on two real nodes: a listener on node 2 and a sender on node 1
 * check the same 300 messages, find no violation, and print the same digest for the
 * configuration they shared; wrong options are refused with a one-line error.
 */
class CpgVerifyCommandTest {

    private static final String GROUP = "verify-test";

    @TempDir
    Path dir;

    private final List<RingsyncNode> nodes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        for (Path file : TestClusters.write(dir, 2)) {
            nodes.add(RingsyncNode.start(ConfigLoader.load(file)));
        }
    }

    @AfterEach
    void stop() {
        nodes.forEach(RingsyncNode::close);
    }

    private String socket(int index) {
        return nodes.get(index).settings().system().ipcSocket().toString();
    }

    /** Runs the CLI; the exit code and what it printed on stdout and stderr. */
    private static CompletableFuture<String[]> cli(String... args) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = RingsyncCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), args);
            return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8)};
        });
    }

    @Test
    void aSenderAndAListenerCheckTheSameTrafficAndAgreeOnItsDigest() throws Exception {
        CompletableFuture<String[]> listener = cli("cpg", "verify", "-s", socket(1), "-g", GROUP, "--listen",
                "-n", "300", "-d", "120s", "--json");
        ActorTestKit kit = ActorTestKit.create();
        try {
            TestProbe<Object> poll = kit.createTestProbe();
            poll.awaitAssert(Duration.ofSeconds(90), Duration.ofMillis(200), () -> {
                try (CpgClient client = CpgClient.connect(Path.of(socket(0)))) {
                    assertTrue(client.groups().stream().map(CpgGroupMembers::group).anyMatch(GROUP::equals),
                            "the listener joined");
                }
                return null;
            });
        } finally {
            kit.shutdownTestKit();
        }
        String[] sender = cli("cpg", "verify", "-s", socket(0), "-g", GROUP, "-n", "300", "--max-size", "2048",
                "--json").get();
        assertEquals("0", sender[0], sender[1] + sender[2]);
        String[] listened = listener.get();
        assertEquals("0", listened[0], listened[1] + listened[2]);

        JsonNode sent = Json.mapper().readTree(sender[1]);
        JsonNode heard = Json.mapper().readTree(listened[1]);
        assertEquals(300, sent.path("sent").asInt());
        assertEquals(0, sent.path("violations").asInt());
        assertEquals(300, heard.path("delivered").asInt());
        // The listener leaves once it has its 300 messages; the sender, still draining, may see that
        // leave as one more configuration: compare the configuration the listener ended in.
        JsonNode listenersLast = heard.path("configs").get(heard.path("configs").size() - 1);
        JsonNode sendersSame = null;
        for (JsonNode config : sent.path("configs")) {
            if (config.path("label").equals(listenersLast.path("label"))) {
                sendersSame = config;
            }
        }
        assertNotNull(sendersSame, "the sender saw the listener's last configuration: " + sent);
        assertEquals(300, sendersSame.path("messages").asInt(), sent.toString());
        assertEquals(sendersSame, listenersLast, "the same configuration, the same agreed order");
    }

    @Test
    void wrongOptionsAreRefusedWithOneLine() throws Exception {
        String[] tooSmall = cli("cpg", "verify", "-s", socket(0), "--size", "10").get();
        assertEquals("2", tooSmall[0]);
        assertEquals("ringsync: cpg verify: --size must be from 28 to " + CpgLimits.MAX_MESSAGE_BYTES + " bytes, not 10",
                tooSmall[2].strip());
        String[] noNode = cli("cpg", "list", "-s", dir.resolve("nothing.sock").toString()).get();
        assertEquals("1", noNode[0]);
        assertEquals(1, noNode[2].strip().lines().count(), noNode[2]);
    }
}
