package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringsync.protocol.TestSettings;
import io.ringsync.protocol.wire.ClusterHash;
import io.ringsync.protocol.wire.DecodeResult;
import io.ringsync.protocol.wire.FrameDecoder;
import io.ringsync.protocol.wire.FrameEncoder;
import io.ringsync.protocol.wire.TotemMcastFrame;
import io.ringsync.protocol.wire.TotemTokenFrame;
import io.ringsync.protocol.wire.TotemTokenHoldCancelFrame;
import io.ringsync.protocol.wire.WireFrame;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RegularToken, OrderedMessage (plain and encapsulated) and TokenHoldCancel survive mapping, encoding, decoding and mapping back. */
class TotemFramesTest {

    private final FrameEncoder encoder = new FrameEncoder(ClusterHash.of("test"));
    private final FrameDecoder decoder = new FrameDecoder(
            TestSettings.node(1, TestSettings.loopbackNodes(3), Path.of("/tmp/unused"), TestSettings.FAST_LINKS));

    @Test
    void tokenRoundTripsThroughTheWire() {
        RegularToken token = new RegularToken(new RingId(1, 4), 300, 77, 280, 3, 12, 40, true, List.of(281L, 290L));
        TotemTokenFrame frame = (TotemTokenFrame) wire(TotemFrames.toFrame(2, 1, token));
        assertEquals(2, frame.senderNodeId());
        assertEquals(token, TotemFrames.toToken(frame));
        assertEquals(RegularToken.initial(new RingId(1, 1)),
                TotemFrames.toToken((TotemTokenFrame) wire(TotemFrames.toFrame(3, 1, RegularToken.initial(new RingId(1, 1))))));
    }

    @Test
    void retransmittedMessageKeepsItsOriginator() {
        OrderedMessage own = new OrderedMessage(new RingId(1, 4), 9, 1, Delivery.SAFE, new byte[] {4, 5});
        TotemMcastFrame frame = (TotemMcastFrame) wire(TotemFrames.toFrame(3, 1, own));
        assertEquals(3, frame.senderNodeId(), "sent (retransmitted) by node 3");
        assertEquals(own, TotemFrames.toMessage(frame), "originated by node 1");
        OrderedMessage agreed = new OrderedMessage(new RingId(1, 4), 10, 2, Delivery.AGREED, new byte[0]);
        assertEquals(agreed, TotemFrames.toMessage((TotemMcastFrame) wire(TotemFrames.toFrame(2, 1, agreed))));
    }

    @Test
    void encapsulatedMessageKeepsItsOrigin() {
        OrderedMessage original = new OrderedMessage(new RingId(2, 3), 17, 3, Delivery.SAFE, new byte[] {8, 9});
        OrderedMessage carried = new OrderedMessage(new RingId(1, 4), 2, 2, Delivery.AGREED, original.payload(),
                Encapsulation.of(original));
        TotemMcastFrame frame = (TotemMcastFrame) wire(TotemFrames.toFrame(2, 1, carried));
        assertEquals(new TotemMcastFrame.Encapsulated(2, 3, 17, 3, true), frame.encapsulated());
        OrderedMessage back = TotemFrames.toMessage(frame);
        assertEquals(carried, back);
        assertEquals(original, back.unwrap());
    }

    @Test
    void holdCancelRoundTripsThroughTheWire() {
        TokenHoldCancel cancel = new TokenHoldCancel(3, new RingId(1, 0x1c));
        TotemTokenHoldCancelFrame frame = (TotemTokenHoldCancelFrame) wire(TotemFrames.toFrame(1, cancel));
        assertEquals(new TotemTokenHoldCancelFrame(3, 1, 1, 0x1c), frame);
        assertEquals(cancel, TotemFrames.toHoldCancel(frame));
    }

    private WireFrame wire(WireFrame frame) {
        int length = encoder.encode(frame);
        return ((DecodeResult.Decoded) decoder.decode(encoder.buffer(), 0, length)).frame();
    }
}
