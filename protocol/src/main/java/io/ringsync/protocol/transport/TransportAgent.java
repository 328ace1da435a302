package io.ringsync.protocol.transport;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.ringsync.protocol.wire.DecodeResult;
import io.ringsync.protocol.crypto.OpenResult;
import io.ringsync.protocol.wire.FrameDecoder;
import io.ringsync.protocol.transport.fault.FaultFilter;
import io.ringsync.protocol.wire.WireFrame;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;

/**
 * The node's one transport thread: each duty cycle runs the driver's and the client's
 * conductors (invoker mode) and polls every own-link subscription, decoding assembled frames
 * and handing them to the {@link InboundListener}. Owns the {@link FrameDecoder} and, when
 * frames are sealed, the {@link CryptoInbound} that opens each frame before it is decoded
 * (and whose held-back rejection log lines it flushes each duty cycle). With fault injection
 * allowed, every frame that passed those checks goes through the {@link FaultFilter} before the
 * listener sees it (dropped, duplicated or held back as its plan says; a held frame is released
 * from the duty cycle), and {@code framesReceived} still counts each frame once as it arrived.
 *
 * <p>Tasks handed to {@link #runOnTransportThread} (a runtime nodelist change) run first in a
 * duty cycle, outside the conductors' own work. A {@link TransportThreadExecutor} it hosts
 * ({@link #host}) runs its queued tasks (Totem's mailbox) after the subscriptions were polled,
 * so a frame just read is handled in the same cycle; when they ran, the driver runs again and
 * sends what they offered.
 *
 * <p>The work count it reports to the idle strategy is application work only: fragments
 * delivered by the subscriptions and frames offered since the last cycle. The driver's own
 * housekeeping (publication heartbeats every 100 ms, status messages, conductor timers) is
 * done but not counted, so an idle node is not pulled back to short parks dozens of times a
 * second by Aeron's keep-alives; a busy node, receiving or sending, stays in short parks.
 */
final class TransportAgent implements Agent {

    private static final int FRAGMENT_LIMIT = 16;

    /**
     * Driver duty cycles run back to back per agent cycle while they find work. Aeron's sender
     * sends at most one datagram (up to the MTU) per publication per duty cycle, and its
     * receiver reads one batch per poll: a Totem visit of max_messages frames to each peer is
     * dozens of datagrams, which at one duty cycle per agent cycle (with a park or a yield in
     * between) took milliseconds to leave.
     */
    private static final int DRIVER_BURST = 64;

    private final String roleName;
    private final AgentInvoker driverInvoker;
    private final AgentInvoker clientInvoker;
    private final List<Subscription> subscriptions;
    private final FragmentHandler[] assemblers;
    private final FrameDecoder decoder;
    private final CryptoInbound crypto;
    private final InboundListener listener;
    private final LongSupplier framesOffered;
    private final FaultFilter<Arrival> faults;
    private final Consumer<Arrival> handOn = this::handOn;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile TransportThreadExecutor hosted;
    private long framesOfferedSeen;
    final AtomicLong framesReceived = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();

    /** A frame that passed every check, on its way to the listener through the fault filter. */
    record Arrival(int linkNumber, WireFrame frame) {
    }

    /**
     * {@code subscriptions.get(k)} receives this node's link k; {@code crypto} is null when
     * frames are not sealed, {@code faults} when fault injection is not allowed.
     */
    TransportAgent(int nodeId, AgentInvoker driverInvoker, AgentInvoker clientInvoker,
                   List<Subscription> subscriptions, FrameDecoder decoder, CryptoInbound crypto,
                   InboundListener listener, LongSupplier framesOffered, FaultFilter<Arrival> faults) {
        this.roleName = "ringsync-transport-" + nodeId;
        this.driverInvoker = driverInvoker;
        this.clientInvoker = clientInvoker;
        this.subscriptions = List.copyOf(subscriptions);
        this.decoder = decoder;
        this.crypto = crypto;
        this.listener = listener;
        this.framesOffered = framesOffered;
        this.faults = faults;
        this.assemblers = new FragmentHandler[subscriptions.size()];
        for (int link = 0; link < assemblers.length; link++) {
            assemblers[link] = new FragmentAssembler(handlerFor(link));
        }
    }

    /**
     * Runs {@code task} on the transport thread at the start of a duty cycle: the only thread that
     * may invoke the driver, as adding or closing a publication does.
     */
    void runOnTransportThread(Runnable task) {
        tasks.add(task);
    }

    @Override
    public int doWork() {
        int work = 0;
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
            work++;
        }
        runDriver();
        clientInvoker.invoke();
        for (int link = 0; link < assemblers.length; link++) {
            work += subscriptions.get(link).poll(assemblers[link], FRAGMENT_LIMIT);
        }
        long offered = framesOffered.getAsLong();
        if (offered != framesOfferedSeen) {
            framesOfferedSeen = offered;
            work++;
        }
        if (crypto != null) {
            crypto.flushLog(System.nanoTime());
        }
        if (faults != null) {
            work += faults.releaseDue(System.nanoTime(), handOn);
        }
        TransportThreadExecutor executor = hosted;
        if (executor != null && executor.runQueued() > 0) {
            work++;
            runDriver();
        }
        return work;
    }

    /** Runs {@code executor}'s queued tasks in each duty cycle from now on. */
    void host(TransportThreadExecutor executor) {
        hosted = executor;
    }

    /**
     * One duty cycle of the driver, for a send on this thread that met back pressure: the
     * driver's sender and the status messages that lift the pressure run on this thread too.
     */
    void runDriverOnce() {
        driverInvoker.invoke();
    }

    /** The driver's duty cycle, repeated while it finds work, at most {@link #DRIVER_BURST} times. */
    private void runDriver() {
        for (int cycle = 0; cycle < DRIVER_BURST && driverInvoker.invoke() > 0; cycle++) {
            // repeat: the sender has more to send or the receiver more to read
        }
    }

    @Override
    public String roleName() {
        return roleName;
    }

    FrameDecoder decoder() {
        return decoder;
    }

    CryptoInbound crypto() {
        return crypto;
    }

    private FragmentHandler handlerFor(int linkNumber) {
        if (crypto == null) {
            return (buffer, offset, length, header) -> {
                if (decoder.decode(buffer, offset, length) instanceof DecodeResult.Decoded decoded) {
                    deliver(linkNumber, decoded.frame(), length);
                }
            };
        }
        return (buffer, offset, length, header) -> {
            OpenResult.Opened opened = crypto.open(buffer, offset, length, System.nanoTime());
            if (opened != null
                    && decoder.decode(crypto.plaintext(), 0, opened.plaintext().length) instanceof DecodeResult.Decoded decoded
                    && crypto.senderMatches(opened, decoded.frame())) {
                deliver(linkNumber, decoded.frame(), length);
            }
        };
    }

    /** Counts a frame that passed every check ({@code wireLength} bytes as received) and hands it on. */
    private void deliver(int linkNumber, WireFrame frame, int wireLength) {
        framesReceived.incrementAndGet();
        bytesReceived.addAndGet(wireLength);
        if (faults == null) {
            listener.onFrame(linkNumber, frame, System.nanoTime());
        } else {
            faults.inbound(frame.senderNodeId(), new Arrival(linkNumber, frame), System.nanoTime(), handOn);
        }
    }

    /** Hands a frame the fault filter let through (perhaps a second time, or late) to the listener. */
    private void handOn(Arrival arrival) {
        listener.onFrame(arrival.linkNumber(), arrival.frame(), System.nanoTime());
    }
}
