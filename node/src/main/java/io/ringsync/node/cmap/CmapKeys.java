package io.ringsync.node.cmap;

import java.util.List;

/**
 * The rules on key names and on who may write them.
 *
 * <p><b>Names</b> (icmap's): 3 to 255 characters of {@code A-Z a-z 0-9 . _ - / :}.
 *
 * <p><b>Access.</b> Keys loaded from the config file ({@link #CONFIG_PREFIXES}) are read-only
 * through cmap: as with Corosync's nodelist, the file is the truth; edit it and run
 * {@code ringsync cfg reload}. Keys the node keeps current ({@link #DERIVED_PREFIXES}: runtime
 * state, statistics, reload status) are read-only as Corosync's {@code runtime.*} and stats map
 * are. Every other key belongs to the operator and applications: set, changed and deleted freely,
 * on this node only (cmap is a node's database, not replicated).
 */
public final class CmapKeys {

    /** Shortest key name. */
    public static final int MIN_LENGTH = 3;
    /** Longest key name. */
    public static final int MAX_LENGTH = 255;

    /** Prefixes of the keys loaded from the config file. */
    public static final List<String> CONFIG_PREFIXES = List.of("totem.", "nodelist.", "quorum.", "logging.",
            "system.", "crypto.", "transport.", "links.", "ckpt.");
    /** Prefixes of the keys the node derives and keeps current. */
    public static final List<String> DERIVED_PREFIXES = List.of("runtime.", "stats.", "config.");

    /** Who may write a key. */
    public enum Access {
        /** The operator's and applications' keys. */
        WRITABLE,
        /** Loaded from the config file: changed by editing it and reloading. */
        CONFIG,
        /** Kept current by the node. */
        DERIVED
    }

    private CmapKeys() {
    }

    /** Throws {@link CmapError#INVALID_PARAM} naming what is wrong with {@code key}. */
    public static void checkName(String key) throws CmapException {
        if (key.length() < MIN_LENGTH || key.length() > MAX_LENGTH) {
            throw new CmapException(CmapError.INVALID_PARAM, "key \"" + abbreviate(key) + "\" must be "
                    + MIN_LENGTH + ".." + MAX_LENGTH + " characters long, not " + key.length());
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == '/' || c == ':';
            if (!ok) {
                throw new CmapException(CmapError.INVALID_PARAM, "key \"" + abbreviate(key) + "\" has a character '"
                        + c + "' at " + i + " (allowed: letters, digits and . _ - / :)");
            }
        }
    }

    /** Who may write {@code key}. */
    public static Access access(String key) {
        if (CONFIG_PREFIXES.stream().anyMatch(key::startsWith)) {
            return Access.CONFIG;
        }
        return DERIVED_PREFIXES.stream().anyMatch(key::startsWith) ? Access.DERIVED : Access.WRITABLE;
    }

    /** Throws {@link CmapError#ACCESS} with the way to change {@code key} when it is not writable. */
    public static void checkWritable(String key) throws CmapException {
        switch (access(key)) {
            case CONFIG:
                throw new CmapException(CmapError.ACCESS, key + " is read-only: it comes from the config file "
                        + "(edit the file and run `ringsync cfg reload`)");
            case DERIVED:
                throw new CmapException(CmapError.ACCESS, key + " is read-only: the node derives it and keeps it current");
            default:
        }
    }

    private static String abbreviate(String key) {
        return key.length() <= 64 ? key : key.substring(0, 61) + "...";
    }
}
