package io.ringsync.cpg;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import akka.actor.typed.javadsl.AskPattern;
import io.ringsync.cpg.verify.VerifyPayload;
import io.ringsync.protocol.totem.Delivery;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends {@code count} checked messages ({@link VerifyPayload}) from one process through a CPG
 * actor, one at a time and in sequence: a message Totem refuses with TRY_AGAIN is offered again
 * a few milliseconds later, so the sender's order is its sequence. Every fifth message is SAFE.
 */
final class CheckedSender {

    private final ActorRef<CpgActor.Command> cpg;
    private final Scheduler scheduler;
    private final CpgHandle handle;
    private final int count;
    private final SplittableRandom random;
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private final AtomicLong retries = new AtomicLong();

    private CheckedSender(ActorRef<CpgActor.Command> cpg, Scheduler scheduler, CpgHandle handle, int count, long seed) {
        this.cpg = cpg;
        this.scheduler = scheduler;
        this.handle = handle;
        this.count = count;
        this.random = new SplittableRandom(seed);
    }

    /** Starts sending; completes with the number of TRY_AGAIN retries, or fails on any other refusal. */
    static CompletableFuture<Long> start(ActorRef<CpgActor.Command> cpg, Scheduler scheduler, CpgHandle handle,
                                         int count, long seed) {
        CheckedSender sender = new CheckedSender(cpg, scheduler, handle, count, seed);
        sender.send(0);
        return sender.done;
    }

    private void send(int seq) {
        if (seq == count) {
            done.complete(retries.get());
            return;
        }
        byte[] payload = VerifyPayload.encode(seq, System.nanoTime(), VerifyPayload.HEADER_BYTES + random.nextInt(300),
                random);
        Delivery delivery = seq % 5 == 0 ? Delivery.SAFE : Delivery.AGREED;
        AskPattern.<CpgActor.Command, CpgResult>ask(cpg, replyTo -> new CpgActor.Mcast(handle, delivery, payload, replyTo),
                Cpg.DEFAULT_TIMEOUT, scheduler).whenComplete((result, failure) -> {
                    if (result == CpgResult.OK) {
                        send(seq + 1);
                    } else if (result == CpgResult.TRY_AGAIN) {
                        retries.incrementAndGet();
                        CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS).execute(() -> send(seq));
                    } else {
                        done.completeExceptionally(new AssertionError(handle + " message #" + seq + ": "
                                + (failure != null ? failure : result)));
                    }
                });
    }
}
