package io.ringsync.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build check of STYLE.md rule 2: no class marked {@link PureCore} in this module's
 * sources reads a clock or ambient randomness, sleeps, starts threads, or uses Akka, Aeron,
 * Agrona or I/O. It reads the sources, so it also catches a call through a fully qualified
 * name that an import scan would miss.
 */
class PureCoreTest {

    private static final Path SOURCES = Path.of("src", "main", "java");

    /** Cores that exist today; a core may be added, but none may lose its mark unnoticed. */
    private static final List<String> KNOWN_CORES = List.of(
            "io/ringsync/protocol/crypto/RejectionLog.java",
            "io/ringsync/protocol/crypto/ReplayWindow.java",
            "io/ringsync/protocol/crypto/SenderSessions.java",
            "io/ringsync/protocol/link/LinkMonitor.java",
            "io/ringsync/protocol/link/PeerLink.java",
            "io/ringsync/protocol/link/RttWindow.java",
            "io/ringsync/protocol/service/ServiceChannel.java",
            "io/ringsync/protocol/service/SyncBarrier.java",
            "io/ringsync/protocol/totem/FlowControl.java",
            "io/ringsync/protocol/totem/OrderingCore.java",
            "io/ringsync/protocol/totem/OutgoingQueue.java",
            "io/ringsync/protocol/totem/ReceiveWindow.java",
            "io/ringsync/protocol/totem/TokenHold.java",
            "io/ringsync/protocol/totem/membership/CommitRotation.java",
            "io/ringsync/protocol/totem/membership/GatherSets.java",
            "io/ringsync/protocol/totem/membership/MembershipCore.java",
            "io/ringsync/protocol/totem/pg/PackingQueue.java",
            "io/ringsync/protocol/totem/pg/Unpacker.java",
            "io/ringsync/protocol/totem/recovery/EvsDelivery.java",
            "io/ringsync/protocol/totem/recovery/RecoveryPlan.java",
            "io/ringsync/protocol/totem/srp/RecoveryDriver.java",
            "io/ringsync/protocol/totem/srp/RecoveryProgress.java",
            "io/ringsync/protocol/totem/srp/SrpCore.java",
            "io/ringsync/protocol/totem/srp/TokenPath.java",
            "io/ringsync/protocol/transport/fault/FaultFilter.java");

    @Test
    void everyMarkedCoreIsFreeOfClocksThreadsAndIo() throws IOException {
        List<Path> cores = PureCoreScan.markedCores(SOURCES);
        for (String known : KNOWN_CORES) {
            assertTrue(cores.contains(SOURCES.resolve(known)), known + " is no longer marked @PureCore");
        }
        assertEquals(List.of(), PureCoreScan.violations(SOURCES));
    }

    @Test
    void byteBuffersAreNotIoButFilesAre() {
        assertTrue(PureCoreScan.FORBIDDEN.get("I/O").matcher("java.nio.file.Files.readString(p)").find());
        assertTrue(PureCoreScan.FORBIDDEN.get("I/O").matcher("import java.nio.channels.SocketChannel;").find());
        assertTrue(!PureCoreScan.FORBIDDEN.get("I/O").matcher("import java.nio.ByteBuffer;").find());
    }

    @Test
    void theScanCatchesAClockReadingCore() {
        String broken = "@PureCore final class Bad { long now() { return System.nanoTime(); } }";
        assertTrue(PureCoreScan.FORBIDDEN.get("a clock").matcher(PureCoreScan.withoutComments(broken)).find());
        String documented = "/** never calls System.nanoTime() */ @PureCore final class Good { }";
        assertTrue(PureCoreScan.FORBIDDEN.values().stream().noneMatch(p -> p.matcher(PureCoreScan.withoutComments(documented)).find()));
    }
}
