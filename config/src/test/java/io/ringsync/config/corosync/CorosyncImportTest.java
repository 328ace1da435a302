package io.ringsync.config.corosync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.config.ConfigLoader;
import io.ringsync.config.LinkAddress;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * corosync.conf files of several shapes converted and loaded back as ringsync settings: a
 * two_node cluster, a udpu nodelist of Corosync 2, knet with two links and crypto, per-subsystem
 * logging; what cannot be mapped is listed, bad syntax is refused with its line.
 */
class CorosyncImportTest {

    private static RingsyncSettings load(CorosyncImport.Result result) throws Exception {
        return ConfigLoader.parse(result.hocon(), "imported");
    }

    @Test
    void twoNode() throws Exception {
        CorosyncImport.Result result = CorosyncImport.convert("""
                totem {
                    version: 2
                    cluster_name: pair
                    transport: knet
                }
                nodelist {
                    node {
                        ring0_addr: 192.168.1.11
                        name: alpha
                        nodeid: 1
                    }
                    node {
                        ring0_addr: 192.168.1.12
                        name: beta
                        nodeid: 2
                    }
                }
                quorum {
                    provider: corosync_votequorum
                    two_node: 1
                }
                """, "corosync.conf", OptionalInt.of(2));
        RingsyncSettings settings = load(result);
        assertEquals("pair", settings.clusterName());
        assertEquals(2, settings.nodeId());
        assertEquals(List.of(new NodeEntry(1, "alpha", 1, List.of(new LinkAddress("192.168.1.11", 5405))),
                new NodeEntry(2, "beta", 1, List.of(new LinkAddress("192.168.1.12", 5405)))), settings.nodelist());
        assertTrue(settings.quorum().twoNode());
        assertTrue(settings.quorum().waitForAll(), "two_node implies wait_for_all, as in votequorum");
        assertEquals(List.of(), result.unmapped());
        assertTrue(result.notes().stream().anyMatch(n -> n.startsWith("totem.transport: knet (line 4): not needed")),
                result.notes().toString());
    }

    @Test
    void udpuNodelistOfCorosync2WithTimersAndQuorumOptions() throws Exception {
        CorosyncImport.Result result = CorosyncImport.convert("""
                # an old udpu cluster
                totem {
                    version: 2
                    cluster_name: legacy
                    transport: udpu
                    token: 5000
                    consensus: 7000
                    join: 60
                    max_messages: 20
                    netmtu: 1500
                    interface {
                        ringnumber: 0
                        bindnetaddr: 10.0.0.0
                        mcastport: 5407
                    }
                }
                nodelist {
                    node {
                        ring0_addr: 10.0.0.1
                        nodeid: 1
                    }
                    node {
                        ring0_addr: 10.0.0.2
                        nodeid: 2
                        quorum_votes: 2
                    }
                    node {
                        ring0_addr: 10.0.0.3
                        nodeid: 3
                    }
                }
                quorum {
                    provider: corosync_votequorum
                    expected_votes: 4
                    wait_for_all: 1
                    last_man_standing_window: 20000
                    auto_tie_breaker: 1
                    auto_tie_breaker_node: 3 1
                }
                """, "corosync.conf", OptionalInt.empty());
        RingsyncSettings settings = load(result);
        assertEquals(1, settings.nodeId());
        assertEquals(List.of(new LinkAddress("10.0.0.2", 5407)), settings.node(2).orElseThrow().links());
        assertEquals(2, settings.node(2).orElseThrow().votes());
        assertEquals("node3", settings.node(3).orElseThrow().name());
        assertEquals(List.of(5000L, 7000L, 60L), List.of(settings.totem().tokenMs(), settings.totem().consensusMs(),
                settings.totem().joinMs()));
        assertEquals(20, settings.totem().maxMessages());
        assertEquals(OptionalInt.of(4), settings.quorum().expectedVotes());
        assertTrue(settings.quorum().waitForAll());
        assertEquals(20_000, settings.quorum().lastManStandingWindowMs());
        assertEquals(List.of(3, 1), settings.quorum().autoTieBreakerNodes());
        assertEquals(List.of("totem.interface.bindnetaddr: 10.0.0.0 (line 13): no ringsync equivalent (links are "
                + "unicast addresses from the nodelist)", "totem.netmtu: 1500 (line 10): no equivalent; ringsync packs "
                + "messages into totem.frame_size (16 KiB by default)"), result.unmapped());
        assertTrue(result.notes().stream().anyMatch(n -> n.startsWith("node_id = 1 (the nodelist's first node)")));
    }

