package io.ringsync.config;

import static io.ringsync.config.ConfigTestSupport.BASE;
import static io.ringsync.config.ConfigTestSupport.parse;
import static io.ringsync.config.ConfigTestSupport.problems;
import static io.ringsync.config.ConfigTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per class of problem; each asserts the exact problem so none passes vacuously. */
class ConfigLoaderProblemsTest {

    @TempDir
    Path dir;

    /** The only problem of {@code BASE + extra}. */
    private static ConfigProblem only(String extra) {
        List<ConfigProblem> found = problems(BASE + extra);
        assertEquals(1, found.size(), () -> "expected one problem, got " + found);
        return found.get(0);
    }

    @Test
    void baseConfigIsValid() {
        assertDoesNotThrow(() -> parse(BASE));
    }

    @Test
    void formatShowsFileLinePathAndMessage() throws Exception {
        Path file = write(dir, "node1.conf", BASE + "totem {\n  token = 10ms\n}\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(file + ":9: totem.token: must be at least 30 ms, got 10 ms", e.problems().get(0).format());
        assertEquals(file + ":9", e.problems().get(0).origin());
        assertTrue(e.getMessage().contains(e.problems().get(0).format()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "totem { tokn = 1000 }                | totem.tokn        | unknown key; did you mean totem.token?",
        "token = 1000                         | token             | unknown key; did you mean totem.token?",
        "quorum.device { timout = 1s }        | quorum.device.timout | unknown key; did you mean quorum.device.timeout?",
        "logging { levle = debug }            | logging.levle     | unknown key; did you mean logging.level?",
        "frobnicate = yes                     | frobnicate        | unknown key",
    })
    void unknownKeysAreReportedWithSuggestions(String extra, String path, String message) {
        ConfigProblem p = only(extra);
        assertEquals(path, p.path());
        assertEquals(message, p.message());
    }

    @Test
    void unknownKeyInNodelistEntryGivesOneProblem() {
        List<ConfigProblem> found = problems("""
                node_id = 1
                nodelist = [ { node_id = 1, nmae = "x", links = ["h:1"] } ]
                """);
        assertEquals(List.of(new ConfigProblem("nodelist[0].nmae", "test.conf:2",
                "unknown key; did you mean nodelist[0].name?")), found);
    }

    @Test
    void subsysIsAnOpenMapButLevelsAreChecked() {
        assertDoesNotThrow(() -> parse(BASE + "logging.subsys { anything = debug, \"io.ringsync.x\" = warn }"));
        ConfigProblem p = only("logging.subsys { transport = loud }");
        assertEquals("logging.subsys.transport", p.path());
        assertTrue(p.message().startsWith("must be one of error, warn, info"), p.message());
    }

    @Test
    void sectionOfTheWrongTypeGivesOneProblemNotOnePerKey() {
        ConfigProblem p = only("totem = 5");
        assertEquals("totem", p.path());
        assertEquals("expected an object { ... }, got number 5", p.message());
    }

    @Test
    void aNetworkMtuAboveAeronsLargestMessageIsRefused() {
        List<ConfigProblem> found = problems("""
                node_id = 1
                nodelist = [ { node_id = 1, links = ["10.0.0.1:5405"] }, { node_id = 2, links = ["10.0.0.2:5405"] } ]
                transport { term_length = 64KiB, mtu = 9024 }
                """);
        assertEquals(1, found.size(), found.toString());
        assertEquals("transport.mtu", found.get(0).path());
        assertEquals("must be at most transport.term_length / 8 = 8192 bytes (Aeron's largest message), got 9024",
                found.get(0).message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "totem.token = fast              | totem.token             | expected a duration such as 3000ms or 3s, got string \"fast\" (No number in duration value 'fast')",
        "quorum.two_node = maybe         | quorum.two_node         | expected true or false, got string \"maybe\"",
        "transport.mtu = big             | transport.mtu           | expected a whole number, got string \"big\"",
        "transport.term_length = [1]     | transport.term_length   | expected a size such as 1MiB or 65536, got list [1]",
        "crypto.cipher = { a = 1 }       | crypto.cipher           | expected a string, got object {\"a\":1}",
        "quorum.device = 3               | quorum.device           | expected null (no device) or an object { timeout = 10s }, got number 3",
        "quorum.auto_tie_breaker_node = true | quorum.auto_tie_breaker_node | expected \"lowest\", \"highest\" or a list of node ids, got boolean true",
    })
    void wrongTypesAreReportedPerKey(String extra, String path, String message) {
        ConfigProblem p = only(extra);
        assertEquals(path, p.path());
        assertEquals(message, p.message());
    }

    @Test
    void wrongTypesInsideTheNodelist() {
        List<ConfigProblem> found = problems("""
                node_id = 1
                nodelist = [ { node_id = one, links = ["h:1"] }, 7, { node_id = 3, links = [5] } ]
                """);
        assertEquals(List.of("nodelist[0].node_id", "nodelist[1]", "nodelist[2].links[0]"),
                found.stream().map(ConfigProblem::path).toList(), found::toString);
        assertEquals(List.of("nodelist"), problems("node_id = 1\nnodelist = 5").stream()
                .map(ConfigProblem::path).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "totem.token = 10ms              | totem.token             | must be at least 30 ms, got 10 ms",
        "totem.consensus = 3 parsecs     | totem.consensus         | expected a duration such as 3000ms or 3s, got string \"3 parsecs\" (Could not parse time unit 'parsecs' (try ns, us, ms, s, m, h, d))",
        "totem.merge = -5ms              | totem.merge             | must be at least 30 ms, got -5 ms",
        "totem.hold = 10ms               | totem.hold              | must be at least 14 ms, got 10 ms",
        "totem.join = 20ms               | totem.join              | must be at least 30 ms, got 20 ms",
        "totem.downcheck = 29            | totem.downcheck         | must be at least 30 ms, got 29 ms",
        "totem.token_warning = 101       | totem.token_warning     | must be at most 100, got 101",
        "totem.window_size = -1          | totem.window_size       | must be at least 1, got -1",
        "transport.term_length = 3MiB    | transport.term_length   | must be a power of two, got 3145728 bytes",
        "transport.term_length = 32KiB   | transport.term_length   | must be at least 65536 bytes, got 32768 bytes",
        "transport.mtu = 1400            | transport.mtu           | must be a multiple of 32 (Aeron frame alignment), got 1400",
        "transport.idle_max_park = 200ms | transport.idle_max_park | must be at most 100000 us, got 200000 us",
        "transport.idle_strategy = spin  | transport.idle_strategy | must be one of backoff, sleep, yield; got \"spin\"",
        "links.pong_count = 0            | links.pong_count        | must be at least 1, got 0",
        "cluster_name = \"bad name\"     | cluster_name            | must be 1..64 characters of A-Z a-z 0-9 . _ -; got \"bad name\"",
        "system.ipc_socket_mode = \"0999\" | system.ipc_socket_mode | must be an octal mode such as \"0600\"; got \"0999\"",
        "crypto.cipher = aes128          | crypto.cipher           | must be one of none, aes256-gcm, chacha20-poly1305; got \"aes128\"",
        "logging.blackbox_events = 10    | logging.blackbox_events | must be at least 100, got 10",
    })
    void outOfRangeValuesAndBadUnits(String extra, String path, String message) {
        ConfigProblem p = only(extra);
        assertEquals(path, p.path());
        assertEquals(message, p.message());
    }

    @Test
    void tooSmallDerivedTimerNamesItsSources() {
        ConfigProblem p = only("totem { token = 60ms, token_coefficient = 0 }");
        assertEquals("totem.token_retransmit", p.path());
        assertTrue(p.message().startsWith("derived as 14 ms from totem.token"), p.message());
    }

    @Test
    void badTokenIsNotReportedAgainThroughTimersDerivedFromIt() {
        ConfigProblem p = only("totem.token = 10ms");
        assertEquals("totem.token", p.path());
        assertEquals("must be at least 30 ms, got 10 ms", p.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "node_id = 0                           | node_id | must be at least 1, got 0",
        "node_id = 2147483648                  | node_id | must be at most 2147483647, got 2147483648",
        "nodelist = []                         | nodelist | must list at least one node",
        "nodelist.0.links = []                 | nodelist[0].links | must have 1..8 addresses, got 0",
    })
    void nodeIdAndNodelistShape(String extra, String path, String start) {
        ConfigProblem p = only(extra.replace("nodelist.0.links = []",
                "nodelist = [ { node_id = 1, links = [] } ]"));
        assertEquals(path, p.path());
        assertTrue(p.message().startsWith(start), p.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1          | expected \"host:port\" (IPv6 as \"[::1]:5405\"), got \"127.0.0.1\"",
        "127.0.0.1:70000    | port must be 1..65535 in \"127.0.0.1:70000\"",
        "127.0.0.1:0        | port must be 1..65535 in \"127.0.0.1:0\"",
        "::1:5405           | an IPv6 address needs brackets, as \"[::1]:port\"; got \"::1:5405\"",
    })
    void badLinkAddresses(String link, String message) {
        List<ConfigProblem> found = problems("node_id = 1\nnodelist = [ { node_id = 1, links = [\"" + link + "\"] } ]");
        assertEquals(List.of(new ConfigProblem("nodelist[0].links[0]", "test.conf:2", message)), found);
    }

    @Test
    void duplicateIdsNamesAndLinks() {
        List<ConfigProblem> found = problems("""
                node_id = 1
                nodelist = [
                  { node_id = 1, links = ["127.0.0.1:5405"] }
                  { node_id = 1, name = "b", links = ["127.0.0.2:5405"] }
                  { node_id = 3, name = "node1", links = ["127.0.0.3:5405"] }
                  { node_id = 4, links = ["127.0.0.1:5405"] }
                ]
                """);
        assertEquals(List.of(
                new ConfigProblem("nodelist[1].node_id", "test.conf:4", "duplicate node id 1 (also at nodelist[0].node_id)"),
                new ConfigProblem("nodelist[2].name", "test.conf:5", "duplicate name node1 (also at nodelist[0].name)"),
                new ConfigProblem("nodelist[3].links[0]", "test.conf:6",
                        "duplicate link address 127.0.0.1:5405 (also at nodelist[0].links[0])")), found);
    }

    @Test
    void localNodeMissingFromTheNodelist() {
        ConfigProblem p = only("node_id = 7");
        assertEquals(new ConfigProblem("node_id", "test.conf:8", "node 7 is not in the nodelist (ids: 1, 2, 3)"), p);
    }

    @Test
    void nodesWithDifferentLinkCounts() {
        ConfigProblem p = only("nodelist = [ { node_id = 1, links = [\"a:1\", \"b:1\"] }, { node_id = 2, links = [\"c:1\"] } ]");
        assertEquals("nodelist[1].links", p.path());
        assertEquals("has 1 links but nodelist[0] has 2; every node must have the same number of links", p.message());
    }

    @Test
    void everyProblemIsReportedInOneLoad() throws Exception {
        Path file = write(dir, "node1.conf", """
                cluster_name = "test"
                node_id = 1
                nodelist = [ { node_id = 1, links = ["127.0.0.1:5405"] } ]
                totem {
                  tokn = 1000
                  join = 10ms
                }
                transport.mtu = 1000
                crypto.authkey = null
                crypto.cipher = "aes256-gcm"
                """);
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(List.of(
                file + ":5: totem.tokn: unknown key; did you mean totem.token?",
                file + ":6: totem.join: must be at least 30 ms, got 10 ms",
                file + ":8: transport.mtu: must be a multiple of 32 (Aeron frame alignment), got 1000",
                "crypto.authkey: must be set when crypto.cipher is \"aes256-gcm\""),
                e.problems().stream().map(ConfigProblem::format).toList());
        assertEquals(5, e.getMessage().lines().count(), "a header and one line per problem");
    }

    @Test
    void missingFileIsOneProblem() {
        Path missing = dir.resolve("nope.conf");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(missing));
        assertEquals(List.of(new ConfigProblem("", missing.toString(), "config file does not exist")), e.problems());
        InvalidConfigException onDir = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(dir));
        assertEquals("config file is not a readable file", onDir.problems().get(0).message());
    }

    @Test
    void syntaxErrorIsOneProblemWithFileAndLine() throws Exception {
        Path file = write(dir, "node1.conf", "node_id = 1\ntotem {\n  token = 1000\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).origin().startsWith(file + ":"), e.problems().toString());
        assertTrue(e.problems().get(0).format().startsWith(file + ":4: "), e.problems().get(0).format());
    }

    @Test
    void unresolvedSubstitutionIsOneProblem() {
        List<ConfigProblem> found = problems(BASE + "totem.token = ${nope.nothing}\n");
        assertEquals(1, found.size(), found::toString);
        assertEquals("test.conf:8", found.get(0).origin());
        assertTrue(found.get(0).message().contains("nope.nothing"), found.get(0).message());
    }
}
