package io.ringsync.protocol.totem;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.ringsync.protocol.LocalCluster;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import io.ringsync.protocol.totem.TotemActor.MulticastResult;
import io.ringsync.protocol.totem.srp.DeliveryChecks;
import io.ringsync.protocol.totem.srp.DeliveryLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Steady traffic on the Totem nodes of a {@link LocalCluster} for the checkers of
 * {@link DeliveryChecks}: a sender actor per node multicasts {@code "n<id>#<k>"} (k from 1, every
 * third SAFE) one at a time, the next {@code interval} after the last was accepted (a TRY_AGAIN
 * is retried with the same k), and every node's events are recorded ({@link TotemEventLog}) to
 * be read as a {@link DeliveryLog}.
 */
final class TotemTraffic {

    private enum Tick { INSTANCE }

    private record Stop(ActorRef<Boolean> replyTo) {
    }

    private final LocalCluster cluster;
    private final List<Integer> ids;
    private final List<TotemEventLog> logs = new ArrayList<>();
    private final List<ActorRef<Object>> senders = new ArrayList<>();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    private TotemTraffic(LocalCluster cluster, List<Integer> ids) {
        this.cluster = cluster;
        this.ids = List.copyOf(ids);
    }

    /** Records the events of the nodes {@code ids} from now on (before {@link #send}). */
    static TotemTraffic record(LocalCluster cluster, List<Integer> ids) {
        TotemTraffic traffic = new TotemTraffic(cluster, ids);
        for (int id : ids) {
            traffic.logs.add(TotemEventLog.subscribe(cluster.node(id), "delivery-log"));
        }
        return traffic;
    }

    /** Every node starts sending, one message per {@code interval} at most. */
    TotemTraffic send(Duration interval) {
        for (int id : ids) {
            LocalCluster.Node node = cluster.node(id);
            senders.add(node.kit().spawn(sender(node.totem(), "n" + id, interval, accepted), "traffic"));
        }
        return this;
    }

    /** Stops every sender and waits until none has a multicast awaiting its answer. */
    void stop() {
        for (int n = 0; n < senders.size(); n++) {
            TestProbe<Boolean> probe = cluster.node(ids.get(n)).kit().createTestProbe();
            senders.get(n).tell(new Stop(probe.ref()));
            probe.receiveMessage(Duration.ofSeconds(60));
        }
    }

    /** The messages Totem accepted so far. */
    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    /** Node {@code id}'s delivery log so far. */
    DeliveryLog log(int id) {
        DeliveryLog log = new DeliveryLog("n" + id);
        for (TotemEvent event : logs.get(ids.indexOf(id)).events()) {
            if (event instanceof Delivered d) {
                log.message(new String(d.payload(), StandardCharsets.UTF_8), d.senderNodeId(), d.ringId(), d.seq(),
                        d.delivery());
            } else if (event instanceof ConfigurationChanged c) {
                log.configuration(c.kind(), c.ringId(), c.members());
            }
        }
        return log;
    }

    /** Every node's delivery log so far. */
    List<DeliveryLog> logs() {
        return ids.stream().map(this::log).toList();
    }

    /** The messages each node sent that it has not delivered itself yet ("n1#4 not delivered by n1"). */
    List<String> ownUndelivered() {
        List<String> missing = new ArrayList<>();
        for (int id : ids) {
            Set<String> delivered = new HashSet<>(log(id).payloads());
            accepted.stream().filter(m -> DeliveryChecks.senderOf(m).equals("n" + id) && !delivered.contains(m))
                    .sorted().forEach(m -> missing.add(m + " not delivered by n" + id));
        }
        return missing;
    }

    private static Behavior<Object> sender(ActorRef<TotemActor.Command> totem, String process, Duration interval,
                                           Set<String> accepted) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            ActorRef<MulticastResult> answers = context.messageAdapter(MulticastResult.class, r -> r);
            int[] k = {1};
            boolean[] pending = {false};
            List<ActorRef<Boolean>> stopping = new ArrayList<>();
            timers.startSingleTimer(Tick.INSTANCE, interval);
            return Behaviors.receive(Object.class)
                    .onMessageEquals(Tick.INSTANCE, () -> {
                        if (stopping.isEmpty()) {
                            pending[0] = true;
                            totem.tell(new TotemActor.Multicast(k[0] % 3 == 0 ? Delivery.SAFE : Delivery.AGREED,
                                    (process + "#" + k[0]).getBytes(StandardCharsets.UTF_8), answers));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(MulticastResult.class, result -> {
                        pending[0] = false;
                        if (result == MulticastResult.ACCEPTED) {
                            accepted.add(process + "#" + k[0]);
                            k[0]++;
                        }
                        if (stopping.isEmpty()) {
                            timers.startSingleTimer(Tick.INSTANCE, interval);
                        }
                        stopping.forEach(s -> s.tell(true));
                        return Behaviors.same();
                    })
                    .onMessage(Stop.class, stop -> {
                        stopping.add(stop.replyTo());
                        timers.cancelAll();
                        if (!pending[0]) {
                            stop.replyTo().tell(true);
                        }
                        return Behaviors.same();
                    })
                    .build();
        }));
    }
}
