package io.ringsync.protocol.crypto;

import io.ringsync.protocol.PureCore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The newest session of each sender node and its {@link ReplayWindow}, which decide whether
 * an authentic frame is fresh. Sessions are ordered by the boot count the sender persists and
 * raises at every start, so no clock is needed:
 * <ul>
 *   <li>a higher boot count than the newest known (or a first frame) starts a new session,
 *       whose window replaces the old one: the sender restarted;</li>
 *   <li>a lower boot count is {@link Rejection#STALE_SESSION} (a frame of an earlier run,
 *       replayed or delayed);</li>
 *   <li>the same boot count with another session id is {@link Rejection#SESSION_CONFLICT};</li>
 *   <li>the newest session's frames go through its window ({@link Rejection#REPLAYED}).</li>
 * </ul>
 * Only authenticated frames reach it, so only key holders create entries: at most one per node.
 */
@PureCore
final class SenderSessions {

    private final Map<Integer, Session> newest = new HashMap<>();

    /** Accepts (empty) or rejects one authentic frame of {@code senderNodeId}'s session. */
    Optional<Rejection> admit(int senderNodeId, long bootCount, SessionId session, long counter) {
        Session current = newest.get(senderNodeId);
        if (current == null || bootCount > current.bootCount) {
            current = new Session(bootCount, session);
            newest.put(senderNodeId, current);
        } else if (bootCount < current.bootCount) {
            return Optional.of(Rejection.STALE_SESSION);
        } else if (!session.equals(current.session)) {
            return Optional.of(Rejection.SESSION_CONFLICT);
        }
        return current.window.accept(counter) ? Optional.empty() : Optional.of(Rejection.REPLAYED);
    }

    /** The boot count of {@code senderNodeId}'s newest session, or -1 if none was seen. */
    long newestBootCount(int senderNodeId) {
        Session s = newest.get(senderNodeId);
        return s == null ? -1 : s.bootCount;
    }

    private static final class Session {
        final long bootCount;
        final SessionId session;
        final ReplayWindow window = new ReplayWindow();

        Session(long bootCount, SessionId session) {
            this.bootCount = bootCount;
            this.session = session;
        }
    }
}
