package io.ringsync.protocol.crypto;

import io.ringsync.config.CryptoSettings;
import io.ringsync.config.RingsyncSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The authkeys a node seals and opens frames with, for the node's whole life. The transport
 * builds its {@link FrameCrypto} from a ring, so a restarted transport starts with the keys in
 * force now, not with the ones the node started with; a key rollover changes them while the
 * transport runs, and the sealing and opening threads pick the change up before their next frame
 * (one volatile read per frame, see {@link FrameCrypto}).
 *
 * <p><b>Rollover without downtime</b>, in three steps that every member takes at the points a
 * {@code ringsync cfg reload} gives (the security issue's rule: a key is accepted by every member
 * before any member seals with it, and dropped only after every member sealed with its successor):
 * <ol>
 *   <li>{@link #prepare}: the node's new file names a new key; the node accepts it beside the key
 *       it seals with. Every member does this before it votes for the reload.</li>
 *   <li>{@link #commit}: the reload committed (a point of the total order, reached only when every
 *       member voted, so every member already accepts the new key): seal with it, still accept the
 *       old one, which members that have not yet reached the commit still seal with.</li>
 *   <li>{@link #retire}: once every member has had time to reach the commit, accept the new key only.
 *       A frame a late member still sealed with the old key is dropped and Totem retransmits it,
 *       sealed anew.</li>
 * </ol>
 * {@link #abort} undoes a prepare when the reload did not commit. Thread-safe: changes are
 * serialised, readers see one consistent {@link Keys} snapshot.
 */
public final class KeyRing {

    /**
     * The keys at one moment.
     *
     * @param version  raised by every change, so a reader can tell it has the current keys
     * @param sealing  the key frames are sealed with
     * @param accepted the keys frames are opened with: {@code sealing} first, then at most one other
     */
    public record Keys(long version, FrameKeys sealing, List<FrameKeys> accepted) {

        /** Copies the list. */
        public Keys {
            accepted = List.copyOf(accepted);
        }
    }

    private final CipherSuite suite;
    private volatile Keys keys;

    private KeyRing(CipherSuite suite, FrameKeys initial) {
        this.suite = Objects.requireNonNull(suite);
        this.keys = new Keys(0, initial, List.of(initial));
    }

    /** A ring sealing and opening with {@code initial} only. */
    public static KeyRing of(CipherSuite suite, FrameKeys initial) {
        return new KeyRing(suite, initial);
    }

    /**
     * The ring {@code settings} ask for: empty for cipher "none"; otherwise the authkey's keys for
     * the cluster.
     *
     * @throws AuthKeyException the authkey is missing, unreadable, of the wrong size or readable by others
     */
    public static Optional<KeyRing> load(RingsyncSettings settings) throws AuthKeyException {
        CryptoSettings crypto = settings.crypto();
        if (!crypto.enabled()) {
            return Optional.empty();
        }
        return Optional.of(of(suiteOf(crypto), loadKeys(crypto, settings.clusterName())));
    }

    /**
     * The frame keys of the authkey {@code crypto} names, for cluster {@code clusterName}.
     *
     * @throws AuthKeyException the authkey is missing, unreadable, of the wrong size or readable by others
     */
    public static FrameKeys loadKeys(CryptoSettings crypto, String clusterName) throws AuthKeyException {
        Path keyFile = crypto.authkey().orElseThrow(() -> new AuthKeyException(
                "crypto.cipher is \"" + crypto.cipher() + "\" but no crypto.authkey is configured"));
        return FrameKeys.derive(AuthKey.load(keyFile), clusterName);
    }

    /** The cipher suite {@code crypto} names (validated at config load). */
    static CipherSuite suiteOf(CryptoSettings crypto) {
        return CipherSuite.fromConfigName(crypto.cipher())
                .orElseThrow(() -> new IllegalArgumentException("unknown crypto.cipher: " + crypto.cipher()));
    }

    /** The cipher, fixed for the node's life (changing it needs a restart). */
    public CipherSuite suite() {
        return suite;
    }

    /** The keys now. */
    public Keys keys() {
        return keys;
    }

    /**
     * Step 1: accepts {@code next} beside the sealing key (replacing a previous key still accepted
     * from an earlier rollover). Nothing changes when {@code next} is the sealing key.
     */
    public synchronized void prepare(FrameKeys next) {
        Keys now = checkCluster(next);
        if (now.sealing().keyId() != next.keyId()) {
            keys = new Keys(now.version() + 1, now.sealing(), List.of(now.sealing(), next));
        }
    }

    /** Step 2: seals with {@code next} from now on and still accepts the key it replaces. */
    public synchronized void commit(FrameKeys next) {
        Keys now = checkCluster(next);
        if (now.sealing().keyId() != next.keyId()) {
            keys = new Keys(now.version() + 1, next, List.of(next, now.sealing()));
        }
    }

    /**
     * Step 3: accepts the sealing key only, if it is still {@code keyId} (a later rollover may have
     * replaced it meanwhile: then its own retire will come).
     */
    public synchronized void retire(int keyId) {
        Keys now = keys;
        if (now.sealing().keyId() == keyId && now.accepted().size() > 1) {
            keys = new Keys(now.version() + 1, now.sealing(), List.of(now.sealing()));
        }
    }

    /** Undoes {@link #prepare} of {@code next} when its reload did not commit. */
    public synchronized void abort(FrameKeys next) {
        Keys now = keys;
        if (now.sealing().keyId() != next.keyId()
                && now.accepted().stream().anyMatch(k -> k.keyId() == next.keyId())) {
            keys = new Keys(now.version() + 1, now.sealing(), List.of(now.sealing()));
        }
    }

    private Keys checkCluster(FrameKeys next) {
        Keys now = keys;
        if (!now.sealing().clusterName().equals(next.clusterName())) {
            throw new IllegalArgumentException("key " + next + " is for another cluster than " + now.sealing());
        }
        return now;
    }

    @Override
    public String toString() {
        Keys now = keys;
        return "KeyRing[" + suite.configName() + ", sealing " + AuthKey.hex(now.sealing().keyId()) + ", accepting "
                + now.accepted().stream().map(k -> AuthKey.hex(k.keyId())).toList() + "]";
    }
}
