package io.ringsync.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootCounterTest {

    @TempDir
    Path tmp;

    @Test
    void countsStartsFromOneAndCreatesTheStateDir() throws Exception {
        Path stateDir = tmp.resolve("var/lib/ringsync");
        assertEquals(1, BootCounter.next(stateDir));
        assertEquals(2, BootCounter.next(stateDir));
        assertEquals(3, BootCounter.next(stateDir));
        assertEquals("3\n", Files.readString(stateDir.resolve(BootCounter.FILE_NAME)));
        try (var files = Files.list(stateDir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void continuesFromAnExistingCount() throws Exception {
        Files.writeString(tmp.resolve(BootCounter.FILE_NAME), "41\n");
        assertEquals(42, BootCounter.next(tmp));
    }

    @Test
    void refusesACorruptFileWithOneClearLineAndLeavesItAlone() throws Exception {
        for (String corrupt : new String[] {"", "seven\n", "-3\n", "12\u0000garbage", "9223372036854775807"}) {
            Path file = tmp.resolve(BootCounter.FILE_NAME);
            Files.writeString(file, corrupt);
            BootCountException e = assertThrows(BootCountException.class, () -> BootCounter.next(tmp));
            assertTrue(e.getMessage().startsWith("boot count " + file + " is corrupt"), e.getMessage());
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u0000"), e.getMessage());
            assertEquals(corrupt, Files.readString(file), "a corrupt count is never reset");
        }
    }

    @Test
    void anUnusableStateDirIsAOneLineError() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("plain-file"), "x");
        BootCountException e = assertThrows(BootCountException.class, () -> BootCounter.next(notADir));
        assertTrue(e.getMessage().startsWith("boot count " + notADir.resolve(BootCounter.FILE_NAME)), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
