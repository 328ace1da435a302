package io.ringsync.cpg.core;

import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgResult;
import io.ringsync.protocol.PureCore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * This node's own CPG clients, one entry per joined (group, pid), with Corosync's per-connection
 * states and the answers they give to requests:
 *
 * <pre>
 *             join        leave       mcast
 * (none)      OK          NOT_EXIST   NOT_EXIST
 * JOINING     EXIST       BUSY        OK
 * JOINED      EXIST       OK          OK
 * LEAVING     BUSY        NOT_EXIST   NOT_EXIST
 * </pre>
 *
 * JOINING becomes JOINED when the join is delivered, or when a sync round takes the process in
 * from this node's joinlist ({@link #joinList}); a delivered leave removes the entry. A
 * client that vanishes loses its entry at once. Leaves in flight (requested or for a vanished
 * process) are remembered, so that a process gone away is told to the ring once. The answers do
 * not change the table; the caller records what it sent ({@link #joinSent}, {@link #leaveSent}).
 */
@PureCore
public final class LocalProcesses {

    LocalProcesses() {
    }

    /** A local process's state in one group. */
    public enum State {
        /** Its join is on the way through the total order. */
        JOINING,
        /** Its join was delivered: it is a member. */
        JOINED,
        /** It asked to leave; the leave is on the way. */
        LEAVING
    }

    private static final Comparator<CpgHandle> ORDER =
            Comparator.comparing(CpgHandle::group).thenComparingLong(CpgHandle::pid);

    private final TreeMap<CpgHandle, State> processes = new TreeMap<>(ORDER);
    private final Set<CpgHandle> leavesInFlight = new HashSet<>();

    /** The state of {@code handle}, or empty when this node has no such process. */
    Optional<State> state(CpgHandle handle) {
        return Optional.ofNullable(processes.get(handle));
    }

    /** The answer to a join of {@code handle} as far as this node's clients go: OK, EXIST or BUSY. */
    CpgResult joinAnswer(CpgHandle handle) {
        State state = processes.get(handle);
        if (state == null) {
            return CpgResult.OK;
        }
        return state == State.LEAVING ? CpgResult.BUSY : CpgResult.EXIST;
    }

    /** The answer to a leave of {@code handle}: OK, NOT_EXIST or BUSY. */
    CpgResult leaveAnswer(CpgHandle handle) {
        State state = processes.get(handle);
        if (state == null || state == State.LEAVING) {
            return CpgResult.NOT_EXIST;
        }
        return state == State.JOINING ? CpgResult.BUSY : CpgResult.OK;
    }

    /** The answer to a multicast of {@code handle}: OK or NOT_EXIST. */
    CpgResult mcastAnswer(CpgHandle handle) {
        State state = processes.get(handle);
        return state == State.JOINING || state == State.JOINED ? CpgResult.OK : CpgResult.NOT_EXIST;
    }

    /** The join of {@code handle} is sent (after {@link #joinAnswer} said OK). */
    void joinSent(CpgHandle handle) {
        processes.put(handle, State.JOINING);
    }

    /** The leave of {@code handle} is sent (after {@link #leaveAnswer} said OK). */
    void leaveSent(CpgHandle handle) {
        processes.put(handle, State.LEAVING);
        leavesInFlight.add(handle);
    }

    /** Totem refused the join: the process is as if it had never asked. */
    void joinRefused(CpgHandle handle) {
        processes.remove(handle, State.JOINING);
    }

    /** Totem refused a leave: a requesting process is a member again; a vanished one's leave is to be sent again. */
    void leaveRefused(CpgHandle handle) {
        leavesInFlight.remove(handle);
        processes.replace(handle, State.LEAVING, State.JOINED);
    }

    /** The join of {@code handle} was delivered. */
    void joined(CpgHandle handle) {
        processes.replace(handle, State.JOINING, State.JOINED);
    }

    /** {@code handle} is no longer a member (its leave delivered, or the sync round removed it). */
    void left(CpgHandle handle) {
        processes.remove(handle);
        leavesInFlight.remove(handle);
    }

    /** The client of {@code handle} went away without leaving; true when it had an entry. */
    boolean vanished(CpgHandle handle) {
        return processes.remove(handle) != null;
    }

    /** True when a leave of {@code handle} is on the way. */
    boolean leaving(CpgHandle handle) {
        return leavesInFlight.contains(handle);
    }

    /** Records that a leave of {@code handle}, a vanished process still in the registry, is sent. */
    void procDownSent(CpgHandle handle) {
        leavesInFlight.add(handle);
    }

    /** A leave of {@code handle} was delivered when it was no member any more: nothing is in flight for it. */
    void leaveDelivered(CpgHandle handle) {
        leavesInFlight.remove(handle);
    }

    /** Forgets leaves in flight that {@code stillMember} says are moot (the sync round removed the process). */
    void forgetLeaves(Predicate<CpgHandle> stillMember) {
        leavesInFlight.removeIf(handle -> !stillMember.test(handle));
    }

    /** Every local process of {@code group}, by pid. */
    List<CpgHandle> inGroup(String group) {
        return List.copyOf(processes.subMap(new CpgHandle(group, 0), true, new CpgHandle(group, Long.MAX_VALUE), true)
                .keySet());
    }

    /**
     * This node's joinlist for a sync round: every local process, those whose join is still on
     * the way included. A join in flight may have been lost with Totem's queue (Totem rejoins,
     * and starts afresh, when a service of the node restarts) or with the messages this node had
     * originated but not yet delivered; listed here, the process joins with NODEUP at the round's
     * end on every node, and its join, if it does arrive later, is a duplicate that changes
     * nothing. Without this the process would stay JOINING forever where the join was lost.
     */
    List<CpgHandle> joinList() {
        return all();
    }

    /** Every local process, by group then pid. */
    List<CpgHandle> all() {
        return List.copyOf(processes.keySet());
    }
}
