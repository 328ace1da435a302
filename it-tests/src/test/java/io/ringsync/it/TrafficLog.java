package io.ringsync.it;

import io.ringsync.protocol.totem.TotemActor;
import io.ringsync.protocol.totem.TotemEvent;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.service.ServiceEnvelope;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The log file of one {@link TrafficNode} process: one line per event, each written with one
 * unbuffered write, so that a SIGKILL leaves whole lines behind (at most the last one cut,
 * which {@link TrafficLogFile} ignores). Each line ends with the time it was written (epoch
 * ms, the same clock as the test's). Lines:
 * <pre>
 * P &lt;name&gt; &lt;ms&gt;                                 about to offer message name (the first try)
 * S &lt;name&gt; &lt;ms&gt;                                 Totem answered ACCEPTED
 * D &lt;name&gt; &lt;sender&gt; &lt;ringId&gt; &lt;seq&gt; &lt;AGREED|SAFE&gt; &lt;ms&gt;  delivered
 * C &lt;TRANSITIONAL|REGULAR&gt; &lt;ringId&gt; &lt;members,comma-separated&gt; &lt;ms&gt;  configuration change
 * E &lt;count&gt; &lt;ms&gt;                                traffic over: count messages accepted
 * X &lt;problem&gt; &lt;ms&gt;                              something the test must fail on
 * </pre>
 * The P line covers a kill between Totem's ACCEPTED and the S line: a process whose log ends
 * with an unanswered P may have sent that message.
 */
final class TrafficLog implements AutoCloseable {

    private final OutputStream out;
    private boolean closed;

    TrafficLog(Path file) throws IOException {
        this.out = new FileOutputStream(file.toFile(), true);
    }

    void offering(String name) {
        line("P " + name);
    }

    void accepted(String name) {
        line("S " + name);
    }

    void trafficOver(int accepted) {
        line("E " + accepted);
    }

    void problem(String what) {
        line("X " + what.replace('\n', ' '));
    }

    /** A Totem event, as Totem's listener hands it over. */
    void event(TotemEvent event) {
        if (event instanceof Delivered d && ServiceEnvelope.open(d.payload()).isPresent()) {
            return; // the node's own services (quorum, CPG, CKPT) share the stream: not traffic
        }
        if (event instanceof Delivered d) {
            byte[] payload = d.payload();
            String name = TrafficPayloads.nameOf(payload);
            if (!TrafficPayloads.intact(payload)) {
                problem("delivered a payload that is not what its sender sent: " + payload.length + " bytes named "
                        + name + " from node " + d.senderNodeId() + " in " + d.ringId() + " seq " + d.seq());
            }
            line("D " + name + " " + d.senderNodeId() + " " + d.ringId() + " " + d.seq() + " " + d.delivery());
        } else if (event instanceof ConfigurationChanged c) {
            line("C " + c.kind() + " " + c.ringId() + " "
                    + c.members().stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
    }

    private synchronized void line(String text) {
        if (closed) {
            return;
        }
        try {
            out.write((text + " " + System.currentTimeMillis() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        out.close();
    }
}
