package io.ringsync.cpg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ringsync.protocol.PureCoreScan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** STYLE.md rule 2 for this module: its classes marked {@code @PureCore} read no clock, start no thread, do no I/O. */
class PureCoresTest {

    private static final Path SOURCES = Path.of("src", "main", "java");

    @Test
    void everyMarkedCoreIsPure() throws Exception {
        assertFalse(PureCoreScan.markedCores(SOURCES).isEmpty(), "the module's cores are marked @PureCore");
        assertEquals(List.of(), PureCoreScan.violations(SOURCES));
    }
}
