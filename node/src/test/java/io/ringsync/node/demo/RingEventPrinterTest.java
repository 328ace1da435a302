package io.ringsync.node.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.protocol.totem.RingId;
import io.ringsync.protocol.totem.TotemEvent.ConfigurationChanged;
import io.ringsync.protocol.totem.TotemEvent.Delivered;
import io.ringsync.protocol.totem.Delivery;
import io.ringsync.protocol.totem.srp.ConfigurationKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingEventPrinterTest {

    private static final ConfigurationChanged REGULAR = new ConfigurationChanged(ConfigurationKind.REGULAR,
            new RingId(1, 0x1c), List.of(1, 2, 3), List.of(), List.of(2, 3));

    @Test
    void aNewRingIsOneLine() {
        assertEquals("node1: ring 1.1c formed, members [1, 2, 3], joined [2, 3], left []",
                RingEventPrinter.format("node1", REGULAR));
    }

    @Test
    void onlyRegularConfigurationsArePrinted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RingEventPrinter printer = new RingEventPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        printer.print("node2", new ConfigurationChanged(ConfigurationKind.TRANSITIONAL, new RingId(1, 0x1c), List.of(2),
                List.of(), List.of()));
        printer.print("node2", new Delivered(1, new RingId(1, 0x1c), 1, Delivery.AGREED, new byte[1]));
        printer.print("node2", REGULAR);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("\\[\\d\\d:\\d\\d:\\d\\d\\.\\d{3}] node2: ring 1\\.1c formed, .*"), lines.get(0));
    }
}
