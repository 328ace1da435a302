package io.ringsync.protocol.totem;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.TimerScheduler;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import io.ringsync.protocol.totem.membership.TimerKind;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import io.ringsync.protocol.totem.srp.TotemEffect;
import io.ringsync.protocol.transport.FrameSender;
import io.ringsync.protocol.transport.SendResult;
import io.ringsync.protocol.transport.TransportActor;
import io.ringsync.protocol.wire.WireFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Carries out {@link io.ringsync.protocol.totem.srp.SrpCore}'s effects for {@link TotemActor},
 * in the order given: frames to the transport (one per destination, link 0; through the
 * {@link FrameSender} once Totem has it, else as a {@link TransportActor.Send}), one Akka timer per {@link TimerKind} (setting one again restarts it), the ring seq
 * to {@link RingSeqStore} (synchronously, before anything after it is sent), state changes to
 * the log, and deliveries and configuration changes to the {@link TotemListeners}.
 */
final class TotemEffects {

    private final int myNodeId;
    private final Path stateDir;
    private final ActorRef<TransportActor.Command> transport;
    private final TimerScheduler<TotemActor.Command> timers;
    private final Function<TimerKind, TotemActor.Command> timeout;
    private final TotemListeners listeners;
    private final Logger log;
    private long tokenMs;
    private long consensusMs;
    private FrameSender sender;
    private long framesSent;
    private long ringSeqWrites;

    TotemEffects(int myNodeId, Path stateDir, ActorRef<TransportActor.Command> transport,
                 TimerScheduler<TotemActor.Command> timers, Function<TimerKind, TotemActor.Command> timeout,
                 TotemListeners listeners, Logger log, long tokenMs, long consensusMs) {
        this.myNodeId = myNodeId;
        this.stateDir = stateDir;
        this.transport = transport;
        this.timers = timers;
        this.timeout = timeout;
        this.listeners = listeners;
        this.log = log;
        this.tokenMs = tokenMs;
        this.consensusMs = consensusMs;
    }

    /** State changes from now on are logged with these effective timeouts (the core adopted new settings). */
    void timersChanged(long newTokenMs, long newConsensusMs) {
        this.tokenMs = newTokenMs;
        this.consensusMs = newConsensusMs;
    }

    /** From now on send through {@code direct}, not through the transport actor's mailbox. */
    void useSender(FrameSender direct) {
        this.sender = direct;
    }

    /** Straight through the sender while it works; once its transport is gone, through the transport actor. */
    private void send(int to, WireFrame frame) {
        if (sender != null && sender.send(to, 0, frame) != SendResult.CLOSED) {
            return;
        }
        sender = null;
        transport.tell(new TransportActor.Send(to, 0, frame));
    }

    /**
     * Carries out {@code effects} in order, then sends batch subscribers what this step published
     * for them; a ring seq that cannot be persisted fails the actor.
     */
    void carryOut(List<TotemEffect> effects) throws RingSeqException {
        for (TotemEffect effect : effects) {
            if (effect instanceof TotemEffect.Send send) {
                for (int to : send.toNodeIds()) {
                    framesSent++;
                    send(to, TotemFrames.frameOf(myNodeId, to, send.message()));
                }
            } else if (effect instanceof TotemEffect.SetTimer set) {
                timers.startSingleTimer(set.kind(), timeout.apply(set.kind()), Duration.ofMillis(set.delayMs()));
            } else if (effect instanceof TotemEffect.CancelTimer cancel) {
                timers.cancel(cancel.kind());
            } else if (effect instanceof TotemEffect.PersistRingSeq persist) {
                RingSeqStore.write(stateDir, persist.ringSeq());
                ringSeqWrites++;
            } else if (effect instanceof TotemEffect.StateChanged changed) {
                log.info(TotemLogFormat.stateChanged(changed, tokenMs, consensusMs));
            } else if (effect instanceof TotemEffect.TokenWarning warning) {
                log.warn(TotemLogFormat.tokenWarning(warning));
            } else {
                publish(effect);
            }
        }
        listeners.flush();
    }

    /**
     * The one place where the core's deliveries (whole application messages: the core unpacks
     * and reassembles its chunks) and configuration changes become listener events.
     */
    private void publish(TotemEffect effect) {
        if (effect instanceof TotemEffect.Deliver deliver) {
            OrderedMessage m = deliver.message();
            listeners.publish(new Delivered(m.senderNodeId(), m.ringId(), m.seq(), m.delivery(), m.payload()));
        } else if (effect instanceof TotemEffect.ConfigurationChange change) {
            if (change.kind() == ConfigurationKind.REGULAR) {
                log.info(TotemLogFormat.newMembership(change));
            } else {
                log.debug("transitional configuration of ring {}: members {}, left {}", change.ringId(),
                        change.members(), change.left());
            }
            listeners.publish(new ConfigurationChanged(change.kind(), change.ringId(), change.members(),
                    change.left(), change.joined()));
        }
    }

    long framesSent() {
        return framesSent;
    }

    long ringSeqWrites() {
        return ringSeqWrites;
    }
}