    @Test
    void knetWithTwoLinksAndCrypto() throws Exception {
        CorosyncImport.Result result = CorosyncImport.convert("""
                totem {
                    version: 2
                    cluster_name: secure
                    transport: knet
                    crypto_cipher: aes256
                    crypto_hash: sha256
                    keyfile: /etc/corosync/authkey
                    link_mode: passive
                    interface {
                        linknumber: 0
                        mcastport: 5420
                    }
                    interface {
                        linknumber: 1
                        mcastport: 5421
                        knet_link_priority: 2
                    }
                }
                nodelist {
                    node {
                        name: n1
                        nodeid: 1
                        ring0_addr: 10.1.0.1
                        ring1_addr: fd00::1
                    }
                    node {
                        name: n2
                        nodeid: 2
                        ring0_addr: 10.1.0.2
                        ring1_addr: fd00::2
                    }
                }
                """, "corosync.conf", OptionalInt.of(1));
        RingsyncSettings settings = load(result);
        assertEquals(List.of(new LinkAddress("10.1.0.1", 5420), new LinkAddress("fd00::1", 5421)),
                settings.node(1).orElseThrow().links());
        assertEquals("aes256-gcm", settings.crypto().cipher());
        assertEquals(Optional.of(java.nio.file.Path.of("/etc/corosync/authkey")), settings.crypto().authkey());
        assertTrue(result.unmapped().contains("totem.link_mode: passive (line 8): no ringsync equivalent"), result.unmapped().toString());
        assertTrue(result.unmapped().stream().anyMatch(u -> u.startsWith("totem.interface.knet_link_priority: 2")));
        assertTrue(result.notes().contains("totem.crypto_hash: sha256: not needed, AES-256-GCM authenticates every frame"));
    }

    @Test
    void loggingPerSubsystem() throws Exception {
        CorosyncImport.Result result = CorosyncImport.convert("""
                totem {
                    cluster_name: logs
                }
                nodelist {
                    node {
                        nodeid: 7
                        ring0_addr: 127.0.0.1
                    }
                }
                logging {
                    to_logfile: yes
                    logfile: /var/log/corosync/corosync.log
                    to_stderr: no
                    to_syslog: yes
                    timestamp: on
                    logfile_priority: warning
                    logger_subsys {
                        subsys: QUORUM
                        debug: on
                    }
                    logger_subsys {
                        subsys: TOTEM
                        debug: trace
                    }
                    logger_subsys {
                        subsys: QDEVICE
                        debug: on
                    }
                }
                system {
                    state_dir: /var/lib/corosync
                    sched_rr: yes
                }
                uidgid {
                    uid: hacluster
                }
                """, "corosync.conf", OptionalInt.empty());
        RingsyncSettings settings = load(result);
        assertEquals("warn", settings.logging().level());
        assertEquals(false, settings.logging().toStderr());
        assertEquals(Optional.of(java.nio.file.Path.of("/var/log/corosync/corosync.log")), settings.logging().logfile());
        assertEquals(Map.of("quorum", "debug", "protocol.totem", "trace"), settings.logging().subsystemLevels());
        assertEquals(java.nio.file.Path.of("/var/lib/corosync"), settings.system().stateDir());
        assertEquals(List.of("logging.to_syslog: yes (line 14): no ringsync equivalent",
                "logging.timestamp: on (line 15): no ringsync equivalent",
                "logging.logger_subsys QDEVICE (line 25): no ringsync subsystem of that name",
                "system.sched_rr: yes (line 32): no ringsync equivalent",
                "uidgid { ... } (line 34): no ringsync equivalent"), result.unmapped());
    }

    @Test
    void badSyntaxNamesItsLine() {
        IllegalArgumentException unclosed = assertThrows(IllegalArgumentException.class,
                () -> CorosyncImport.convert("totem {\n  token: 3000\n", "c.conf", OptionalInt.empty()));
        assertEquals("c.conf:1: section \"totem\" is never closed", unclosed.getMessage());
        IllegalArgumentException junk = assertThrows(IllegalArgumentException.class,
                () -> CorosyncImport.convert("totem {\n  token 3000\n}\n", "c.conf", OptionalInt.empty()));
        assertEquals("c.conf:2: expected \"key: value\", \"section {\" or \"}\", got \"token 3000\"", junk.getMessage());
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> CorosyncImport.convert("totem {\n  token: soon\n}\n", "c.conf", OptionalInt.empty()));
        assertEquals("line 2: token must be a whole number, got \"soon\"", number.getMessage());
    }
}
