package io.ringsync.config;

import static io.ringsync.config.ConfigTestSupport.BASE;
import static io.ringsync.config.ConfigTestSupport.parse;
import static io.ringsync.config.ConfigTestSupport.problems;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cross-field rules, each broken alone on the valid 3-node base (effective token =
 * 3000 + 650 = 3650 ms) and reported once, on the key the operator set.
 */
class SettingsRulesTest {

    private static final String TWO_NODES = """
            node_id = 1
            nodelist = [ { node_id = 1, links = ["h1:1"] }, { node_id = 2, links = ["h2:1"] } ]
            """;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "totem.consensus = 4000            | totem.consensus | must be at least 1.2 × effective token = 4380 ms (token 3650 ms), got 4000 ms",
        "totem.join = 5000ms               | totem.join | consensus (4380 ms) must be at least join (5000 ms)",
        "totem { join = 5000ms, consensus = 4999ms } | totem.consensus | consensus (4999 ms) must be at least join (5000 ms)",
        "totem.token_retransmit = 3650ms   | totem.token_retransmit | token_retransmit (3650 ms) must be below the effective token (3650 ms)",
        "totem.hold = 900ms                | totem.hold | hold (900 ms) must be below token_retransmit (869 ms)",
        "totem.max_messages = 121          | totem.max_messages | max_messages (121) must not exceed window_size (120)",
        "links { ping_interval = 2s, ping_timeout = 1s } | links.ping_interval | ping_interval (2000 ms) must be below ping_timeout (1000 ms)",
        "links.ping_interval = 2s          | links.ping_interval | ping_interval (2000 ms) must be below ping_timeout (1825 ms)",
        "crypto { cipher = chacha20-poly1305, authkey = null } | crypto.authkey | must be set when crypto.cipher is \"chacha20-poly1305\"",
        "quorum.two_node = true            | quorum.two_node | two_node needs exactly 2 nodes in the nodelist, got 3",
        "quorum { last_man_standing = true, device {} } | quorum.last_man_standing | last_man_standing cannot be combined with quorum.device",
        "nodelist.1.votes = 2              | quorum.last_man_standing | last_man_standing needs every node to have exactly 1 vote; node 2 has 2",
        "quorum.auto_tie_breaker_node = [1, 9] | quorum.auto_tie_breaker_node | tie-breaker node 9 is not in the nodelist",
        "quorum.expected_votes = 0         | quorum.expected_votes | expected_votes must be at least 1, got 0",
        "nodelist.all.votes = 0            | nodelist | expected votes (the sum of the nodelist's votes) must be at least 1, got 0",
        "quorum { auto_tie_breaker = true, wait_for_all = true, device {} } | quorum.auto_tie_breaker | auto_tie_breaker cannot be combined with quorum.device",
        "quorum { allow_downscale = true, device {} } | quorum.allow_downscale | allow_downscale cannot be combined with quorum.device",
        "quorum { expected_votes = 5, device {} } | quorum.device | quorum.device.votes must be set when quorum.expected_votes is set",
        "quorum { expected_votes = 4, device { votes = 3 } } | quorum.device.votes | quorum.device.votes (3) is too high or quorum.expected_votes (4) too low: expected_votes must exceed the device's votes by 2 or more",
        "nodelist.1.votes = 2.device       | quorum.device | quorum.device.votes must be set when not every node has 1 vote",
        "quorum.auto_tie_breaker = true    | quorum.auto_tie_breaker | auto_tie_breaker needs wait_for_all in a cluster of an odd number of votes (3)",
        "quorum { auto_tie_breaker = true, last_man_standing = true } | quorum.auto_tie_breaker | auto_tie_breaker and last_man_standing need wait_for_all in a cluster of an odd number of votes (3)",
    })
    void eachRuleAlone(String extra, String path, String message) {
        List<ConfigProblem> found = problems(BASE + expand(extra));
        assertEquals(1, found.size(), found::toString);
        assertEquals(path, found.get(0).path());
        assertEquals(message, found.get(0).message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "quorum { two_node = true, device {} } | two_node cannot be combined with quorum.device",
        "quorum { two_node = true, auto_tie_breaker = true } | two_node cannot be combined with auto_tie_breaker (two_node leaves the split to fencing, auto_tie_breaker to node ids)",
    })
    void twoNodeRules(String extra, String message) {
        assertDoesNotThrow(() -> parse(TWO_NODES + "quorum.two_node = true"));
        List<ConfigProblem> found = problems(TWO_NODES + extra);
        assertEquals(List.of(message), found.stream().map(ConfigProblem::message).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "totem.consensus = 4380",
        "totem.token_retransmit = 3649ms",
        "quorum.last_man_standing = true",
        "quorum.auto_tie_breaker_node = [3, 1]",
        "quorum { auto_tie_breaker = true, wait_for_all = true }",
        "quorum { expected_votes = 5, device { votes = 3 } }",
        "quorum { expected_votes = 4, device { votes = 0 } }",
        "crypto.cipher = aes256-gcm",
    })
    void boundariesAndDefaultsPass(String extra) {
        assertDoesNotThrow(() -> parse(BASE + extra));
    }

    @org.junit.jupiter.api.Test
    void ruleIsSkippedWhenAnInputAlreadyFailed() {
        List<ConfigProblem> found = problems(BASE + "totem { token = fast, consensus = 100ms }");
        assertEquals(List.of("totem.token"), found.stream().map(ConfigProblem::path).toList(), found::toString);
    }

    /** Short forms for nodelist edits that do not fit on one CSV line. */
    private static String expand(String extra) {
        return switch (extra) {
            case "nodelist.1.votes = 2" -> """
                    quorum.last_man_standing = true
                    nodelist = [ { node_id = 1, links = ["a:1"] }, { node_id = 2, votes = 2, links = ["b:1"] } ]
                    """;
            case "nodelist.1.votes = 2.device" -> """
                    quorum.device {}
                    nodelist = [ { node_id = 1, links = ["a:1"] }, { node_id = 2, votes = 2, links = ["b:1"] } ]
                    """;
            case "nodelist.all.votes = 0" -> """
                    nodelist = [ { node_id = 1, votes = 0, links = ["a:1"] }, { node_id = 2, votes = 0, links = ["b:1"] } ]
                    """;
            default -> extra;
        };
    }
}
