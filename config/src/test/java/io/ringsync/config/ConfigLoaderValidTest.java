package io.ringsync.config;

import static io.ringsync.config.ConfigTestSupport.BASE;
import static io.ringsync.config.ConfigTestSupport.parse;
import static io.ringsync.config.ConfigTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ringsync.config.QuorumSettings.QdeviceSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid configurations: every key lands in the record, defaults and derived values. */
class ConfigLoaderValidTest {

    private static final String FULL = """
            cluster_name = "prod-1"
            node_id = 2
            nodelist = [
              { node_id = 1, name = "alpha", votes = 1, links = ["10.0.0.1:6000", "10.1.0.1:6000"] }
              { node_id = 2, name = "beta", votes = 1, links = ["10.0.0.2:6000", "[fd00::2]:6001"] }
              { node_id = 3, name = "gamma", votes = 1, links = ["10.0.0.3:6000", "10.1.0.3:6000"] }
            ]
            totem {
              token = 2s
              token_coefficient = 100ms
              token_warning = 80
              token_retransmit = 400ms
              hold = 300
              token_retransmits_before_loss_const = 5
              join = 60ms
              send_join = 10ms
              consensus = 3000ms
              merge = 250ms
              downcheck = 1500ms
              fail_recv_const = 3000
              seqno_unchanged_const = 40
              max_messages = 20
              window_size = 60
              miss_count_const = 6
              cancel_token_hold_on_retransmit = true
              fail_unreachable = true
            }
            quorum {
              expected_votes = 5
              two_node = false
              wait_for_all = true
              last_man_standing = false
              last_man_standing_window = 20s
              auto_tie_breaker = false
              auto_tie_breaker_node = [3, 1]
              allow_downscale = false
              expected_votes_tracking = true
              device { votes = 2, timeout = 5s, sync_timeout = 20s }
            }
            crypto { cipher = "aes256-gcm", authkey = "keys/authkey" }
            transport {
              term_length = 4MiB
              mtu = 8192
              sparse_term_files = false
              idle_strategy = "sleep"
              idle_max_park = 500us
              back_pressure_retries = 32
              driver_timeout = 20s
              fault_injection = true
            }
            links { ping_interval = 200ms, ping_timeout = 900ms, pong_count = 3, latency_window = 32 }
            system {
              run_dir = "run"
              state_dir = "/var/tmp/rs-state"
              ipc_socket = "/tmp/rs.sock"
              ipc_socket_mode = "0660"
            }
            logging {
              level = "debug"
              to_stderr = false
              logfile = "log/node.log"
              subsys { transport = trace, totem = warn }
              blackbox_events = 5000
            }
            """;

    @TempDir
    Path dir;

    @Test
    void fullConfigSetsEveryKey() throws Exception {
        Path file = write(dir, "etc/node2.conf", FULL);
        RingsyncSettings s = ConfigLoader.load(file);
        Path etc = file.getParent().toAbsolutePath();

        assertEquals("prod-1", s.clusterName());
        assertEquals(2, s.nodeId());
        assertEquals(List.of(
                new NodeEntry(1, "alpha", 1, List.of(new LinkAddress("10.0.0.1", 6000), new LinkAddress("10.1.0.1", 6000))),
                new NodeEntry(2, "beta", 1, List.of(new LinkAddress("10.0.0.2", 6000), new LinkAddress("fd00::2", 6001))),
                new NodeEntry(3, "gamma", 1, List.of(new LinkAddress("10.0.0.3", 6000), new LinkAddress("10.1.0.3", 6000)))),
                s.nodelist());
        assertEquals(new TotemSettings(2000, 100, 80, 400, 300, 5, 60, 10, 3000, 250, 1500, 3000, 40, 20, 60, 6, true, 16384, true),
                s.totem());
        assertEquals(new QuorumSettings(OptionalInt.of(5), false, true, false, 20_000, false, "list", List.of(3, 1),
                false, true, Optional.of(new QdeviceSettings(2, 5000, 20_000))), s.quorum());
        assertEquals(new CryptoSettings("aes256-gcm", Optional.of(etc.resolve("keys/authkey"))), s.crypto());
        assertEquals(new TransportSettings(4 << 20, 8192, false, "sleep", 500, 20_000, 32, 20_000, true),
                s.transport());
        assertEquals(new LinkSettings(200, 900, 3, 32), s.links());
        assertEquals(new SystemSettings(etc.resolve("run"), Path.of("/var/tmp/rs-state"), Path.of("/tmp/rs.sock"), 0660),
                s.system());
        assertEquals(new LoggingSettings("debug", false, Optional.of(etc.resolve("log/node.log")),
                Map.of("transport", "trace", "totem", "warn"), 5000), s.logging());
        assertEquals(Optional.of(file), s.source());
        assertEquals(2100, s.effectiveTokenMs());
    }

