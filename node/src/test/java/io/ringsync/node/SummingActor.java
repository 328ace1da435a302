package io.ringsync.node;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.service.NodeService;
import io.ringsync.node.ipc.IpcHandler;
import io.ringsync.node.ipc.IpcProtocolException;
import io.ringsync.protocol.service.ServiceBinding;
import io.ringsync.protocol.service.ServiceChannel;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import java.util.concurrent.atomic.AtomicLong;

/** Test service actor around a {@link SummingService}; throws on {@link Crash} so its supervisor restarts it. */
final class SummingActor {

    interface Command {
    }

    record Add(long value) implements Command {
    }

    record Get(ActorRef<Reading> replyTo) implements Command {
    }

    /** The sum and the ring in which the last sync round ended (null while one runs). */
    record Reading(long sum, RingId activeRing) {
    }

    enum Crash implements Command { INSTANCE }

    /** Subscribes to Totem (a service of {@link #lateNodeService()} waits for this before it does). */
    enum SubscribeNow implements Command { INSTANCE }

    private record Event(TotemEvent event) implements Command {
    }

    private record Answer(TotemActor.MulticastResult result) implements Command {
    }

    private SummingActor() {
    }

    /** The node service: its IPC op {@code test.sum} reads the sum last seen by the actor. */
    static NodeService<Command> nodeService() {
        AtomicLong lastSum = new AtomicLong();
        return new NodeService<>(ServiceId.TEST, binding -> create(binding, lastSum, true), (actor, system) -> ipc(lastSum));
    }

    /** As {@link #nodeService()}, but the actor subscribes to Totem only when told {@link SubscribeNow}. */
    static NodeService<Command> lateNodeService() {
        AtomicLong lastSum = new AtomicLong();
        return new NodeService<>(ServiceId.TEST, binding -> create(binding, lastSum, false), (actor, system) -> ipc(lastSum));
    }

    private static IpcHandler ipc(AtomicLong lastSum) {
        return (op, request) -> {
            if (!"test.sum".equals(op)) {
                throw new IpcProtocolException("unknown op \"" + op + "\"");
            }
            JsonNode reply = Json.object().put("sum", lastSum.get());
            return reply;
        };
    }

    static Behavior<Command> create(ServiceBinding binding, AtomicLong lastSum, boolean subscribeAtStart) {
        return Behaviors.setup(context -> {
            SummingService service = new SummingService();
            ServiceChannel channel = new ServiceChannel(service);
            ActorRef<TotemActor.MulticastResult> answers = context.messageAdapter(TotemActor.MulticastResult.class, Answer::new);
            ActorRef<TotemEvent> events = context.messageAdapter(TotemEvent.class, Event::new);
            if (subscribeAtStart) {
                binding.subscribe(ServiceId.TEST, events);
            }
            return Behaviors.receive(Command.class)
                    .onMessageEquals(SubscribeNow.INSTANCE, () -> {
                        binding.subscribe(ServiceId.TEST, events);
                        return Behaviors.same();
                    })
                    .onMessage(Event.class, e -> {
                        binding.carryOut(channel.onEvent(e.event()), answers);
                        lastSum.set(service.sum());
                        return Behaviors.same();
                    })
                    .onMessage(Add.class, add -> {
                        binding.multicast(ServiceId.TEST, Delivery.AGREED, SummingService.encode(add.value()), answers);
                        return Behaviors.same();
                    })
                    .onMessage(Get.class, get -> {
                        get.replyTo().tell(new Reading(service.sum(), service.activeRing()));
                        return Behaviors.same();
                    })
                    .onMessage(Answer.class, a -> Behaviors.same())
                    .onMessageEquals(Crash.INSTANCE, () -> {
                        throw new IllegalStateException("crash on demand (test)");
                    })
                    .build();
        });
    }
}
