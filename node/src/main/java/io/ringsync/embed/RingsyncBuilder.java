package io.ringsync.embed;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.ringsync.config.ConfigLoader;
import io.ringsync.config.InvalidConfigException;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.logging.LoggingSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the settings of an embedded node and starts it ({@link Ringsync#builder()}): from a node
 * file ({@link #configFile}), a typesafe {@code Config} ({@link #config}), or nothing but the keys
 * set here; keys set here win over the file or config. Every key is the node file's, documented in
 * reference.conf; validation is the node's own, and {@link #settings()} and {@link #start()} throw
 * an {@link InvalidConfigException} listing every problem by key.
 *
 * <pre>{@code
 * Ringsync node = Ringsync.builder()
 *         .clusterName("orders").nodeId(1)
 *         .node(1, "10.0.0.1:5405").node(2, "10.0.0.2:5405").node(3, "10.0.0.3:5405")
 *         .runDir(Path.of("/run/orders")).stateDir(Path.of("/var/lib/orders"))
 *         .set("totem.token", "1000ms")
 *         .start();
 * }</pre>
 */
public final class RingsyncBuilder {

    private Path configFile;
    private Config config;
    private final Map<String, Object> keys = new LinkedHashMap<>();
    private final List<Map<String, Object>> nodelist = new ArrayList<>();
    private boolean configureLogging;

    RingsyncBuilder() {
    }

    /** Starts from a node file (system-property and environment overrides apply, as for the daemon). */
    public RingsyncBuilder configFile(Path file) {
        this.configFile = file;
        this.config = null;
        return this;
    }

    /** Starts from {@code nodeConfig}: a node file's keys at root level; relative paths against the working directory. */
    public RingsyncBuilder config(Config nodeConfig) {
        this.config = nodeConfig;
        this.configFile = null;
        return this;
    }

    /** {@code cluster_name}: every node of the cluster has the same. */
    public RingsyncBuilder clusterName(String name) {
        return set("cluster_name", name);
    }

    /** {@code node_id}: this node, one of the nodelist's. */
    public RingsyncBuilder nodeId(int nodeId) {
        return set("node_id", nodeId);
    }

    /**
     * Adds a nodelist entry (one vote, named {@code node<id>}) with its link addresses
     * ({@code host:port}, link 0 first); the entries added here replace the base's nodelist.
     */
    public RingsyncBuilder node(int nodeId, String... links) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("node_id", nodeId);
        entry.put("links", List.of(links));
        nodelist.add(entry);
        return this;
    }

    /** {@code system.run_dir}: volatile files (Aeron's directory, the IPC socket). */
    public RingsyncBuilder runDir(Path dir) {
        return set("system.run_dir", dir.toAbsolutePath().toString());
    }

    /** {@code system.state_dir}: files kept across restarts (the ring seq, expected-votes tracking). */
    public RingsyncBuilder stateDir(Path dir) {
        return set("system.state_dir", dir.toAbsolutePath().toString());
    }

    /**
     * Sets any key of the node file by its path, e.g. {@code set("totem.token", "1000ms")} or
     * {@code set("quorum.two_node", true)}; values as HOCON reads them (strings, numbers,
     * booleans, lists, maps).
     */
    public RingsyncBuilder set(String path, Object value) {
        keys.put(path, value);
        return this;
    }

    /**
     * Configures logback from the node's {@code logging} section on start, as the daemon does
     * (replacing the application's logback configuration). Off by default: an embedding
     * application usually has its own, and the node logs through SLF4J either way.
     */
    public RingsyncBuilder configureLogging(boolean configure) {
        this.configureLogging = configure;
        return this;
    }

    /** The validated settings of the node this builder describes. */
    public RingsyncSettings settings() throws InvalidConfigException {
        Config overrides = overrides();
        if (configFile != null) {
            return ConfigLoader.load(configFile, overrides);
        }
        Config base = Optional.ofNullable(config).orElse(ConfigFactory.empty());
        return ConfigLoader.fromConfig(overrides.withFallback(base), Path.of(""));
    }

    /**
     * Starts the node; see {@link Ringsync#start(Path)} for what is thrown.
     */
    public Ringsync start() throws InvalidConfigException, IOException {
        RingsyncSettings settings = settings();
        if (configureLogging) {
            LoggingSetup.configure(settings.logging(), "node" + settings.nodeId());
        }
        return Ringsync.start(settings);
    }

    private Config overrides() {
        Config overrides = ConfigFactory.empty();
        for (Map.Entry<String, Object> key : keys.entrySet()) {
            overrides = overrides.withValue(key.getKey(), ConfigValueFactory.fromAnyRef(key.getValue(),
                    "set on the builder"));
        }
        if (!nodelist.isEmpty()) {
            overrides = overrides.withValue("nodelist", ConfigValueFactory.fromIterable(nodelist, "the builder's nodes"));
        }
        return overrides;
    }
}
