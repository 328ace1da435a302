package io.ringsync.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The source scan behind STYLE.md rule 2, shared by every module's check (protocol's test jar):
 * a class marked {@link PureCore} must not read a clock or ambient randomness, sleep, start
 * threads, or use Akka, Aeron, Agrona or I/O. It reads the sources, so it also catches a call
 * through a fully qualified name that an import scan would miss. Byte buffers and charsets
 * ({@code java.nio.ByteBuffer}, {@code java.nio.charset}) are codecs' tools, not I/O.
 */
public final class PureCoreScan {

    /** What a core must not use, by what it is. */
    public static final Map<String, Pattern> FORBIDDEN = Map.of(
            "a clock", Pattern.compile("System\\s*\\.\\s*(nanoTime|currentTimeMillis)|\\bInstant\\s*\\.\\s*now|\\bClock\\b"),
            "ambient randomness", Pattern.compile("ThreadLocalRandom|Math\\s*\\.\\s*random|new\\s+Random\\s*\\(\\s*\\)|SecureRandom"),
            "threads or sleeping", Pattern.compile("\\bThread\\b|Executor|CompletableFuture|LockSupport"),
            "Akka, Aeron or Agrona", Pattern.compile("\\bakka\\.|\\bio\\.aeron\\.|\\borg\\.agrona\\."),
            "I/O", Pattern.compile("\\bjava\\.io\\.|\\bjava\\.nio\\.(file|channels)\\b|\\bjava\\.net\\."
                    + "|System\\s*\\.\\s*(out|err)|LoggerFactory"));

    private PureCoreScan() {
    }

    /** The source files under {@code sources} marked {@code @PureCore}. */
    public static List<Path> markedCores(Path sources) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.endsWith("PureCore.java"))
                    .filter(PureCoreScan::isMarked)
                    .toList();
        }
    }

    /** One line per forbidden use in the marked cores under {@code sources}; empty when they are pure. */
    public static List<String> violations(Path sources) throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path core : markedCores(sources)) {
            String code = withoutComments(Files.readString(core));
            FORBIDDEN.forEach((what, pattern) -> {
                if (pattern.matcher(code).find()) {
                    violations.add(sources.relativize(core) + " uses " + what);
                }
            });
        }
        return violations;
    }

    /** The code without block and line comments, so Javadoc may name what the code must not do. */
    public static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }

    private static boolean isMarked(Path file) {
        try {
            return withoutComments(Files.readString(file)).contains("@PureCore");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
