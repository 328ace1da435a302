package io.ringsync.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.ringsync.config.NodelistReader.Nodelist;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a resolved configuration into {@link RingsyncSettings}: checks keys against
 * reference.conf, reads every section, applies {@link SettingsRules}, and throws once with
 * every problem found.
 */
final class SettingsReader {

    /** Cluster names: 1..64 characters of [A-Za-z0-9._-]. */
    static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private SettingsReader() {
    }

    /**
     * @param resolved  the merged, resolved configuration with the settings under "ringsync"
     * @param reference reference.conf, unresolved, with "ringsync" and "ringsync-schema"
     * @param baseDir   relative paths are resolved against it
     * @param source    the node file, if any
     */
    static RingsyncSettings read(Config resolved, Config reference, Path baseDir, Optional<Path> source)
            throws InvalidConfigException {
        Problems problems = new Problems();
        ConfigValue root = resolved.root().get("ringsync");
        if (!(root instanceof ConfigObject ringsync)) {
            problems.add("", root == null ? "" : Origins.format(root.origin()),
                    "the settings must be an object, got " + (root == null ? "nothing" : ValueReader.describe(root)));
            throw new InvalidConfigException(problems.list());
        }
        Config schema = reference.getConfig("ringsync-schema");
        new KeyChecker(reference.getObject("ringsync"), Map.of(
                "nodelist[]", schema.getObject("nodelist_entry"),
                "quorum.device", schema.getObject("quorum_device")), problems).check(ringsync);
        ValueReader r = new ValueReader(ringsync.toConfig(), "", problems, baseDir);
        RingsyncSettings settings = readAll(r, schema, source);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems.list());
        }
        return settings;
    }

    private static RingsyncSettings readAll(ValueReader r, Config schema, Optional<Path> source) {
        String clusterName = r.matching("cluster_name", CLUSTER_NAME, "1..64 characters of A-Z a-z 0-9 . _ -");
        int nodeId = (int) r.number("node_id", 1, Integer.MAX_VALUE);
        Nodelist nodelist = new NodelistReader(r, schema.getConfig("nodelist_entry")).read();
        TotemSettings totem = new TotemReader(r).read(nodelist.declared());
        QuorumSettings quorum = new QuorumReader(r, schema.getConfig("quorum_device")).read(nodelist.declared());
        SectionReaders sections = new SectionReaders(r);
        RingsyncSettings settings = new RingsyncSettings(clusterName, nodeId, nodelist.entries(), totem, quorum,
                sections.crypto(), sections.transport(nodelist.entries()),
                sections.links(totem.effectiveTokenMs(nodelist.declared())),
                sections.system(), sections.logging(), source, sections.ckpt());
        new SettingsRules(r).conclude(settings, nodelist);
        return settings;
    }
}
