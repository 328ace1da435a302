package io.ringsync.node.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code --version}: the jar manifest's Implementation-Version, else the built-in version file. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    private static final String RESOURCE = "/io/ringsync/node/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"ringsync " + version()};
    }

    /** The version of this build, e.g. "0.1.0-SNAPSHOT"; "unknown" when nothing says. */
    public static String version() {
        String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
