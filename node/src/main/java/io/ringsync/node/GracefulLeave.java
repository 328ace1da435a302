package io.ringsync.node;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import akka.actor.typed.javadsl.AskPattern;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.quorum.QuorumActor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one sequence a node runs when it stops gracefully, whether {@link RingsyncNode#close()}
 * (and so SIGTERM through the CLI's shutdown hook) or {@code ringsync cfg shutdown} asks:
 * <ol>
 *   <li>with quorum.allow_downscale, announce this node's clean leave to votequorum and wait (at
 *       most {@link #STEP_TIMEOUT}) until the announcement is applied in the order, so the
 *       remaining members lower expected votes (votequorum(5); Corosync's votequorum sends its
 *       LEAVING node info from its exit function on a clean shutdown);</li>
 *   <li>tell Totem to leave and wait (at most {@link #STEP_TIMEOUT}) until the transport has the
 *       frames, so peers form their new ring at once rather than after the token timeout.</li>
 * </ol>
 * A step that fails or times out is logged and the next runs: a stop never hangs on the ring.
 * {@code ringsync cfg kill} skips the first step, as Corosync's kill ends the node like a fatal
 * error, without its services' exit functions: the others see a failed node.
 */
public final class GracefulLeave {

    /** The most each step waits. */
    public static final Duration STEP_TIMEOUT = RingsyncNode.LEAVE_TIMEOUT;

    private static final Logger log = LoggerFactory.getLogger(GracefulLeave.class);

    private GracefulLeave() {
    }

    /**
     * Runs the sequence for the node of {@code settings}; {@code announceQuorumLeave} false skips
     * votequorum's announcement (a kill). Completes when both steps are done or timed out; never
     * fails.
     */
    public static CompletionStage<Done> run(RingsyncSettings settings, boolean announceQuorumLeave,
                                            Optional<ActorRef<QuorumActor.Command>> quorum,
                                            ActorRef<TotemActor.Command> totem, Scheduler scheduler) {
        CompletionStage<Done> announced = announceQuorumLeave && settings.quorum().allowDownscale() && quorum.isPresent()
                ? announce(settings.nodeId(), quorum.get(), scheduler)
                : CompletableFuture.completedFuture(Done.getInstance());
        return announced.thenCompose(done -> leaveRing(settings.nodeId(), totem, scheduler));
    }

    private static CompletionStage<Done> announce(int nodeId, ActorRef<QuorumActor.Command> quorum, Scheduler scheduler) {
        return AskPattern.<QuorumActor.Command, QuorumActor.ChangeResult>ask(quorum, QuorumActor.Leave::new,
                STEP_TIMEOUT, scheduler).handle((result, failure) -> {
                    if (failure != null || !result.applied()) {
                        log.warn("node {}: votequorum did not order this node's leave within {} ms; stopping anyway",
                                nodeId, STEP_TIMEOUT.toMillis());
                    }
                    return Done.getInstance();
                });
    }

    private static CompletionStage<Done> leaveRing(int nodeId, ActorRef<TotemActor.Command> totem, Scheduler scheduler) {
        return AskPattern.<TotemActor.Command, Done>ask(totem, TotemActor.Leave::new, STEP_TIMEOUT, scheduler)
                .handle((done, failure) -> {
                    if (failure != null) {
                        log.warn("node {}: the leave was not handed to the transport within {} ms; stopping anyway",
                                nodeId, STEP_TIMEOUT.toMillis());
                    }
                    return Done.getInstance();
                });
    }
}