    @Test
    void theNetworkMtuAppliesAsSoonAsOneLinkIsNotOnLoopback() throws Exception {
        RingsyncSettings s = parse("""
                node_id = 1
                nodelist = [ { node_id = 1, links = ["127.0.0.1:5405"] }, { node_id = 2, links = ["10.0.0.2:5405"] } ]
                transport.loopback_mtu = 8992
                """);
        assertEquals(1408, s.transport().mtuBytes());
        RingsyncSettings local = parse("""
                node_id = 1
                nodelist = [ { node_id = 1, links = ["127.0.0.1:5405"] }, { node_id = 2, links = ["127.0.0.2:5405"] } ]
                transport.loopback_mtu = 8992
                """);
        assertEquals(8992, local.transport().mtuBytes());
        RingsyncSettings smallTerms = parse("""
                node_id = 1
                nodelist = [ { node_id = 1, links = ["127.0.0.1:5405"] } ]
                transport.term_length = 256KiB
                """);
        assertEquals(32768, smallTerms.transport().mtuBytes(), "a loopback MTU above Aeron's largest message is lowered");
    }

    @Test
    void minimalConfigTakesEveryDefault() throws Exception {
        RingsyncSettings s = parse("""
                node_id = 1
                nodelist = [ { node_id = 1, links = ["127.0.0.1:5405"] } ]
                """);
        assertEquals("ringsync", s.clusterName());
        assertEquals(new NodeEntry(1, "node1", 1, List.of(new LinkAddress("127.0.0.1", 5405))), s.localNode());
        // 3000 / 4.2 = 714.28 -> 714; 714 * 0.8 - 10 = 561.2 -> 561; 1.2 * 3000 = 3600.
        assertEquals(new TotemSettings(3000, 650, 75, 714, 561, 4, 50, 0, 3600, 200, 1000, 2500, 30, 60, 120, 5, false, 16384, false),
                s.totem());
        assertEquals(new QuorumSettings(OptionalInt.empty(), false, false, false, 10_000, false, "lowest", List.of(),
                false, false, Optional.empty()), s.quorum());
        assertEquals(new CryptoSettings("none", Optional.of(Path.of("/etc/ringsync/authkey"))), s.crypto());
        // every link on loopback: loopback_mtu
        assertEquals(new TransportSettings(2 << 20, 65504, true, "backoff", 20_000, 20_000, 16, 30_000), s.transport());
        assertFalse(s.transport().faultInjection(), "fault injection is off unless asked for");
        assertEquals(new LinkSettings(750, 1500, 2, 16), s.links());
        assertEquals(new SystemSettings(Path.of("/dev/shm/ringsync-ringsync-node1"),
                Path.of("/var/lib/ringsync/ringsync-node1"), Path.of("/dev/shm/ringsync-ringsync-node1/ringsync.sock"),
                0600), s.system());
        assertEquals(new LoggingSettings("info", true, Optional.empty(), Map.of(), 2000), s.logging());
        assertEquals(Optional.empty(), s.source());
    }

    @Test
    void derivedTimersFollowTheEffectiveToken() throws Exception {
        String five = BASE + """
                nodelist += { node_id = 4, links = ["127.0.0.4:5405"] }
                nodelist += { node_id = 5, links = ["127.0.0.5:5405"] }
                """;
        TotemSettings t = parse(five).totem();
        // effective = 3000 + 3 * 650 = 4950; 4950 / 4.2 = 1178.6; 1178 * 0.8 - 10 = 932.4; 1.2 * 4950 = 5940.
        assertEquals(4950, t.effectiveTokenMs(5));
        assertEquals(1178, t.tokenRetransmitMs());
        assertEquals(932, t.holdMs());
        assertEquals(5940, t.consensusMs());
        assertEquals(new LinkSettings(1237, 2475, 2, 16), parse(five).links());
    }

