package io.ringsync.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.ringsync.config.QuorumSettings.QdeviceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads {@code quorum}, as votequorum(5) names it. Effective values: wait_for_all defaults to
 * two_node; allow_downscale implies expected_votes_tracking; a device's votes default to
 * nodes − 1. auto_tie_breaker_node is "lowest", "highest" or a list of node ids; for a list,
 * {@link QuorumSettings#autoTieBreakerNode()} is {@value #TIE_BREAKER_LIST}.
 */
final class QuorumReader {

    /** autoTieBreakerNode when the tie-breakers are listed in autoTieBreakerNodes. */
    static final String TIE_BREAKER_LIST = "list";

    private static final String ATB = "quorum.auto_tie_breaker_node";
    private static final String DEVICE = "quorum.device";

    private final ValueReader r;
    private final Config deviceTemplate;

    QuorumReader(ValueReader r, Config deviceTemplate) {
        this.r = r;
        this.deviceTemplate = deviceTemplate;
    }

    /** @param nodeCount nodes declared in the nodelist, for the device's default votes */
    QuorumSettings read(int nodeCount) {
        OptionalLong expected = r.optionalNumber("quorum.expected_votes", 0, Integer.MAX_VALUE);
        boolean twoNode = r.bool("quorum.two_node");
        boolean waitForAll = r.optionalBool("quorum.wait_for_all").orElse(twoNode);
        boolean allowDownscale = r.bool("quorum.allow_downscale");
        List<Integer> tieBreakers = tieBreakerList();
        return new QuorumSettings(
                expected.isPresent() ? OptionalInt.of((int) expected.getAsLong()) : OptionalInt.empty(),
                twoNode, waitForAll, r.bool("quorum.last_man_standing"),
                r.millis("quorum.last_man_standing_window", 1, TotemReader.MAX_TIMER_MS),
                r.bool("quorum.auto_tie_breaker"),
                tieBreakers.isEmpty() ? tieBreakerMode() : TIE_BREAKER_LIST, tieBreakers,
                allowDownscale, allowDownscale || r.bool("quorum.expected_votes_tracking"),
                device(nodeCount));
    }

    private String tieBreakerMode() {
        ConfigValue value = r.raw(ATB).orElseThrow();
        if (value.valueType() == ConfigValueType.LIST) {
            return TIE_BREAKER_LIST;
        }
        if (value.valueType() != ConfigValueType.STRING) {
            r.problem(ATB, "expected \"lowest\", \"highest\" or a list of node ids, got "
                    + ValueReader.describe(value));
            return "";
        }
        return r.oneOf(ATB, List.of("lowest", "highest"));
    }

    /** The listed tie-breaker node ids; empty when the value is not a list. */
    private List<Integer> tieBreakerList() {
        if (!(r.raw(ATB).orElse(null) instanceof ConfigList list)) {
            return List.of();
        }
        if (list.isEmpty()) {
            r.problem(ATB, "a list of tie-breaker nodes must name at least one node id");
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValue value = list.get(i);
            if (value.unwrapped() instanceof Integer id && id > 0) {
                ids.add(id);
            } else {
                r.problemAt(ATB + "[" + i + "]", value,
                        "expected a node id (1..2147483647), got " + ValueReader.describe(value));
            }
        }
        return ids;
    }

    private Optional<QdeviceSettings> device(int nodeCount) {
        ConfigValue value = r.raw(DEVICE).orElseThrow();
        if (value.valueType() == ConfigValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof ConfigObject object)) {
            r.problem(DEVICE, "expected null (no device) or an object { timeout = 10s }, got "
                    + ValueReader.describe(value));
            return Optional.empty();
        }
        ValueReader d = r.child(object, deviceTemplate, DEVICE + ".");
        OptionalLong votes = d.optionalNumber("votes", 0, 65535);
        return Optional.of(new QdeviceSettings((int) votes.orElse(Math.max(0, nodeCount - 1)),
                d.millis("timeout", 1, TotemReader.MAX_TIMER_MS),
                d.millis("sync_timeout", 1, TotemReader.MAX_TIMER_MS)));
    }
}
