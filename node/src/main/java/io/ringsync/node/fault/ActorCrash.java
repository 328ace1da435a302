package io.ringsync.node.fault;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.BehaviorInterceptor;
import akka.actor.typed.TypedActorContext;
import akka.actor.typed.javadsl.Behaviors;

/**
 * A failure injected into a running actor, as a broken invariant would fail it: a behavior
 * wrapped by {@link #crashable} throws {@link InjectedFailure} when it receives
 * {@link Request#INSTANCE} (sent with {@link #crash}), so that the supervisor around it restarts it
 * exactly as after a real crash; every other message goes to the wrapped behavior untouched.
 * The node wraps its children this way only with {@code transport.fault_injection} on (see
 * {@link KillableActors}); tests wrap single actors with it too.
 */
public final class ActorCrash {

    /** The message that makes a crashable actor throw. */
    public enum Request { INSTANCE }

    /** What a crashable actor throws on {@link Request#INSTANCE}. */
    public static final class InjectedFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InjectedFailure() {
            super("failure injected on request (ringsync fault kill-actor)");
        }
    }

    private ActorCrash() {
    }

    /** {@code behavior}, throwing {@link InjectedFailure} on {@link Request#INSTANCE}; put it inside the supervision. */
    public static <T> Behavior<T> crashable(Behavior<T> behavior) {
        Behavior<Object> crashable = Behaviors.intercept(Interceptor::new, behavior);
        return crashable.narrow();
    }

    /** Makes {@code actor}, whose behavior is {@link #crashable}, fail. */
    public static void crash(ActorRef<?> actor) {
        actor.<Object>unsafeUpcast().tell(Request.INSTANCE);
    }

    /** Throws on the request; hands every other message, which is one of the actor's own, to it. */
    private static final class Interceptor<T> extends BehaviorInterceptor<Object, T> {

        Interceptor() {
            super(Object.class);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Behavior<T> aroundReceive(TypedActorContext<Object> ctx, Object msg, ReceiveTarget<T> target) {
            if (msg == Request.INSTANCE) {
                throw new InjectedFailure();
            }
            return target.apply(ctx, (T) msg);
        }
    }
}
