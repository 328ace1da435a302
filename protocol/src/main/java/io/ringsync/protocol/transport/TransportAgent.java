package io.ringsync.protocol.transport;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.ringsync.protocol.wire.DecodeResult;
import io.ringsync.protocol.wire.FrameDecoder;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;

/**
 * The node's one transport thread: each duty cycle runs the driver's and the client's
 * conductors (invoker mode) and polls every own-link subscription, decoding assembled frames
 * and handing them to the {@link InboundListener}. Owns the {@link FrameDecoder}.
 *
 * <p>The work count it reports to the idle strategy is application work only: fragments
 * delivered by the subscriptions and frames offered since the last cycle. The driver's own
 * housekeeping (publication heartbeats every 100 ms, status messages, conductor timers) is
 * done but not counted, so an idle node is not pulled back to short parks dozens of times a
 * second by Aeron's keep-alives; a busy node, receiving or sending, stays in short parks.
 */
final class TransportAgent implements Agent {

    private static final int FRAGMENT_LIMIT = 16;

    private final String roleName;
    private final AgentInvoker driverInvoker;
    private final AgentInvoker clientInvoker;
    private final List<Subscription> subscriptions;
    private final FragmentHandler[] assemblers;
    private final FrameDecoder decoder;
    private final InboundListener listener;
    private final LongSupplier framesOffered;
    private long framesOfferedSeen;
    final AtomicLong framesReceived = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();

    /** {@code subscriptions.get(k)} receives this node's link k. */
    TransportAgent(int nodeId, AgentInvoker driverInvoker, AgentInvoker clientInvoker,
                   List<Subscription> subscriptions, FrameDecoder decoder, InboundListener listener,
                   LongSupplier framesOffered) {
        this.roleName = "ringsync-transport-" + nodeId;
        this.driverInvoker = driverInvoker;
        this.clientInvoker = clientInvoker;
        this.subscriptions = List.copyOf(subscriptions);
        this.decoder = decoder;
        this.listener = listener;
        this.framesOffered = framesOffered;
        this.assemblers = new FragmentHandler[subscriptions.size()];
        for (int link = 0; link < assemblers.length; link++) {
            assemblers[link] = new FragmentAssembler(handlerFor(link));
        }
    }

    @Override
    public int doWork() {
        driverInvoker.invoke();
        clientInvoker.invoke();
        int work = 0;
        for (int link = 0; link < assemblers.length; link++) {
            work += subscriptions.get(link).poll(assemblers[link], FRAGMENT_LIMIT);
        }
        long offered = framesOffered.getAsLong();
        if (offered != framesOfferedSeen) {
            framesOfferedSeen = offered;
            work++;
        }
        return work;
    }

    @Override
    public String roleName() {
        return roleName;
    }

    FrameDecoder decoder() {
        return decoder;
    }

    private FragmentHandler handlerFor(int linkNumber) {
        return (buffer, offset, length, header) -> {
            if (decoder.decode(buffer, offset, length) instanceof DecodeResult.Decoded decoded) {
                framesReceived.incrementAndGet();
                bytesReceived.addAndGet(length);
                listener.onFrame(linkNumber, decoded.frame(), System.nanoTime());
            }
        };
    }
}
