package io.ringsync.node.demo;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Behaviors;
import io.ringsync.node.RingsyncNode;
import io.ringsync.protocol.service.ServiceId;
import io.ringsync.protocol.totem.RingId;
import io.ringsync.quorum.QuorumActor;
import io.ringsync.quorum.QuorumStatus;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Prints a node's quorum when it changes ring or quorate state:
 * {@code [12:00:01.240] node1: quorate in ring 1.1c, total votes 3, expected 3, quorum 2}.
 * Changes within one ring that leave it as quorate as before (a vote moved) are not printed.
 */
public final class QuorumEventPrinter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private QuorumEventPrinter() {
    }

    /** Subscribes a printer to {@code node}'s quorum service, printing to {@code out} as {@code label}. */
    @SuppressWarnings("unchecked")
    public static void attach(RingsyncNode node, String label, PrintStream out) {
        Optional<ActorRef<?>> service = node.service(ServiceId.QUORUM);
        if (service.isEmpty()) {
            return;
        }
        ActorRef<QuorumStatus> printer = node.system().systemActorOf(printer(label, out), "quorum-printer",
                Props.empty());
        ((ActorRef<QuorumActor.Command>) service.get()).tell(new QuorumActor.Subscribe(printer));
    }

    /** The line without its timestamp. */
    public static String format(String observer, QuorumStatus s) {
        return observer + ": " + (s.quorate() ? "quorate" : "NOT quorate (activity blocked)") + " in ring "
                + s.ringId().map(RingId::toString).orElse("-") + ", total votes " + s.totalVotes() + ", expected "
                + s.expectedVotes() + ", quorum " + s.quorum();
    }

    private static Behavior<QuorumStatus> printer(String label, PrintStream out) {
        return Behaviors.setup(context -> {
            QuorumStatus[] last = new QuorumStatus[1];
            return Behaviors.receiveMessage(status -> {
                QuorumStatus before = last[0];
                last[0] = status;
                if (status.ringId().isPresent() && (before == null || before.quorate() != status.quorate()
                        || !before.ringId().equals(status.ringId()))) {
                    String line = "[" + LocalTime.now().format(TIME) + "] " + format(label, status);
                    synchronized (out) {
                        out.println(line);
                    }
                }
                return Behaviors.same();
            });
        });
    }
}
