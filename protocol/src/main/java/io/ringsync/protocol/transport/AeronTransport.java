package io.ringsync.protocol.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.ringsync.config.LinkAddress;
import io.ringsync.config.NodeEntry;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.wire.EnumCounters;
import io.ringsync.protocol.wire.FrameDecoder;
import io.ringsync.protocol.wire.FrameEncoder;
import io.ringsync.protocol.wire.ClusterHash;
import io.ringsync.protocol.wire.WireFrame;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.AgentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's Aeron transport, the only class that touches Aeron: an embedded media driver in
 * {@code settings.system().aeronDir()}, one {@link ExclusivePublication} per peer link
 * ({@code aeron:udp?endpoint=<peer link>}), one {@link Subscription} per own link address
 * and one thread, {@code ringsync-transport-<nodeId>}, that drives driver and client
 * (INVOKER mode) and polls; see {@link AeronSetup} for why. All publications and
 * subscriptions are created in the constructor, before that thread starts, so the driver is
 * never invoked from two threads.
 *
 * <p>Inbound frames go to the {@link InboundListener} on the poller thread. {@link #send} is
 * called by one thread at a time (the owning actor). {@link #close} stops the thread, closes
 * everything and deletes the Aeron directory; it is idempotent.
 */
public final class AeronTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AeronTransport.class);

    private final RingsyncSettings settings;
    private final File aeronDir;
    private final ErrorHandler errorHandler = e -> LOG.warn("aeron error", e);
    private final Map<Integer, ExclusivePublication[]> publications = new HashMap<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final FrameEncoder encoder;
    private final EnumCounters<SendResult> sendResults = new EnumCounters<>(SendResult.class);
    private final AtomicLong bytesSent = new AtomicLong();
    private MediaDriver driver;
    private Aeron aeron;
    private TransportAgent agent;
    private AgentRunner runner;
    private volatile boolean closed;

    /** Starts the driver, client, publications, subscriptions and the poller thread. */
    public AeronTransport(RingsyncSettings settings, InboundListener listener) {
        this.settings = settings;
        this.aeronDir = settings.system().aeronDir().toFile();
        this.encoder = new FrameEncoder(ClusterHash.of(settings.clusterName()));
        try {
            start(listener);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void start(InboundListener listener) {
        prepareDirectory();
        driver = MediaDriver.launch(AeronSetup.driverContext(settings, errorHandler));
        aeron = Aeron.connect(AeronSetup.clientContext(settings, driver, errorHandler));
        for (LinkAddress own : settings.localNode().links()) {
            subscriptions.add(aeron.addSubscription(AeronSetup.subscriptionChannel(own), AeronSetup.STREAM_ID));
        }
        for (NodeEntry peer : settings.peers()) {
            publications.put(peer.nodeId(), publicationsTo(peer));
        }
        agent = new TransportAgent(settings.nodeId(), driver.sharedAgentInvoker(), aeron.conductorAgentInvoker(),
                subscriptions, new FrameDecoder(settings), listener, () -> sendResults.get(SendResult.SENT));
        runner = new AgentRunner(AeronSetup.idleStrategy(settings.transport()), errorHandler, null, agent);
        AgentRunner.startOnThread(runner, r -> new Thread(r, agent.roleName()));
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
     * Encodes {@code frame} and offers it on the publication to {@code nodeId}'s link
     * {@code linkNumber}. Back pressure and admin actions are retried at most
     * {@code backPressureRetries} times with a {@link Thread#yield()} between tries;
     * NOT_CONNECTED is not retried. Every outcome is counted.
     */
    public SendResult send(int nodeId, int linkNumber, WireFrame frame) {
        if (closed) {
            return sendResults.increment(SendResult.CLOSED);
        }
        ExclusivePublication[] pubs = publications.get(nodeId);
        if (pubs == null || linkNumber < 0 || linkNumber >= pubs.length) {
            return sendResults.increment(SendResult.NO_ROUTE);
        }
        int length = encoder.encode(frame);
        SendResult result = offer(pubs[linkNumber], length);
        if (result == SendResult.SENT) {
            bytesSent.addAndGet(length);
            wakeTransportThread();
        }
        return sendResults.increment(result);
    }

    /**
     * In INVOKER mode the driver's sender runs on the transport thread, so an offered frame
     * leaves only when that thread next runs its duty cycle. Unparking it here bounds the
     * outbound delay by a wake-up instead of the idle strategy's longest park, which lets an
     * idle node park long (low CPU) without slowing what it sends.
     */
    private void wakeTransportThread() {
        Thread thread = runner.thread();
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private SendResult offer(ExclusivePublication pub, int length) {
        int retries = Math.max(0, settings.transport().backPressureRetries());
        for (int attempt = 0; ; attempt++) {
            long position = pub.offer(encoder.buffer(), 0, length);
            if (position > 0) {
                return SendResult.SENT;
            }
            SendResult failure = failureOf(position);
            boolean retriable = failure == SendResult.BACK_PRESSURED || failure == SendResult.ADMIN_ACTION;
            if (!retriable || attempt >= retries) {
                return failure;
            }
            Thread.yield();
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
            return new TransportStats(settings.nodeId(), 0, 0, 0, 0, Map.of(), sendResults.snapshot());
        }
        return new TransportStats(settings.nodeId(),
                sendResults.get(SendResult.SENT), bytesSent.get(),
                a.framesReceived.get(), a.bytesReceived.get(),
                a.decoder().dropCounts(), sendResults.snapshot());
    }

    /** The driver's directory (deleted by {@link #close}). */
    public File aeronDirectory() {
        return aeronDir;
    }

    /** Stops the poller, closes publications, subscriptions, client and driver, deletes the directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        CloseHelper.quietClose(runner);
        CloseHelper.quietCloseAll(aeron, driver);
        IoUtil.delete(aeronDir, true);
    }
}
