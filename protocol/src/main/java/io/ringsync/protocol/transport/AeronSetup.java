package io.ringsync.protocol.transport;

import io.aeron.Aeron;
import io.aeron.driver.Configuration;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.driver.media.ReceiveChannelEndpoint;
import io.aeron.driver.media.SendChannelEndpoint;
import io.ringsync.config.LinkAddress;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.config.TransportSettings;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * How ringsync configures Aeron for a small shared machine (measured choice, see
 * {@link AeronTransport}): the driver in {@link ThreadingMode#INVOKER} mode with no async
 * executor thread, the client with its conductor as an invoker, so the node's one poller
 * thread drives driver, client and subscriptions and parks with the configured idle strategy.
 * Liveness timeouts are the configured driver timeout, well above a GC pause.
 */
final class AeronSetup {

    /** Stream id of all ringsync frames. */
    static final int STREAM_ID = 0x5253;

    /**
     * Sizes of the driver's command-and-control file (cnc.dat), which Aeron fills in full at
     * start, so every byte is resident. Its defaults are made for a busy Aeron deployment:
     * 8 MiB of counter values (with 4x as much counter metadata), a 4 MiB error log and 1 MiB
     * command and broadcast rings, 47 MiB per node in all (measured). A ringsync node has a few
     * publications and images of a handful of counters each, so Aeron's minimum counter space
     * (8,192 counters, 5 MiB with metadata) is plenty. The error log and the two rings are
     * already at Aeron's minimum.
     */
    private static final int COUNTER_VALUES_BYTES = Configuration.COUNTERS_VALUES_BUFFER_LENGTH_MIN;

    private AeronSetup() {
    }

    /**
     * The embedded driver's context for {@code settings}' node; every UDP endpoint the driver
     * creates is handed to {@code waiter} (null: none) so that the idle transport thread wakes
     * when a datagram reaches it.
     */
    static MediaDriver.Context driverContext(RingsyncSettings settings, ErrorHandler errorHandler, SocketWaiter waiter) {
        TransportSettings t = settings.transport();
        long livenessNs = TimeUnit.MILLISECONDS.toNanos(t.driverTimeoutMs());
        MediaDriver.Context ctx = new MediaDriver.Context()
                .aeronDirectoryName(settings.system().aeronDir().toString())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .warnIfDirectoryExists(false)
                .threadingMode(ThreadingMode.INVOKER)
                .asyncExecutorEnabled(false)
                .termBufferSparseFile(t.sparseTermFiles())
                .publicationTermBufferLength(t.termLengthBytes())
                .ipcTermBufferLength(t.termLengthBytes())
                .mtuLength(t.mtuBytes())
                .initialWindowLength(receiveWindowBytes(t))
                .socketRcvbufLength(receiveWindowBytes(t))
                .socketSndbufLength(receiveWindowBytes(t))
                .counterValuesBufferLength(COUNTER_VALUES_BYTES)
                .clientLivenessTimeoutNs(livenessNs)
                // Aeron requires the unblock timeout to exceed the client liveness timeout.
                .publicationUnblockTimeoutNs(Math.max(livenessNs * 3 / 2, TimeUnit.SECONDS.toNanos(15)))
                .errorHandler(errorHandler);
        ctx.driverTimeoutMs(t.driverTimeoutMs());
        if (waiter != null) {
            ctx.receiveChannelEndpointSupplier((channel, dispatcher, status, context) -> {
                ReceiveChannelEndpoint endpoint = new ReceiveChannelEndpoint(channel, dispatcher, status, context);
                waiter.watch(endpoint::receiveDatagramChannel);
                return endpoint;
            });
            ctx.sendChannelEndpointSupplier((channel, status, context) -> {
                SendChannelEndpoint endpoint = new SendChannelEndpoint(channel, status, context);
                waiter.watch(endpoint::receiveDatagramChannel);
                return endpoint;
            });
        }
        return ctx;
    }

    /**
     * The receiver window and socket buffers: half a term (Aeron's largest window), at most
     * {@value #MAX_WINDOW_BYTES}. Aeron's default window (128 KiB) is less than one Totem visit
     * of max_messages 8 KiB frames to a peer, so a visit's tail was back-pressured. Where the OS
     * caps socket buffers lower (net.core.rmem_max), Aeron warns at start.
     */
    static int receiveWindowBytes(TransportSettings t) {
        return Math.min(t.termLengthBytes() / 2, MAX_WINDOW_BYTES);
    }

    private static final int MAX_WINDOW_BYTES = 2 << 20;

    /** The client's context: conductor run as an invoker, driven with the driver's invoker. */
    static Aeron.Context clientContext(RingsyncSettings settings, MediaDriver driver, ErrorHandler errorHandler) {
        Aeron.Context ctx = new Aeron.Context()
                .clientName("ringsync-node-" + settings.nodeId())
                .useConductorAgentInvoker(true)
                .driverAgentInvoker(driver.sharedAgentInvoker())
                .errorHandler(errorHandler)
                .subscriberErrorHandler(errorHandler);
        ctx.aeronDirectoryName(driver.aeronDirectoryName());
        ctx.driverTimeoutMs(settings.transport().driverTimeoutMs());
        return ctx;
    }

    /** {@code aeron:udp?endpoint=host:port|term-length=..|mtu=..|sparse=..} for a peer link. */
    static String publicationChannel(LinkAddress peer, TransportSettings t) {
        return "aeron:udp?endpoint=" + peer.hostPort()
                + "|term-length=" + t.termLengthBytes()
                + "|mtu=" + t.mtuBytes()
                + "|sparse=" + t.sparseTermFiles();
    }

    /** {@code aeron:udp?endpoint=host:port}: binds this node's own link address. */
    static String subscriptionChannel(LinkAddress own) {
        return "aeron:udp?endpoint=" + own.hostPort();
    }

    /**
     * Shortest wait of the backoff ({@link SocketWaiter}'s resolution, and the first park after
     * it): a frame arriving or offered ends the wait, so a shorter one would only add wake-ups
     * (each costs 40-70 µs of CPU on a virtual machine, measured).
     */
    private static final long MIN_WAIT_NS = 1_000_000;

    /**
     * How long after the busy window the idle transport still waits on its sockets, so that a
     * datagram wakes it (a ring between bursts, a latency probe every few ms); after that it
     * parks, reading what arrived when the park ends, which costs an idle node less CPU.
     */
    private static final long WARM_NS = 2_000_000_000L;

    /** The socket waiter the idle strategy of {@code t} needs: one for "backoff", else none (null). */
    static SocketWaiter socketWaiter(TransportSettings t) {
        return "backoff".equals(t.idleStrategy()) ? new SocketWaiter() : null;
    }

    /**
     * The poller's idle strategy: "backoff" (yield while {@code busyUntilNanos} is ahead, see
     * {@link BusyPollIdleStrategy}; else, for {@link #WARM_NS} after that, wait on the sockets
     * of {@code waiter}, from {@link #socketWaiter}, then park, 1 ms doubling up to
     * idleMaxParkUs), "sleep" (park idleMaxParkUs) or "yield" (Thread.yield: burns a core, for
     * latency benchmarks only).
     */
    static IdleStrategy idleStrategy(TransportSettings t, LongSupplier busyUntilNanos, SocketWaiter waiter) {
        long maxParkNs = TimeUnit.MICROSECONDS.toNanos(Math.max(1, t.idleMaxParkUs()));
        return switch (t.idleStrategy()) {
            case "backoff" -> new BusyPollIdleStrategy(busyUntilNanos, Math.min(MIN_WAIT_NS, maxParkNs), maxParkNs,
                    Objects.requireNonNull(waiter, "backoff waits on a SocketWaiter")::await, WARM_NS);
            case "sleep" -> new SleepingIdleStrategy(maxParkNs);
            case "yield" -> new YieldingIdleStrategy();
            default -> throw new IllegalArgumentException("unknown idle strategy: " + t.idleStrategy());
        };
    }
}
