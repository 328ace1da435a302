package io.ringsync.protocol.totem.membership;

import io.ringsync.protocol.PureCore;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The sets a GATHER works on, Corosync's {@code my_proc_list}, {@code my_failed_list} and
 * consensus list, and the join-processing rule over them (corosync.md section 1, "Processing
 * a join"; Corosync's {@code memb_join_process}). Invariants, kept by every method: this node
 * is in proc and not failed, and failed is a subset of proc.
 */
@PureCore
final class GatherSets {

    /** What processing a join did to the sets. */
    enum JoinOutcome {
        /** Identical proc and failed sets: the sender agrees (consensus marked). */
        AGREED,
        /** Its sets are subsets of mine: nothing new, ignored. */
        SUBSET,
        /** The sender is in my failed set: ignored. */
        SENDER_FAILED,
        /** Its sets were merged into mine; GATHER must restart. */
        MERGED,
        /**
         * Its sets differ from mine but merging changed nothing (its extra failed nodes are not
         * mine to adopt, the sender being outside my ring). Deviation from Corosync, which
         * re-gathers anyway: two such nodes would answer each other's joins forever (with
         * send_join 0, at once), so the join is ignored.
         */
        NOTHING_NEW
    }

    private final int myNodeId;
    private final TreeSet<Integer> proc = new TreeSet<>();
    private final TreeSet<Integer> failed = new TreeSet<>();
    private final TreeSet<Integer> consensus = new TreeSet<>();

    /** Sets for {@code myNodeId} with proc = {@code members} plus me, nothing failed. */
    GatherSets(int myNodeId, Collection<Integer> members) {
        this.myNodeId = myNodeId;
        reset(members);
    }

    /** Entering OPERATIONAL: proc = the ring's members, failed cleared (Corosync's operational enter). */
    void reset(Collection<Integer> members) {
        proc.clear();
        proc.addAll(members);
        proc.add(myNodeId);
        failed.clear();
        consensus.clear();
    }

    /** Enter GATHER: add me to proc and reset consensus to {me}. */
    void startGather() {
        proc.add(myNodeId);
        consensus.clear();
        consensus.add(myNodeId);
    }

    /** Add {@code nodeId} to proc (a foreign-ring sender); whether it was new. */
    boolean addProc(int nodeId) {
        return proc.add(nodeId);
    }

    /** FAILED TO RECEIVE: every other node is failed, so this node ends up alone. */
    void failAllOthers() {
        proc.stream().filter(n -> n != myNodeId).forEach(failed::add);
    }

    /**
     * Corosync's {@code memb_join_process}: identical sets mark consensus for the sender; sets
     * that are subsets of mine, or a sender in my failed set, are ignored; otherwise merge its
     * proc list, then add the sender to my failed set if it lists me as failed (symmetric
     * failure), else merge its failed list if the sender is a member of my ring
     * ({@code myRingMembers}) and not already failed here; {@link JoinOutcome#NOTHING_NEW} if
     * that changed nothing.
     */
    JoinOutcome process(JoinMessage join, Collection<Integer> myRingMembers) {
        int sender = join.senderNodeId();
        if (join.procList().equals(procList()) && join.failedList().equals(failedList())) {
            consensus.add(sender);
            return JoinOutcome.AGREED;
        }
        if (proc.containsAll(join.procList()) && failed.containsAll(join.failedList())) {
            return JoinOutcome.SUBSET;
        }
        if (failed.contains(sender)) {
            return JoinOutcome.SENDER_FAILED;
        }
        boolean changed = proc.addAll(join.procList());
        if (join.failedList().contains(myNodeId)) {
            changed |= failed.add(sender);
        } else if (myRingMembers.contains(sender)) {
            changed |= failed.addAll(join.failedList());
        }
        return changed ? JoinOutcome.MERGED : JoinOutcome.NOTHING_NEW;
    }

    /** Consensus: every node of proc − failed has sent sets identical to mine. */
    boolean agreed() {
        return consensus.containsAll(members());
    }

    /** Consensus timeout: mark failed every node of proc − failed that did not agree; whether any was. */
    boolean failNonAgreeing() {
        return failNonAgreeing(n -> true);
    }

    /**
     * Fail-unreachable rule ({@link MembershipCore#peerReachability}): mark failed every node of
     * proc − failed that is in {@code unreachable} and has not agreed; whether any was.
     */
    boolean failUnreachable(Collection<Integer> unreachable) {
        return failNonAgreeing(unreachable::contains);
    }

    /** Marks failed the nodes of proc − failed that did not agree and that {@code which} picks; whether any was. */
    private boolean failNonAgreeing(Predicate<Integer> which) {
        List<Integer> silent = members().stream().filter(n -> which.test(n) && !consensus.contains(n)).toList();
        failed.addAll(silent);
        return !silent.isEmpty();
    }

    /** Reset consensus to {me} (consensus timer expired after agreement, no commit token came). */
    void resetConsensus() {
        consensus.retainAll(List.of(myNodeId));
    }

    /** proc − failed, sorted: the would-be members of the next ring. */
    List<Integer> members() {
        return proc.stream().filter(n -> !failed.contains(n)).toList();
    }

    /** Whether this node has the lowest id of proc − failed (it creates the commit token). */
    boolean lowestIsMe() {
        return members().get(0) == myNodeId;
    }

    /** My proc list, sorted. */
    List<Integer> procList() {
        return List.copyOf(proc);
    }

    /** My failed list, sorted. */
    List<Integer> failedList() {
        return List.copyOf(failed);
    }

    /** The nodes that sent identical sets in this GATHER, me included. */
    List<Integer> consensusList() {
        return List.copyOf(consensus);
    }
}
