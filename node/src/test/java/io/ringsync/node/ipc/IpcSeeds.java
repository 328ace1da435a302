package io.ringsync.node.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The seed corpus of {@link IpcRequestFuzzTest}: client streams of well-formed requests and
 * of each kind of broken one. Rewrite the committed files with
 * {@code mvn -pl node -am test -Dtest=IpcRequestFuzzTest#seedCorpusIsCurrent
 * -Dsurefire.failIfNoSpecifiedTests=false -Dringsync.fuzz.writeSeeds=true}. Files named
 * {@code crash-*} are findings Jazzer saved there while fuzzing, kept as regression inputs:
 * they are neither compared nor rewritten.
 */
final class IpcSeeds {

    /** The system property that makes the seed test write the corpus. */
    static final String WRITE_PROPERTY = "ringsync.fuzz.writeSeeds";
    /** The name prefix of the inputs Jazzer saves for a finding. */
    static final String FINDING_PREFIX = "crash-";

    private IpcSeeds() {
    }

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("ping", frames("{\"op\":\"ping\"}"));
        seeds.put("status", frames("{\"op\":\"status\"}"));
        seeds.put("ping-then-status", frames("{\"op\":\"ping\"}", "{\"op\":\"status\",\"verbose\":[1,2.5,null,{}]}"));
        seeds.put("unknown-op", frames("{\"op\":\"reboot\"}"));
        seeds.put("op-not-a-string", frames("{\"op\":7}"));
        seeds.put("not-an-object", frames("[\"ping\"]"));
        seeds.put("malformed-json", frames("{\"op\":\"ping\""));
        seeds.put("deep-nesting", frames("{\"op\":\"ping\",\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}"));
        seeds.put("long-number", frames("{\"op\":\"ping\",\"n\":" + "9".repeat(5000) + "}"));
        seeds.put("oversize-length", ByteBuffer.allocate(8).putInt(IpcFrames.MAX_REQUEST_BYTES + 1).array());
        seeds.put("negative-length", ByteBuffer.allocate(8).putInt(-1).array());
        seeds.put("truncated-length", new byte[] {0, 0});
        seeds.put("truncated-body", ByteBuffer.allocate(10).putInt(100).put(bytes("{\"op\"")).array());
        return seeds;
    }

    static void write(Path dir, Map<String, byte[]> seeds) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path file : old.filter(f -> !isFinding(f)).toList()) {
                Files.delete(file);
            }
        }
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            Files.write(dir.resolve(seed.getKey()), seed.getValue());
        }
    }

    /** True for an input Jazzer saved for a finding. */
    static boolean isFinding(Path file) {
        return file.getFileName().toString().startsWith(FINDING_PREFIX);
    }

    /** Each JSON text as one frame: 4-byte big-endian length, then the UTF-8 bytes. */
    private static byte[] frames(String... json) {
        ByteBuffer out = ByteBuffer.allocate(Stream.of(json).mapToInt(j -> 4 + bytes(j).length).sum());
        for (String j : json) {
            out.putInt(bytes(j).length).put(bytes(j));
        }
        return out.array();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
