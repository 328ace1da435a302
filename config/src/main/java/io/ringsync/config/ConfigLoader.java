package io.ringsync.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads a node's configuration. The node file holds the keys at root level; it is placed
 * under {@code ringsync}, with, from highest to lowest precedence:
 * <ol>
 *   <li>system properties ({@code -Dringsync.totem.token=1000}),</li>
 *   <li>environment overrides ({@code CONFIG_FORCE_ringsync_totem_token=1000}),</li>
 *   <li>the node file,</li>
 *   <li>reference.conf,</li>
 * </ol>
 * then resolved, so that reference.conf's {@code ${ringsync.cluster_name}} substitutions see
 * the node file's values. Substitutions in the node file may use the full path
 * ({@code ${ringsync.totem.token}}) or the file's own ({@code ${totem.token}}). Relative paths
 * are resolved against the node file's directory (for every layer, so that derived paths such
 * as ipc_socket stay next to run_dir). Every problem is collected into one
 * {@link InvalidConfigException}.
 */
public final class ConfigLoader {

    private static final String ROOT = "ringsync";

    private ConfigLoader() {
    }

    /** Loads {@code file} with system-property and environment overrides over reference.conf. */
    public static RingsyncSettings load(Path file) throws InvalidConfigException {
        return load(file, ConfigFactory.empty());
    }

    /**
     * As {@link #load(Path)}, with {@code keys} (at root level, as in the file) over the
     * file's values and under system properties and the environment: an application's builder
     * setting a few keys on top of an operator's node file.
     */
    public static RingsyncSettings load(Path file, Config keys) throws InvalidConfigException {
        Config node = selfResolved(keys.withFallback(parseFile(file))).atKey(ROOT);
        Config overrides = ConfigFactory.systemProperties().withOnlyPath(ROOT)
                .withFallback(ConfigFactory.systemEnvironmentOverrides().withOnlyPath(ROOT));
        Path baseDir = file.toAbsolutePath().normalize().getParent();
        return build(overrides.withFallback(node), baseDir, Optional.of(file));
    }

    /**
     * Parses settings from a string over reference.conf, without overrides; relative paths
     * are resolved against the working directory. For tests and generated configurations.
     *
     * @param originDescription names the string in problems, as a file name would
     */
    public static RingsyncSettings parse(String hocon, String originDescription) throws InvalidConfigException {
        ConfigParseOptions options = ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
                .setOriginDescription(originDescription);
        Config node;
        try {
            node = ConfigFactory.parseString(hocon, options);
        } catch (ConfigException e) {
            throw single(e);
        }
        return build(selfResolved(node).atKey(ROOT), Path.of("").toAbsolutePath(), Optional.empty());
    }

    /**
     * Settings from {@code node}, a config holding a node file's keys at root level (an
     * application's own section, e.g. {@code appConfig.getConfig("ringsync")}, or one built with
     * {@code ConfigFactory.parseMap}), over reference.conf and without overrides; relative paths
     * are resolved against {@code baseDir}.
     */
    public static RingsyncSettings fromConfig(Config node, Path baseDir) throws InvalidConfigException {
        return build(selfResolved(node).atKey(ROOT), baseDir.toAbsolutePath().normalize(), Optional.empty());
    }

    private static Config parseFile(Path file) throws InvalidConfigException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            String why = Files.exists(file) ? "is not a readable file" : "does not exist";
            throw new InvalidConfigException(List.of(new ConfigProblem("", file.toString(), "config file " + why)));
        }
        ConfigParseOptions options = ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
                .setAllowMissing(false);
        try {
            return ConfigFactory.parseFile(file.toFile(), options);
        } catch (ConfigException e) {
            throw single(e);
        }
    }

    /**
     * Resolves the node file's substitutions among its own root-level keys first, so that
     * {@code nodelist += { ... }} and {@code ${totem.token}} mean what they say in the file;
     * substitutions of keys the file does not set are left for the merged resolution.
     */
    private static Config selfResolved(Config node) throws InvalidConfigException {
        try {
            return node.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
        } catch (ConfigException e) {
            throw single(e);
        }
    }

    private static RingsyncSettings build(Config layered, Path baseDir, Optional<Path> source)
            throws InvalidConfigException {
        Config reference = Reference.CONFIG;
        Config merged = layered.withFallback(reference.withOnlyPath(ROOT));
        // Lets the node file's own substitutions use root-level paths, e.g. ${totem.token}.
        merged = merged.withFallback(((ConfigObject) merged.root().get(ROOT)).toConfig());
        Config resolved;
        try {
            resolved = merged.resolve();
        } catch (ConfigException e) {
            throw single(e);
        }
        return SettingsReader.read(resolved, reference, baseDir, source);
    }

    /** A syntax, I/O or substitution error as one problem with its file and line. */
    private static InvalidConfigException single(ConfigException e) {
        String message = e.getMessage();
        if (e.origin() != null && message.startsWith(e.origin().description() + ": ")) {
            message = message.substring(e.origin().description().length() + 2);
        }
        return new InvalidConfigException(List.of(new ConfigProblem("", Origins.format(e.origin()), message)));
    }

    /** reference.conf, parsed once: the "ringsync" tree and the "ringsync-schema" templates. */
    private static final class Reference {
        static final Config CONFIG = load();

        private static Config load() {
            Config all = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
            if (!all.hasPath("ringsync-schema")) {
                throw new IllegalStateException("ringsync's reference.conf is not on the class path");
            }
            return all.withOnlyPath(ROOT).withFallback(all.withOnlyPath("ringsync-schema"));
        }
    }
}
