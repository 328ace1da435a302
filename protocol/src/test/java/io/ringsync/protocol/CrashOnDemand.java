package io.ringsync.protocol;

import akka.actor.typed.Behavior;
import akka.actor.typed.BehaviorInterceptor;
import akka.actor.typed.TypedActorContext;
import akka.actor.typed.javadsl.Behaviors;

/**
 * Test support: wraps a behavior so that {@link Crash#INSTANCE} makes it throw, as a broken
 * invariant would, and its supervisor restarts it. Every other message goes to the behavior.
 * The wrapped actor's reference is an {@code ActorRef<Object>}; narrow it for the real protocol.
 */
public final class CrashOnDemand {

    /** The message that makes the wrapped behavior throw. */
    public enum Crash { INSTANCE }

    private CrashOnDemand() {
    }

    /** {@code behavior} (of messages of {@code type}), throwing an IllegalStateException on {@link Crash}. */
    public static <T> Behavior<Object> wrap(Behavior<T> behavior, Class<T> type) {
        return Behaviors.intercept(() -> new BehaviorInterceptor<Object, T>(Object.class) {
            @Override
            public Behavior<T> aroundReceive(TypedActorContext<Object> ctx, Object msg, ReceiveTarget<T> target) {
                if (msg == Crash.INSTANCE) {
                    throw new IllegalStateException("crash on demand (test)");
                }
                return target.apply(ctx, type.cast(msg));
            }
        }, behavior);
    }
}
