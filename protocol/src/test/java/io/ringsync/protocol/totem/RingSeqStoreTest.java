package io.ringsync.protocol.totem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RingSeqStoreTest {

    @TempDir
    Path tmp;

    @Test
    void absentIsZeroAndAWriteIsReadBackWithoutLeftovers() throws Exception {
        Path stateDir = tmp.resolve("var/lib/ringsync");
        assertEquals(0, RingSeqStore.read(stateDir));
        RingSeqStore.write(stateDir, 0x1c);
        assertEquals(0x1c, RingSeqStore.read(stateDir));
        RingSeqStore.write(stateDir, Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, RingSeqStore.read(stateDir));
        assertEquals(Long.MAX_VALUE + "\n", Files.readString(stateDir.resolve(RingSeqStore.FILE_NAME)));
        try (var files = Files.list(stateDir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aCorruptFileIsOneClearLineAndIsLeftAlone() throws Exception {
        for (String corrupt : new String[] {"", "seven\n", "-4\n", "12\u0000garbage", "99999999999999999999"}) {
            Path file = tmp.resolve(RingSeqStore.FILE_NAME);
            Files.writeString(file, corrupt);
            RingSeqException e = assertThrows(RingSeqException.class, () -> RingSeqStore.read(tmp));
            assertTrue(e.getMessage().startsWith("ring seq " + file + " is corrupt"), e.getMessage());
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u0000"), e.getMessage());
            assertEquals(corrupt, Files.readString(file), "a corrupt seq is never reset");
        }
    }

    @Test
    void anUnusableStateDirIsAOneLineError() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("plain-file"), "x");
        RingSeqException e = assertThrows(RingSeqException.class, () -> RingSeqStore.write(notADir, 4));
        assertTrue(e.getMessage().startsWith("ring seq " + notADir.resolve(RingSeqStore.FILE_NAME) + " cannot be written"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        Files.createDirectories(tmp.resolve("dir/" + RingSeqStore.FILE_NAME));
        e = assertThrows(RingSeqException.class, () -> RingSeqStore.read(tmp.resolve("dir")));
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }
}
