package io.ringsync.node.bench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import io.ringsync.node.RingsyncNode;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.MulticastInbox;
import io.ringsync.protocol.totem.TotemActor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One bench run on a started node: wait for the ring, send (or only count) through the warmup
 * and the window, stop, wait for every sender's END, and return what was measured. Timing is
 * the bench's own ({@code System.nanoTime}), outside every protocol core.
 */
public final class BenchRun {

    private final RingsyncNode node;
    private final BenchSpec spec;

    /** A run of {@code spec} on {@code node}, which must be started and not yet in a ring of the expected size. */
    public BenchRun(RingsyncNode node, BenchSpec spec) {
        this.node = node;
        this.spec = spec;
    }

    /**
     * Runs the bench. Throws {@link BenchException} when the ring does not form or a sender fails;
     * a run whose END messages do not all arrive still returns, its result not {@link BenchResult#passed}.
     */
    public BenchResult run() throws InterruptedException, BenchException {
        int nodeId = node.settings().nodeId();
        OwnDeliveries own = new OwnDeliveries();
        BenchReceiver receiver = new BenchReceiver(nodeId, spec.expectMembers(), own);
        node.subscribeTotemEvents(receiver);
        if (!receiver.awaitReady(spec.readyTimeout())) {
            throw new BenchException("no ring of " + spec.expectMembers() + " members within "
                    + spec.readyTimeout().toSeconds() + " s");
        }
        awaitEveryMembersReady(receiver, nodeId);
        CompletableFuture<BenchSender.Totals> sent = new CompletableFuture<>();
        ActorRef<BenchSender.Command> sender = null;
        if (spec.send()) {
            MulticastInbox inbox = awaitInbox();
            sender = node.system().systemActorOf(BenchSender.create(spec, nodeId, inbox, own), "bench-sender",
                    Props.empty());
            sender.tell(new BenchSender.Start(sent));
        }
        sleepUntil(System.nanoTime() + spec.warmup().toNanos());
        receiver.openWindow(System.nanoTime());
        BenchSender.Totals totals = spec.latencyMode() ? awaitSender(sent, latencyBound()) : window(receiver, sender, sent);
        receiver.closeWindow(System.nanoTime());
        receiver.awaitEnds(spec.senders(), spec.readyTimeout());
        BenchResult result = receiver.result(spec, totals.accepted(), totals.refused(), spec.latencyMode() ? totals.latency() : null);
        sendMarker(BenchPayload.Kind.DONE, nodeId);
        receiver.awaitMarkers(BenchPayload.Kind.DONE, spec.expectMembers(), spec.readyTimeout());
        return result;
    }

    /**
     * The start barrier: multicasts this node's READY, answers each other node's first READY
     * with another (a node that subscribed late missed those sent before), and returns once
     * every member's READY was delivered here, with the last answer sent.
     */
    private void awaitEveryMembersReady(BenchReceiver receiver, int nodeId) throws InterruptedException, BenchException {
        long deadline = System.nanoTime() + spec.readyTimeout().toNanos();
        sendMarker(BenchPayload.Kind.READY, nodeId);
        boolean everyone;
        do {
            everyone = receiver.awaitMarkers(BenchPayload.Kind.READY, spec.expectMembers(), Duration.ZERO);
            if (!everyone && System.nanoTime() > deadline) {
                throw new BenchException("not every member was ready within " + spec.readyTimeout().toSeconds() + " s");
            }
            if (receiver.awaitReadyAnswerDue(spec.expectMembers(), everyone ? Duration.ZERO : Duration.ofMillis(200))) {
                sendMarker(BenchPayload.Kind.READY, nodeId);
            }
        } while (!everyone);
    }

    /** Multicasts this node's {@code kind} marker (READY or DONE), retrying while Totem says TRY_AGAIN. */
    private void sendMarker(BenchPayload.Kind kind, int nodeId) throws InterruptedException {
        long deadline = System.nanoTime() + spec.readyTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            CompletionStage<TotemActor.MulticastResult> answer = AskPattern.ask(node.totem(),
                    replyTo -> new TotemActor.Multicast(Delivery.AGREED, BenchPayload.marker(kind, nodeId), replyTo),
                    spec.readyTimeout(), node.system().scheduler());
            try {
                if (answer.toCompletableFuture().get() != TotemActor.MulticastResult.TRY_AGAIN) {
                    return;
                }
            } catch (ExecutionException e) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private BenchSender.Totals window(BenchReceiver receiver, ActorRef<BenchSender.Command> sender,
                                      CompletableFuture<BenchSender.Totals> sent) throws InterruptedException,
            BenchException {
        sleepUntil(System.nanoTime() + spec.duration().toNanos());
        receiver.closeWindow(System.nanoTime());
        if (sender == null) {
            return new BenchSender.Totals(0, 0, null);
        }
        sender.tell(BenchSender.Stop.INSTANCE);
        return awaitSender(sent, spec.readyTimeout());
    }

    /** Totem's inbox, which the sender offers to. */
    private MulticastInbox awaitInbox() throws InterruptedException, BenchException {
        try {
            return node.multicastInbox().toCompletableFuture().get(spec.readyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new BenchException("Totem did not answer with its multicast inbox within "
                    + spec.readyTimeout().toSeconds() + " s");
        }
    }

    /** Latency mode: the samples, each at most a second apart, plus the ready timeout. */
    private Duration latencyBound() {
        return spec.readyTimeout().plusSeconds(spec.latencyCount()).plus(Duration.ofNanos(spec.latencyCount()
                * spec.gapMicros() * 1000));
    }

    private static BenchSender.Totals awaitSender(CompletableFuture<BenchSender.Totals> sent, Duration timeout)
            throws InterruptedException, BenchException {
        try {
            return sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BenchException("the sender did not finish within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new BenchException("the sender failed: " + e.getCause().getMessage());
        }
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** The run could not be carried out. */
    public static final class BenchException extends Exception {

        private static final long serialVersionUID = 1L;

        BenchException(String message) {
            super(message);
        }
    }
}
