package io.ringsync.protocol.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.exceptions.RegistrationException;
import io.ringsync.config.LinkAddress;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.crypto.AuthKeyException;
import io.ringsync.protocol.crypto.BootCountException;
import io.ringsync.protocol.crypto.FrameCrypto;
import io.ringsync.protocol.crypto.FrameSealer;
import io.ringsync.protocol.transport.fault.FaultChange;
import io.ringsync.protocol.transport.fault.FaultFilter;
import io.ringsync.protocol.transport.fault.FaultPlan;
import io.ringsync.protocol.transport.fault.FaultStatus;
import io.ringsync.protocol.wire.EnumCounters;
import io.ringsync.protocol.wire.FrameDecoder;
import io.ringsync.protocol.wire.FrameEncoder;
import io.ringsync.protocol.wire.ClusterHash;
import io.ringsync.protocol.wire.WireFrame;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's Aeron transport, the only class that touches Aeron: an embedded media driver in
 * {@code settings.system().aeronDir()}, one {@link ExclusivePublication} per peer link
 * ({@code aeron:udp?endpoint=<peer link>}), one {@link Subscription} per own link address
 * and one thread, {@code ringsync-transport-<nodeId>}, that drives driver and client
 * (INVOKER mode) and polls; see {@link AeronSetup} for why. All publications and
 * subscriptions are created in the constructor, before that thread starts, or later on that
 * thread itself ({@link #changeNodelist}), so the driver is never invoked from two threads.
 *
 * <p>Frame crypto ({@link FrameCrypto}): with a cipher, every frame is sealed after encoding
 * and before it is offered ({@link FrameSealer#OVERHEAD} bytes longer on the wire; Aeron
 * fragments a message above the MTU as before, and a sealed frame above the largest message
 * is refused as {@link SendResult#TOO_LARGE}), and every inbound message is opened before it
 * is decoded; see {@link CryptoInbound} for what is dropped, counted and logged. With cipher
 * "none" the bytes sent and the receive path are exactly those of an unsealed transport.
 *
 * <p>Fault injection (test clusters only): with {@code transport.fault_injection} the transport
 * carries a {@link FaultFilter}, which does nothing until {@link #changeFaults} gives it a plan.
 * A frame to a cut peer is dropped before it is encoded and answered {@link SendResult#SENT}, as
 * a network that loses it would (only the fault counters count it); inbound frames pass the
 * filter on the poller thread after opening and decoding. Without the setting there is no
 * filter and fault changes are refused.
 *
 * <p>Own endpoint: before the driver starts, every own link address is bound once and released
 * ({@link EndpointProbe}); an address that cannot be bound (not on this host, port taken) fails
 * the constructor with an {@link EndpointUnavailableException}, as does the driver refusing to
 * bind it a moment later (Aeron answers the subscription with a {@code RegistrationException}
 * after handing the {@link SocketException} to the error handler, on this same thread in INVOKER
 * mode). That expected failure is not logged here with a stack trace: the transport actor logs
 * one line and tries again ({@link EndpointDowncheck}). Once open, a bound socket stays bound:
 * Aeron reports no later loss of the address (see {@link TransportActor}).
 *
 * <p>Inbound frames go to the {@link InboundListener} on the poller thread. {@link #send} is
 * called by one thread at a time (the owning actor). {@link #close} stops the thread, closes
 * everything and deletes the Aeron directory; it is idempotent.
 */
public final class AeronTransport implements FrameSender, AutoCloseable {

    /** The Aeron stream id every ringsync frame travels on (a test that injects frames needs it). */
    public static final int STREAM_ID = AeronSetup.STREAM_ID;

    /** How long {@link #close} waits for queued frames to be sent. */
    static final long FLUSH_TIMEOUT_MS = 300;

    private static final Logger LOG = LoggerFactory.getLogger(AeronTransport.class);

    private final RingsyncSettings settings;
    private final File aeronDir;
    private final ErrorHandler errorHandler = this::onAeronError;
    /** The socket error the driver met while {@link #start} opened the subscriptions, if any. */
    private volatile SocketException bindFailure;
    private volatile boolean starting;
    private final Map<Integer, ExclusivePublication[]> publications = new HashMap<>();
    /** The nodelist the publications and the decoder follow (changed on the transport thread). */
    private volatile List<NodeEntry> nodelist;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final FrameEncoder encoder;
    private final FrameCrypto crypto;
    private final UnsafeBuffer sealedBuffer = new UnsafeBuffer(new byte[0]);
    private final EnumCounters<SendResult> sendResults = new EnumCounters<>(SendResult.class);
    private final AtomicLong bytesSent = new AtomicLong();
    private final FaultFilter<TransportAgent.Arrival> faults;
    private MediaDriver driver;
    private Aeron aeron;
    private TransportAgent agent;
    private AgentRunner runner;
    /** Wakes the idle transport thread on a datagram or an offer (idle strategy "backoff" only). */
    private SocketWaiter waiter;
    private volatile boolean closed;
    private volatile long busyUntilNanos = System.nanoTime();
    /** The executor whose tasks run on the transport thread ({@link #host}), and its handle there. */
    private TransportThreadExecutor hosted;
    private TransportThreadExecutor.Host hostHandle;

    /**
     * Loads the crypto {@code settings} ask for ({@link FrameCrypto#load}: authkey, boot count),
     * then starts as {@link #AeronTransport(RingsyncSettings, FrameCrypto, InboundListener)}.
     *
     * @throws AuthKeyException the authkey is refused (one-line message for the operator)
     * @throws BootCountException the boot count in the state dir cannot be read or advanced
     * @throws EndpointUnavailableException an own link address cannot be bound
     */
    public AeronTransport(RingsyncSettings settings, InboundListener listener)
            throws AuthKeyException, BootCountException {
        this(settings, FrameCrypto.load(settings), listener);
    }

    /**
     * Starts the driver, client, publications, subscriptions and the poller thread, sealing with {@code crypto}.
     *
     * @throws EndpointUnavailableException an own link address cannot be bound (nothing is left running)
     */
    public AeronTransport(RingsyncSettings settings, FrameCrypto crypto, InboundListener listener) {
        this(settings, crypto, listener, true);
    }

    /**
     * As {@link #AeronTransport(RingsyncSettings, FrameCrypto, InboundListener)}; without
     * {@code probeFirst} the own link addresses are left for the driver alone to bind, which is
     * how a test reaches the refusal a socket taking the port after the probe would cause.
     */
    AeronTransport(RingsyncSettings settings, FrameCrypto crypto, InboundListener listener, boolean probeFirst) {
        this.settings = settings;
        this.nodelist = settings.nodelist();
        this.crypto = crypto;
        this.aeronDir = settings.system().aeronDir().toFile();
        this.encoder = new FrameEncoder(ClusterHash.of(settings.clusterName()));
        this.faults = settings.transport().faultInjection() ? new FaultFilter<>() : null;
        try {
            start(listener, probeFirst);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void start(InboundListener listener, boolean probeFirst) {
        List<LinkAddress> ownLinks = settings.localNode().links();
        if (probeFirst) {
            EndpointProbe.check(ownLinks);
        }
        prepareDirectory();
        starting = true;
        waiter = AeronSetup.socketWaiter(settings.transport());
        driver = MediaDriver.launch(AeronSetup.driverContext(settings, errorHandler, waiter));
        aeron = Aeron.connect(AeronSetup.clientContext(settings, driver, errorHandler));
        for (int link = 0; link < ownLinks.size(); link++) {
            subscriptions.add(subscribe(link, ownLinks.get(link)));
        }
        starting = false;
        for (NodeEntry peer : settings.peers()) {
            publications.put(peer.nodeId(), publicationsTo(peer));
        }
        agent = new TransportAgent(settings.nodeId(), driver.sharedAgentInvoker(), aeron.conductorAgentInvoker(),
                subscriptions, new FrameDecoder(settings), crypto.enabled() ? new CryptoInbound(crypto) : null,
                listener, () -> sendResults.get(SendResult.SENT), faults);
        runner = new AgentRunner(AeronSetup.idleStrategy(settings.transport(), () -> busyUntilNanos, waiter), errorHandler,
                null, agent);
        AgentRunner.startOnThread(runner, r -> new Thread(r, agent.roleName()));
    }

    /** The subscription to own link {@code link}; a bind refused by the driver becomes an {@link EndpointUnavailableException}. */
    private Subscription subscribe(int link, LinkAddress own) {
        try {
            return aeron.addSubscription(AeronSetup.subscriptionChannel(own), AeronSetup.STREAM_ID);
        } catch (RegistrationException e) {
            SocketException cause = bindFailure;
            if (cause == null) {
                throw e;
            }
            throw new EndpointUnavailableException(link, own, EndpointProbe.reasonOf(cause));
        }
    }

    /**
     * Aeron's error handler: a socket error while the subscriptions are being opened is the
     * expected bind failure (kept for {@link #subscribe}, logged at debug only); anything else
     * is logged as a one-line warning naming the error and its causes, the stack trace at debug.
     */
    private void onAeronError(Throwable error) {
        SocketException socketError = starting ? socketCause(error) : null;
        if (socketError != null) {
            bindFailure = socketError;
            LOG.debug("aeron: cannot bind an own link address: {}", error.getMessage());
        } else {
            LOG.warn("aeron error on node {}: {}", settings.nodeId(), describe(error));
            LOG.debug("aeron error in full", error);
        }
    }

    /** {@code error}'s type and message, then each cause's (8 at most), on one line. */
    static String describe(Throwable error) {
        StringBuilder line = new StringBuilder();
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < 8; t = t.getCause()) {
            if (!line.isEmpty()) {
                line.append(" <- ");
            }
            line.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                line.append(": ").append(t.getMessage());
            }
        }
        return line.toString();
    }

    private static SocketException socketCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SocketException socket) {
                return socket;
            }
        }
        return null;
    }

    /** Deletes a stale directory of a crashed run and makes sure the run dir exists. */
    private void prepareDirectory() {
        try {
            IoUtil.delete(aeronDir, true);
            Files.createDirectories(aeronDir.toPath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ExclusivePublication[] publicationsTo(NodeEntry peer) {
        int links = Math.min(peer.links().size(), settings.localNode().links().size());
        ExclusivePublication[] pubs = new ExclusivePublication[links];
        for (int link = 0; link < links; link++) {
            String channel = AeronSetup.publicationChannel(peer.links().get(link), settings.transport());
            pubs[link] = aeron.addExclusivePublication(channel, AeronSetup.STREAM_ID);
        }
        return pubs;
    }

    /**
     * Follows a runtime nodelist change: opens publications to added peers, closes those to
     * removed peers, re-opens those of a peer whose link addresses changed, and has the decoder
     * accept frames from exactly {@code next}'s nodes. This node's own entry (its subscriptions)
     * does not change. Done on the transport thread (the only one that may invoke the driver);
     * the future completes with a one-line summary once done, or fails if the transport closed.
     */
    public CompletableFuture<String> changeNodelist(List<NodeEntry> next) {
        CompletableFuture<String> done = new CompletableFuture<>();
        if (closed || agent == null) {
            done.completeExceptionally(new IllegalStateException("the transport of node " + settings.nodeId()
                    + " is closed"));
            return done;
        }
        agent.runOnTransportThread(() -> {
            try {
                done.complete(applyNodelist(List.copyOf(next)));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** On the transport thread: the publications and the decoder follow {@code next}. */
    private String applyNodelist(List<NodeEntry> next) {
        Map<Integer, NodeEntry> before = byId(nodelist);
        Map<Integer, NodeEntry> after = byId(next);
        List<Integer> opened = new ArrayList<>();
        List<Integer> dropped = new ArrayList<>();
        Map<Integer, ExclusivePublication[]> added = new HashMap<>();
        for (NodeEntry peer : next) {
            NodeEntry old = before.get(peer.nodeId());
            if (peer.nodeId() != settings.nodeId() && (old == null || !old.links().equals(peer.links()))) {
                added.put(peer.nodeId(), publicationsTo(peer));
                opened.add(peer.nodeId());
            }
        }
        List<ExclusivePublication> toClose = new ArrayList<>();
        synchronized (this) {
            for (Integer id : before.keySet()) {
                if (!after.containsKey(id) || added.containsKey(id)) {
                    ExclusivePublication[] old = publications.remove(id);
                    if (old != null) {
                        toClose.addAll(Arrays.asList(old));
                    }
                    if (!after.containsKey(id)) {
                        dropped.add(id);
                    }
                }
            }
            publications.putAll(added);
            nodelist = next;
        }
        toClose.forEach(CloseHelper::quietClose);
        agent.decoder().changeNodelist(next);
        String summary = "publications opened to " + opened + ", closed to " + dropped;
        LOG.info("transport of node {}: nodelist now {}: {}", settings.nodeId(), after.keySet(), summary);
        return summary;
    }

    private static Map<Integer, NodeEntry> byId(List<NodeEntry> nodes) {
        Map<Integer, NodeEntry> map = new TreeMap<>();
        nodes.forEach(node -> map.put(node.nodeId(), node));
        return map;
    }

    /**
     * Keep the transport thread polling, without parking, until {@code nanos} (System.nanoTime),
     * replacing the window set before: an earlier instant ends a window in progress (see
     * {@link BusyPollIdleStrategy}; only the "backoff" idle strategy heeds it).
     */
    public void pollUntil(long nanos) {
        busyUntilNanos = nanos;
    }

    /**
     * The largest Totem multicast payload this node can send: the decoder's cap
     * ({@link FrameDecoder#maxPayloadBytes}) less {@link FrameSealer#OVERHEAD} when frames are
     * sealed, so that a sealed frame still fits Aeron's largest message.
     */
    public static int maxPayloadBytes(RingsyncSettings settings) {
        int cap = FrameDecoder.maxPayloadBytes(settings.transport().termLengthBytes());
        return settings.crypto().enabled() ? cap - FrameSealer.OVERHEAD : cap;
    }

    /**
     * Encodes {@code frame}, seals it if crypto is enabled, and offers it on the publication to {@code nodeId}'s link
     * {@code linkNumber}. Back pressure and admin actions are retried at most
     * {@code backPressureRetries} times with a {@link Thread#yield()} between tries;
     * NOT_CONNECTED is not retried. Every outcome is counted. Thread-safe: callers on different
     * threads (the transport actor, Totem) take turns, since the encoder, the sealer's nonces
     * and the exclusive publications are single-writer.
     */
    @Override
    public synchronized SendResult send(int nodeId, int linkNumber, WireFrame frame) {
        if (closed) {
            return sendResults.increment(SendResult.CLOSED);
        }
        ExclusivePublication[] pubs = publications.get(nodeId);
        if (pubs == null || linkNumber < 0 || linkNumber >= pubs.length) {
            return sendResults.increment(SendResult.NO_ROUTE);
        }
        if (faults != null && !faults.passesOutbound(nodeId)) {
            return SendResult.SENT;
        }
        ExclusivePublication pub = pubs[linkNumber];
        int length = encoder.encode(frame);
        if (length + crypto.overhead() > pub.maxMessageLength()) {
            return sendResults.increment(SendResult.TOO_LARGE);
        }
        DirectBuffer bytes = encoder.buffer();
        if (crypto.enabled()) {
            sealedBuffer.wrap(crypto.seal(bytes.byteArray(), 0, length));
            bytes = sealedBuffer;
            length = sealedBuffer.capacity();
        }
        SendResult result = offer(pub, bytes, length);
        if (result == SendResult.SENT) {
            bytesSent.addAndGet(length);
            wakeTransportThread();
        }
        return sendResults.increment(result);
    }

    /**
     * In INVOKER mode the driver's sender runs on the transport thread, so an offered frame
     * leaves only when that thread next runs its duty cycle. Waking it here (from its socket
     * wait, or its park: {@link BusyPollIdleStrategy}) bounds the
     * outbound delay by a wake-up instead of the idle strategy's longest park, which lets an
     * idle node park long (low CPU) without slowing what it sends.
     */
    private void wakeTransportThread() {
        Thread thread = runner.thread();
        if (thread == Thread.currentThread()) {
            return;
        }
        if (waiter != null) {
            waiter.wake();
        }
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private boolean onTransportThread() {
        return runner != null && runner.thread() == Thread.currentThread();
    }

    /**
     * Runs {@code executor}'s tasks on this transport's thread from now on, until it closes
     * (then they run on the executor's fallback again): Totem's dispatcher, see
     * {@link TransportThreadExecutor}.
     */
    public void host(TransportThreadExecutor executor) {
        TransportThreadExecutor.Host host = new TransportThreadExecutor.Host() {
            @Override
            public Thread thread() {
                return runner.thread();
            }

            @Override
            public void wake() {
                wakeTransportThread();
            }
        };
        synchronized (this) {
            if (closed) {
                return;
            }
            hosted = executor;
            hostHandle = host;
            agent.host(executor);
            executor.attach(host);
        }
    }

    private SendResult offer(ExclusivePublication pub, DirectBuffer bytes, int length) {
        int retries = Math.max(0, settings.transport().backPressureRetries());
        for (int attempt = 0; ; attempt++) {
            long position = pub.offer(bytes, 0, length);
            if (position > 0) {
                return SendResult.SENT;
            }
            SendResult failure = failureOf(position);
            boolean retriable = failure == SendResult.BACK_PRESSURED || failure == SendResult.ADMIN_ACTION;
            if (!retriable || attempt >= retries) {
                return failure;
            }
            if (onTransportThread()) {
                agent.runDriverOnce();
            } else {
                Thread.yield();
            }
        }
    }

    private static SendResult failureOf(long position) {
        if (position == Publication.NOT_CONNECTED) {
            return SendResult.NOT_CONNECTED;
        }
        if (position == Publication.BACK_PRESSURED) {
            return SendResult.BACK_PRESSURED;
        }
        if (position == Publication.ADMIN_ACTION) {
            return SendResult.ADMIN_ACTION;
        }
        return position == Publication.MAX_POSITION_EXCEEDED ? SendResult.MAX_POSITION_EXCEEDED : SendResult.CLOSED;
    }

    /** An immutable snapshot of every counter. */
    public TransportStats stats() {
        TransportAgent a = agent;
        if (a == null) {
            return new TransportStats(settings.nodeId(), 0, 0, 0, 0, Map.of(), sendResults.snapshot(), Map.of(), 0,
                    EndpointStatus.OPENED);
        }
        CryptoInbound in = a.crypto();
        return new TransportStats(settings.nodeId(),
                sendResults.get(SendResult.SENT), bytesSent.get(),
                a.framesReceived.get(), a.bytesReceived.get(),
                a.decoder().dropCounts(), sendResults.snapshot(),
                in == null ? Map.of() : in.rejections().snapshot(), in == null ? 0 : in.forgedSenders(),
                EndpointStatus.OPENED);
    }

    /**
     * The fault filter's plan and counters.
     *
     * @throws IllegalStateException fault injection is not allowed on this node
     */
    public FaultStatus faultStatus() {
        return faultFilter().status();
    }

    /**
     * Applies {@code change} to the fault filter (logged as a warning: an injected fault should
     * be plain in the node's log) and returns the status after it.
     *
     * @throws IllegalStateException fault injection is not allowed on this node
     * @throws IllegalArgumentException the change does not fit this node (see {@link FaultChange#check})
     */
    public FaultStatus changeFaults(FaultChange change) {
        FaultFilter<?> filter = faultFilter();
        Set<Integer> peers = nodelist.stream().map(NodeEntry::nodeId).filter(id -> id != settings.nodeId())
                .collect(Collectors.toSet());
        Optional<String> problem = change.check(settings.nodeId(), peers);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        FaultPlan plan = filter.change(change);
        LOG.warn("fault injection on node {}: {}", settings.nodeId(), plan.describe());
        return filter.status();
    }

    private FaultFilter<?> faultFilter() {
        if (faults == null) {
            throw new IllegalStateException("fault injection is off on node " + settings.nodeId()
                    + " (set transport.fault_injection = true in its config; test clusters only)");
        }
        return faults;
    }

    /** The driver's directory (deleted by {@link #close}). */
    public File aeronDirectory() {
        return aeronDir;
    }

    /**
     * Lets the driver send what is still queued (at most {@value #FLUSH_TIMEOUT_MS} ms,
     * {@link PublicationFlush}), then stops the poller, closes publications, subscriptions,
     * client and driver, and deletes the directory.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // Without the lock from here until the thread stopped: a send on the transport thread
        // (Totem, hosted there) takes it, sees closed and returns, so the thread can stop.
        if (runner != null && aeron != null) {
            List<ExclusivePublication> all = publications.values().stream().flatMap(Arrays::stream)
                    .filter(Objects::nonNull).toList();
            if (!PublicationFlush.await(aeron.countersReader(), all, FLUSH_TIMEOUT_MS * 1_000_000)) {
                LOG.debug("closing with frames still unsent after {} ms", FLUSH_TIMEOUT_MS);
            }
        }
        CloseHelper.quietClose(runner);
        if (hosted != null) {
            hosted.detach(hostHandle);
        }
        synchronized (this) {
            CloseHelper.quietCloseAll(aeron, driver, waiter);
            IoUtil.delete(aeronDir, true);
        }
    }
}
