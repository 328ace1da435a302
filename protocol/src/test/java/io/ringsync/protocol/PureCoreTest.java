package io.ringsync.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

    private static final Map<String, Pattern> FORBIDDEN = Map.of(
            "a clock", Pattern.compile("System\\s*\\.\\s*(nanoTime|currentTimeMillis)|\\bInstant\\s*\\.\\s*now|\\bClock\\b"),
            "ambient randomness", Pattern.compile("ThreadLocalRandom|Math\\s*\\.\\s*random|new\\s+Random\\s*\\(\\s*\\)|SecureRandom"),
            "threads or sleeping", Pattern.compile("\\bThread\\b|Executor|CompletableFuture|LockSupport"),
            "Akka, Aeron or Agrona", Pattern.compile("\\bakka\\.|\\bio\\.aeron\\.|\\borg\\.agrona\\."),
            "I/O", Pattern.compile("\\bjava\\.io\\.|\\bjava\\.nio\\.|\\bjava\\.net\\.|System\\s*\\.\\s*(out|err)|LoggerFactory"));

    @Test
    void everyMarkedCoreIsFreeOfClocksThreadsAndIo() throws IOException {
        List<Path> cores = markedCores();
        for (String known : KNOWN_CORES) {
            assertTrue(cores.contains(SOURCES.resolve(known)), known + " is no longer marked @PureCore");
        }
        List<String> violations = new ArrayList<>();
        for (Path core : cores) {
            String code = withoutComments(Files.readString(core));
            FORBIDDEN.forEach((what, pattern) -> {
                if (pattern.matcher(code).find()) {
                    violations.add(SOURCES.relativize(core) + " uses " + what);
                }
            });
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theScanCatchesAClockReadingCore() {
        String broken = "@PureCore final class Bad { long now() { return System.nanoTime(); } }";
        assertTrue(FORBIDDEN.get("a clock").matcher(withoutComments(broken)).find());
        String documented = "/** never calls System.nanoTime() */ @PureCore final class Good { }";
        assertTrue(FORBIDDEN.values().stream().noneMatch(p -> p.matcher(withoutComments(documented)).find()));
    }

    private static List<Path> markedCores() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.endsWith("PureCore.java"))
                    .filter(PureCoreTest::isMarked)
                    .toList();
        }
    }

    private static boolean isMarked(Path file) {
        try {
            return withoutComments(Files.readString(file)).contains("@PureCore");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** The code without block and line comments, so Javadoc may name what the code must not do. */
    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
