package io.ringsync.node;

import akka.actor.typed.Behavior;
import akka.actor.typed.BehaviorInterceptor;
import akka.actor.typed.TypedActorContext;
import akka.actor.typed.javadsl.Behaviors;

/**
 * Test support: wraps a behavior so that {@link Crash#INSTANCE} makes it throw, as a broken
 * invariant would, and its supervisor restarts it; every other message goes to the behavior.
 */
final class CrashOnDemand {

    /** The message that makes the wrapped behavior throw; send it through {@code ref.unsafeUpcast()}. */
    enum Crash { INSTANCE }

    private CrashOnDemand() {
    }

    /** {@code behavior} (of messages of {@code type}), throwing an IllegalStateException on {@link Crash}. */
    static <T> Behavior<T> wrap(Behavior<T> behavior, Class<T> type) {
        Behavior<Object> crashable = Behaviors.intercept(() -> new BehaviorInterceptor<Object, T>(Object.class) {
            @Override
            public Behavior<T> aroundReceive(TypedActorContext<Object> ctx, Object msg, ReceiveTarget<T> target) {
                if (msg == Crash.INSTANCE) {
                    throw new IllegalStateException("crash on demand (test)");
                }
                return target.apply(ctx, type.cast(msg));
            }
        }, behavior);
        return crashable.narrow();
    }
}
