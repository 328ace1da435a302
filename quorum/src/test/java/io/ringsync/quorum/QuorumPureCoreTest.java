package io.ringsync.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md rule 2 for this module: the classes marked {@code @PureCore} (the calculator, the
 * replicated core, the codec) read no clock, start no thread, and touch neither Akka nor I/O.
 */
class QuorumPureCoreTest {

    private static final List<String> CORES = List.of("QuorumCalculator.java", "QuorumCodec.java", "VoteQuorum.java");

    private static final Pattern FORBIDDEN = Pattern.compile("System\\s*\\.\\s*(nanoTime|currentTimeMillis)"
            + "|\\bInstant\\s*\\.\\s*now|\\bClock\\b|ThreadLocalRandom|Math\\s*\\.\\s*random|\\bThread\\b|Executor"
            + "|CompletableFuture|\\bakka\\.|\\bio\\.aeron\\.|\\bjava\\.io\\.|\\bjava\\.nio\\.file|\\bjava\\.net\\."
            + "|System\\s*\\.\\s*(out|err)|LoggerFactory");

    @Test
    void markedCoresAreFreeOfClocksThreadsAkkaAndIo() throws IOException {
        Path dir = Path.of("src", "main", "java", "io", "ringsync", "quorum");
        List<String> marked = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String source = Files.readString(file);
                if (source.contains("@PureCore")) {
                    marked.add(file.getFileName().toString());
                    assertTrue(!FORBIDDEN.matcher(source).find(), file + " breaks the pure core rule: "
                            + FORBIDDEN.matcher(source).results().map(r -> r.group()).toList());
                }
            }
        }
        assertEquals(CORES, marked);
    }
}
