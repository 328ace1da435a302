package io.ringsync.protocol.transport;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.ringsync.protocol.wire.DecodeResult;
import io.ringsync.protocol.wire.FrameDecoder;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;

/**
 * The node's one transport thread: each duty cycle runs the driver's and the client's
 * conductors (invoker mode) and polls every own-link subscription, decoding assembled frames
 * and handing them to the {@link InboundListener}. Owns the {@link FrameDecoder}.
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
    final AtomicLong framesReceived = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();

    /** {@code subscriptions.get(k)} receives this node's link k. */
    TransportAgent(int nodeId, AgentInvoker driverInvoker, AgentInvoker clientInvoker,
                   List<Subscription> subscriptions, FrameDecoder decoder, InboundListener listener) {
        this.roleName = "ringsync-transport-" + nodeId;
        this.driverInvoker = driverInvoker;
        this.clientInvoker = clientInvoker;
        this.subscriptions = List.copyOf(subscriptions);
        this.decoder = decoder;
        this.listener = listener;
        this.assemblers = new FragmentHandler[subscriptions.size()];
        for (int link = 0; link < assemblers.length; link++) {
            assemblers[link] = new FragmentAssembler(handlerFor(link));
        }
    }

    @Override
    public int doWork() {
        int work = driverInvoker.invoke() + clientInvoker.invoke();
        for (int link = 0; link < assemblers.length; link++) {
            work += subscriptions.get(link).poll(assemblers[link], FRAGMENT_LIMIT);
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
