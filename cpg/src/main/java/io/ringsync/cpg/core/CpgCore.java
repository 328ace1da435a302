package io.ringsync.cpg.core;

import io.ringsync.cpg.CpgAddress;
import io.ringsync.cpg.CpgConfChg;
import io.ringsync.cpg.CpgDeliver;
import io.ringsync.cpg.CpgFlowControl;
import io.ringsync.cpg.CpgGroupMembers;
import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgLimits;
import io.ringsync.cpg.CpgMember;
import io.ringsync.cpg.CpgNotification;
import io.ringsync.cpg.CpgReason;
import io.ringsync.cpg.CpgResult;
import io.ringsync.cpg.CpgTotemConfChg;
import io.ringsync.protocol.PureCore;
import io.ringsync.protocol.service.ReplicatedService;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One node's closed process groups, pure (Corosync's cpg service engine): the replicated
 * {@link CpgRegistry} of groups, this node's own clients ({@link LocalProcesses}), and the sync
 * round after each ring change ({@link CpgSync}). A {@code ServiceChannel} feeds it Totem's
 * ordered stream; its driver asks it to admit local requests and multicasts what it admits.
 *
 * <p><b>Order.</b> Joins, leaves and multicasts are messages of the one total order, so every
 * node applies them at the same point; a configuration change a message makes goes, at that
 * point, to the local members of the group (after the change, and those who left, who learn so
 * from it). Multicasts from a process that is not a member of the group are dropped, as Corosync
 * drops those of an unknown node. After a ring change the sync round's changes come, then a
 * {@link CpgTotemConfChg} to every local process.
 *
 * <p><b>Requests</b> are answered as Corosync does ({@link LocalProcesses} has the table), and
 * with TRY_AGAIN before the first ring and while a sync round runs (Totem holds messages of a new
 * ring until the round ends anyway), and to a join while the pid's previous membership of the
 * group is still leaving. An admitted request's message must be multicast; if Totem refuses it,
 * {@link #joinRefused} or {@link #leaveRefused} undoes the admission.
 *
 * <p><b>Processes that go away.</b> {@link #vanished} forgets a client at once. If the registry
 * still lists it (now, or when its join in flight is delivered), {@link #takeProcDowns} hands the
 * driver a leave with PROCDOWN to multicast, once; during a sync round the process is simply left
 * out of the joinlist, so the round removes it with PROCDOWN.
 *
 * <p><b>Joins in flight across a ring change.</b> The joinlist a node sends in a sync round lists
 * its processes still JOINING too ({@link LocalProcesses#joinList}): a join Totem lost (its queue
 * goes when it rejoins after a service restart) would otherwise leave its process JOINING for
 * ever. Such a process joins with NODEUP at the round's end, on every node alike; its join, if it
 * was only delayed, arrives after the round as a duplicate, which changes nothing. Corosync lists
 * only joined processes, its Totem never dropping a queued message; the price here is that a
 * process whose join straddles a ring change is told NODEUP where it would have been told JOIN.
 *
 * <p>Outputs accumulate until taken: {@link #takeNotifications()} and {@link #takeProcDowns()}.
 */
@PureCore
public final class CpgCore implements ReplicatedService {

    /**
     * The answer to a local request: the result, and on OK the message to multicast.
     *
     * @param result  OK or why not
     * @param message the encoded message when OK, else null
     */
    public record Admission(CpgResult result, byte[] message) {

        static Admission refused(CpgResult result) {
            return new Admission(result, null);
        }

        static Admission send(CpgMessage message) {
            return new Admission(CpgResult.OK, CpgCodec.encode(message));
        }

        /** True when the message is to be multicast. */
        public boolean admitted() {
            return result == CpgResult.OK;
        }
    }

    /**
     * A leave with PROCDOWN to multicast for a local process that went away while the registry
     * still lists it. If Totem refuses it, {@link #leaveRefused} makes it come again.
     *
     * @param handle  the process that went away
     * @param message the encoded leave
     */
    public record ProcDown(CpgHandle handle, byte[] message) {
    }

    private final int nodeId;
    private final CpgRegistry registry = new CpgRegistry();
    private final LocalProcesses local = new LocalProcesses();
    private final CpgSync sync = new CpgSync();
    private final List<CpgNotification> notifications = new ArrayList<>();
    private RingId ring;
    private List<Integer> ringMembers = List.of();
    private boolean syncing;
    private boolean procDownsToCheck;
    private boolean totemQueueFull;
    private long ignored;
    private long droppedMcasts;

    /** The CPG of node {@code nodeId}, before any ring. */
    public CpgCore(int nodeId) {
        this.nodeId = nodeId;
    }

    // ---- local requests

    /**
     * Process {@code handle.pid()} of this node asks to join {@code handle.group()}; with
     * {@code initialTotemConf}, it is told the current ring at once (Corosync's
     * CPG_MODEL_V1_DELIVER_INITIAL_TOTEM_CONF).
     */
    public Admission join(CpgHandle handle, boolean initialTotemConf) {
        CpgResult answer = local.joinAnswer(handle);
        if (answer != CpgResult.OK) {
            return Admission.refused(answer);
        }
        if (!ready() || registry.contains(handle.group(), member(handle))) {
            return Admission.refused(CpgResult.TRY_AGAIN);
        }
        local.joinSent(handle);
        if (initialTotemConf) {
            notifications.add(new CpgNotification(handle, new CpgTotemConfChg(ring, ringMembers)));
        }
        return Admission.send(new CpgMessage.Join(handle.group(), handle.pid()));
    }

    /** Process {@code handle.pid()} asks to leave {@code handle.group()}. */
    public Admission leave(CpgHandle handle) {
        CpgResult answer = local.leaveAnswer(handle);
        if (answer != CpgResult.OK) {
            return Admission.refused(answer);
        }
        if (!ready()) {
            return Admission.refused(CpgResult.TRY_AGAIN);
        }
        local.leaveSent(handle);
        return Admission.send(new CpgMessage.Leave(handle.group(), handle.pid(), CpgReason.LEAVE));
    }

    /** Process {@code handle.pid()} multicasts {@code payload} to {@code handle.group()}. */
    public Admission mcast(CpgHandle handle, byte[] payload) {
        if (payload.length > CpgLimits.MAX_MESSAGE_BYTES) {
            return Admission.refused(CpgResult.TOO_BIG);
        }
        CpgResult answer = local.mcastAnswer(handle);
        if (answer != CpgResult.OK) {
            return Admission.refused(answer);
        }
        if (!ready()) {
            return Admission.refused(CpgResult.TRY_AGAIN);
        }
        return Admission.send(new CpgMessage.Mcast(handle.group(), handle.pid(), payload));
    }

    /** Totem refused the admitted join of {@code handle}. */
    public void joinRefused(CpgHandle handle) {
        local.joinRefused(handle);
    }

    /** Totem refused an admitted leave or a {@link ProcDown} of {@code handle}. */
    public void leaveRefused(CpgHandle handle) {
        local.leaveRefused(handle);
        procDownsToCheck = true;
    }

    /**
     * Totem answered a multicast of this node's CPG with {@code result}: TRY_AGAIN means its queue
     * is full ({@link #flowControl()}), OK that it took the message; other answers tell nothing.
     */
    public void totemAnswered(CpgResult result) {
        if (result == CpgResult.OK || result == CpgResult.TRY_AGAIN) {
            totemQueueFull = result == CpgResult.TRY_AGAIN;
        }
    }

    /** The client of {@code handle} went away without leaving (Corosync's lib_exit_fn). */
    public void vanished(CpgHandle handle) {
        local.vanished(handle);
        procDownsToCheck = true;
    }

    // ---- outputs

    /** The events for local processes since the last call, in order. */
    public List<CpgNotification> takeNotifications() {
        List<CpgNotification> taken = List.copyOf(notifications);
        notifications.clear();
        return taken;
    }

    /** Leaves to multicast for local processes that went away, each once; none during a sync round. */
    public List<ProcDown> takeProcDowns() {
        if (!procDownsToCheck || !ready()) {
            return List.of();
        }
        procDownsToCheck = false;
        List<ProcDown> procDowns = new ArrayList<>();
        for (String group : registry.groupNames()) {
            for (CpgMember mine : registry.select(group, m -> m.nodeId() == nodeId)) {
                CpgHandle handle = new CpgHandle(group, mine.pid());
                if (local.state(handle).isEmpty() && !local.leaving(handle)) {
                    local.procDownSent(handle);
                    procDowns.add(new ProcDown(handle, CpgCodec.encode(
                            new CpgMessage.Leave(group, mine.pid(), CpgReason.PROCDOWN))));
                }
            }
        }
        return procDowns;
    }

    // ---- queries

    /** This node's id (Corosync's cpg_local_get). */
    public int nodeId() {
        return nodeId;
    }

    /** The members of {@code group}, sorted; empty when it does not exist. */
    public List<CpgMember> members(String group) {
        return registry.members(group);
    }

    /** Every group and its members, by name. */
    public List<CpgGroupMembers> groups() {
        return registry.groups();
    }

    /** The state of a local process, empty when there is none. */
    public Optional<LocalProcesses.State> localState(CpgHandle handle) {
        return local.state(handle);
    }

    /** Every local process, by group then pid. */
    public List<CpgHandle> localProcesses() {
        return local.all();
    }

    /** The current ring, or null before the first. */
    public RingId ringId() {
        return ring;
    }

    /**
     * Whether a multicast would meet TRY_AGAIN now (Corosync's cpg_flow_control_state_get, which
     * there always says DISABLED): ENABLED before the first ring and while a sync round runs, and
     * from Totem refusing one of this node's CPG messages for a full queue until it takes one
     * again or delivers one of this node's messages (which frees room in its queue).
     */
    public CpgFlowControl flowControl() {
        return ready() && !totemQueueFull ? CpgFlowControl.DISABLED : CpgFlowControl.ENABLED;
    }

    /** True while a sync round runs. */
    public boolean syncing() {
        return syncing;
    }

    /** Messages skipped: undecodable, or a sync message delivered as an application one. */
    public long ignored() {
        return ignored;
    }

    /** Multicasts dropped because their sender was not a member of the group. */
    public long droppedMcasts() {
        return droppedMcasts;
    }

    // ---- ReplicatedService

    @Override
    public ServiceId serviceId() {
        return ServiceId.CPG;
    }

    @Override
    public void onConfiguration(ConfigurationKind kind, RingId ringId, List<Integer> members, List<Integer> left,
                                List<Integer> joined) {
        if (kind == ConfigurationKind.TRANSITIONAL) {
            sync.transitional(members);
        } else {
            ring = ringId;
            ringMembers = List.copyOf(members);
        }
    }

    @Override
    public List<byte[]> syncInit(RingId ringId, List<Integer> members) {
        syncing = true;
        sync.begin(members);
        return CpgCodec.joinLists(local.joinList());
    }

    @Override
    public void syncProcess(int senderNodeId, byte[] body) {
        Optional<CpgMessage> message = CpgCodec.decode(body);
        if (message.isPresent() && message.get() instanceof CpgMessage.JoinList list) {
            sync.joinList(senderNodeId, list.entries());
        } else {
            ignored++;
        }
    }

    @Override
    public void syncActivate(RingId ringId) {
        sync.activate(registry).forEach(this::apply);
        local.forgetLeaves(handle -> registry.contains(handle.group(), member(handle)));
        syncing = false;
        procDownsToCheck = true;
        CpgTotemConfChg totem = new CpgTotemConfChg(ring, ringMembers);
        local.all().forEach(handle -> notifications.add(new CpgNotification(handle, totem)));
    }

    @Override
    public void syncAbort(RingId ringId) {
        sync.abort();
        syncing = false;
    }

    @Override
    public void onDeliver(int senderNodeId, RingId ringId, boolean safe, byte[] body) {
        Optional<CpgMessage> decoded = CpgCodec.decode(body);
        if (decoded.isEmpty()) {
            ignored++;
            return;
        }
        CpgMessage message = decoded.get();
        totemQueueFull &= senderNodeId != nodeId;
        if (message instanceof CpgMessage.Mcast mcast) {
            deliver(new CpgMember(senderNodeId, mcast.pid()), mcast, safe);
        } else if (message instanceof CpgMessage.Join join) {
            registry.join(join.group(), List.of(new CpgMember(senderNodeId, join.pid())), CpgReason.JOIN)
                    .ifPresent(this::apply);
            procDownsToCheck |= senderNodeId == nodeId;
        } else if (message instanceof CpgMessage.Leave leave) {
            registry.leave(leave.group(), List.of(new CpgMember(senderNodeId, leave.pid())), leave.reason())
                    .ifPresentOrElse(this::apply, () -> leaveOfNonMember(senderNodeId, leave));
        } else {
            ignored++;
        }
    }

    private void leaveOfNonMember(int senderNodeId, CpgMessage.Leave leave) {
        if (senderNodeId == nodeId) {
            local.leaveDelivered(new CpgHandle(leave.group(), leave.pid()));
        }
    }

    private void deliver(CpgMember sender, CpgMessage.Mcast mcast, boolean safe) {
        if (!registry.contains(mcast.group(), sender)) {
            droppedMcasts++;
            return;
        }
        CpgDeliver event = new CpgDeliver(mcast.group(), sender, safe, mcast.payload());
        for (CpgHandle handle : local.inGroup(mcast.group())) {
            if (registry.contains(mcast.group(), member(handle))) {
                notifications.add(new CpgNotification(handle, event));
            }
        }
    }

    /**
     * A change made to the registry: the local processes it concerns (members after it, and
     * those who left) are told, then the local table follows it.
     */
    private void apply(CpgConfChg change) {
        for (CpgHandle handle : local.inGroup(change.group())) {
            CpgMember me = member(handle);
            if (change.members().contains(me) || contains(change.left(), me)) {
                notifications.add(new CpgNotification(handle, change));
            }
        }
        for (CpgAddress joined : change.joined()) {
            if (joined.nodeId() == nodeId) {
                local.joined(new CpgHandle(change.group(), joined.pid()));
            }
        }
        for (CpgAddress left : change.left()) {
            if (left.nodeId() == nodeId) {
                local.left(new CpgHandle(change.group(), left.pid()));
            }
        }
    }

    private static boolean contains(List<CpgAddress> addresses, CpgMember member) {
        return addresses.stream().anyMatch(address -> address.member().equals(member));
    }

    private CpgMember member(CpgHandle handle) {
        return new CpgMember(nodeId, handle.pid());
    }

    private boolean ready() {
        return ring != null && !syncing;
    }
}
