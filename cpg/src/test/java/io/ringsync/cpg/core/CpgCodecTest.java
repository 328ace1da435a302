package io.ringsync.cpg.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.cpg.CpgHandle;
import io.ringsync.cpg.CpgReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The wire form of CPG messages: round trips, joinlist splitting, and garbage that decodes to nothing. */
class CpgCodecTest {

    @Test
    void everyMessageComesBackAsItWent() {
        String longest = "\u00e9".repeat(64);
        List<CpgMessage> messages = List.of(
                new CpgMessage.Join("g", 1),
                new CpgMessage.Join(longest, Long.MAX_VALUE),
                new CpgMessage.Leave("g", 7, CpgReason.LEAVE),
                new CpgMessage.Leave("g", 7, CpgReason.PROCDOWN),
                new CpgMessage.Mcast("g", 3, new byte[0]),
                new CpgMessage.Mcast("group two", 3, new byte[] {1, 2, 3}),
                new CpgMessage.JoinList(List.of()),
                new CpgMessage.JoinList(List.of(new CpgHandle("a", 1), new CpgHandle(longest, 2))));
        for (CpgMessage message : messages) {
            assertEquals(Optional.of(message), CpgCodec.decode(CpgCodec.encode(message)), message.toString());
        }
    }

    @Test
    void aLargeJoinlistIsSplitIntoBoundedMessagesThatTogetherHoldEveryEntry() {
        List<CpgHandle> entries = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            entries.add(new CpgHandle("g".repeat(100) + i, i));
        }
        List<byte[]> parts = CpgCodec.joinLists(entries);
        assertTrue(parts.size() > 1, "split");
        List<CpgHandle> decoded = new ArrayList<>();
        for (byte[] part : parts) {
            assertTrue(part.length <= CpgCodec.MAX_JOINLIST_BYTES, part.length + " bytes");
            decoded.addAll(((CpgMessage.JoinList) CpgCodec.decode(part).orElseThrow()).entries());
        }
        assertEquals(entries, decoded);
        assertEquals(List.of(), CpgCodec.joinLists(List.of()), "nothing to tell, no message");
    }

    @Test
    void malformedBytesDecodeToNothing() {
        byte[] join = CpgCodec.encode(new CpgMessage.Join("g", 1));
        byte[] withTrailer = Arrays.copyOf(join, join.length + 1);
        List<byte[]> broken = List.of(new byte[0], new byte[] {9}, new byte[] {1, 0}, new byte[] {1, (byte) 200},
                Arrays.copyOf(join, join.length - 1), withTrailer,
                new byte[] {1, 1, (byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 1},
                new byte[] {2, 1, 'g', 0, 0, 0, 0, 0, 0, 0, 1, 3},
                new byte[] {4, 0x7f, 0, 0, 0});
        for (byte[] bytes : broken) {
            assertEquals(Optional.empty(), CpgCodec.decode(bytes), Arrays.toString(bytes));
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            CpgCodec.decode(bytes);
        }
    }
}
