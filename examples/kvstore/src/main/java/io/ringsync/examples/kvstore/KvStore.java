package io.ringsync.examples.kvstore;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import io.ringsync.embed.Ringsync;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The store's Java API over one member's {@link KvActor}, in the embedding API's style: every call
 * returns a {@link CompletionStage}; a refused put completes exceptionally with a
 * {@link KvRefusedException} saying why.
 */
public final class KvStore {

    /** How long a call waits for the actor (a put waits for its turn in the total order). */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Ringsync ringsync;
    private final ActorRef<KvActor.Command> actor;

    private KvStore(Ringsync ringsync, ActorRef<KvActor.Command> actor) {
        this.ringsync = ringsync;
        this.actor = actor;
    }

    /** Starts the member of group {@code group} in {@code ringsync}'s node (one per node and group). */
    public static KvStore start(Ringsync ringsync, String group) {
        return new KvStore(ringsync, ringsync.spawn(KvActor.create(ringsync, group), "kvstore-" + group));
    }

    /** Sets {@code key} to {@code value} on every member; completes once applied on this one. */
    public CompletionStage<Void> put(String key, String value) {
        return AskPattern.<KvActor.Command, KvActor.PutResult>ask(actor,
                replyTo -> new KvActor.Put(key, value, replyTo), TIMEOUT, ringsync.system().scheduler())
                .thenAccept(result -> {
                    if (!result.applied()) {
                        throw new KvRefusedException("put of \"" + key + "\" refused: " + result.error());
                    }
                });
    }

    /** The local value of {@code key}. */
    public CompletionStage<Optional<String>> get(String key) {
        return AskPattern.ask(actor, replyTo -> new KvActor.Get(key, replyTo), TIMEOUT, ringsync.system().scheduler());
    }

    /** This member's version, digest, size, and whether it is current and quorate. */
    public CompletionStage<KvActor.KvState> state() {
        return AskPattern.ask(actor, KvActor.GetState::new, TIMEOUT, ringsync.system().scheduler());
    }
}