    @Test
    void quorumFlagsImplyOtherFlags() throws Exception {
        String two = """
                node_id = 1
                nodelist = [ { node_id = 1, links = ["h1:1"] }, { node_id = 2, votes = 3, links = ["h2:1"] } ]
                quorum { two_node = true, allow_downscale = true }
                """;
        QuorumSettings q = parse(two).quorum();
        assertTrue(q.waitForAll(), "two_node implies wait_for_all");
        assertTrue(q.expectedVotesTracking(), "allow_downscale implies expected_votes_tracking");
        assertFalse(parse(two + "quorum.wait_for_all = false").quorum().waitForAll(), "explicit value wins");
        QuorumSettings device = parse(BASE + "quorum.device { timeout = 3s }").quorum();
        assertEquals(Optional.of(new QdeviceSettings(2, 3000, 30_000)), device.qdevice(), "votes default to nodes - 1");
        assertEquals("highest", parse(BASE + "quorum.auto_tie_breaker_node = highest").quorum().autoTieBreakerNode());
    }

    @Test
    void bareNumbersAreMillisecondsAndSubstitutionsSeeTheFile() throws Exception {
        RingsyncSettings s = parse(BASE + """
                totem { token = 1000, token_coefficient = 0, consensus = ${totem.downcheck}, join = ${ringsync.totem.merge} }
                totem { merge = 100, downcheck = 1200 }
                """);
        assertEquals(1000, s.totem().tokenMs());
        assertEquals(1200, s.totem().consensusMs(), "${totem.downcheck} resolves at root level");
        assertEquals(100, s.totem().joinMs());
        assertEquals(Path.of("/dev/shm/ringsync-test-node1"), s.system().runDir(), "cluster name from the file");
    }

    @Test
    void relativePathsResolveAgainstTheFileDirectory() throws Exception {
        Path file = write(dir, "a/b/node1.conf", BASE + """
                system { run_dir = "../run", state_dir = "state" }
                """);
        SystemSettings sys = ConfigLoader.load(file).system();
        Path a = dir.resolve("a").toAbsolutePath();
        assertEquals(a.resolve("run"), sys.runDir());
        assertEquals(a.resolve("b/state"), sys.stateDir());
        assertEquals(a.resolve("run/ringsync.sock"), sys.ipcSocket(), "derived from run_dir");
    }

    @Test
    void systemPropertiesOverrideTheFile() throws Exception {
        Path file = write(dir, "node1.conf", BASE + "totem.token = 2000\n");
        System.setProperty("ringsync.totem.token", "1500");
        System.setProperty("ringsync.cluster_name", "fromprop");
        ConfigFactory.invalidateCaches();
        try {
            RingsyncSettings s = ConfigLoader.load(file);
            assertEquals(1500, s.totem().tokenMs());
            assertEquals(Path.of("/dev/shm/ringsync-fromprop-node1"), s.system().runDir());
        } finally {
            System.clearProperty("ringsync.totem.token");
            System.clearProperty("ringsync.cluster_name");
            ConfigFactory.invalidateCaches();
        }
        assertEquals(2000, ConfigLoader.load(file).totem().tokenMs(), "override gone once cleared");
    }

    @Test
    void parseIgnoresSystemProperties() throws Exception {
        System.setProperty("ringsync.totem.token", "1500");
        ConfigFactory.invalidateCaches();
        try {
            assertEquals(3000, parse(BASE).totem().tokenMs());
        } finally {
            System.clearProperty("ringsync.totem.token");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void referenceConfResolvesOnItsOwnAsAkkaLoadsIt() {
        // Akka's ConfigFactory.load() resolves every reference.conf on the class path.
        assertEquals("ringsync", ConfigFactory.defaultReference().getString("ringsync.cluster_name"));
    }
}
