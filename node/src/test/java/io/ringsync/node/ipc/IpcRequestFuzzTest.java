package io.ringsync.node.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringsync.node.Json;
import io.ringsync.protocol.link.LinkStatus;
import io.ringsync.protocol.link.LinkStatusReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the node's request path over an arbitrary byte stream from a client, read in short
 * chunks as a socket may deliver it: {@link IpcFrames#read} takes frames until the stream ends
 * or a frame is refused with an {@link IpcProtocolException} (any other exception is a bug);
 * no body exceeds {@link IpcFrames#MAX_REQUEST_BYTES} or the bytes sent; each body gets a reply
 * from {@link IpcRequests#answer} with {@link NodeIpcHandler}: a JSON object that is an answer
 * or an {@code error} text (never an internal error), small enough to send.
 *
 * <p>{@code mvn verify} replays the seeds in {@code IpcRequestFuzzTestInputs/serve} (written
 * by {@link IpcSeeds}, checked by {@link #seedCorpusIsCurrent}); {@code JAZZER_FUZZ=1} fuzzes
 * (see SECURITY-NOTES.md).
 */
class IpcRequestFuzzTest {

    private static final LinkStatusReport REPORT = new LinkStatusReport(1, "test", List.of(
            new LinkStatus(1, "node1", 0, "127.0.0.1:5405", "127.0.0.1:5405", true, true, -1, -1, -1, 0, 0)),
            Map.of("frames.sent", 7L));

    private final NodeIpcHandler handler =
            new NodeIpcHandler(1, "test", () -> CompletableFuture.completedFuture(REPORT),
                    () -> CompletableFuture.failedFuture(new IllegalStateException("no Totem in this test")), Map::of);

    @FuzzTest(maxDuration = "30s")
    void serve(byte[] stream) throws IOException {
        ReadableByteChannel client = new ChunkedChannel(stream, 1 + stream.length % 7);
        long consumed = 0;
        while (true) {
            Optional<byte[]> body;
            try {
                body = IpcFrames.read(client, IpcFrames.MAX_REQUEST_BYTES, "request");
            } catch (IpcProtocolException e) {
                assertFalse(e.getMessage().isBlank(), "refusals say why");
                return;
            }
            if (body.isEmpty()) {
                return;
            }
            consumed += Integer.BYTES + body.get().length;
            assertTrue(body.get().length <= IpcFrames.MAX_REQUEST_BYTES && consumed <= stream.length,
                    "a body of " + body.get().length + " bytes from a stream of " + stream.length);
            checkReply(IpcRequests.answer(handler, body.get()));
        }
    }

    private static void checkReply(JsonNode reply) throws IOException {
        assertTrue(reply.isObject(), reply.toString());
        if (reply.has("error")) {
            assertTrue(reply.get("error").isTextual(), reply.toString());
            assertFalse(reply.get("error").asText().startsWith(IpcRequests.INTERNAL_ERROR), reply.toString());
        }
        assertTrue(Json.mapper().writeValueAsBytes(reply).length <= IpcFrames.MAX_REPLY_BYTES, "reply size");
    }

    @Test
    void seedCorpusIsCurrent() throws IOException {
        Path dir = Path.of("src/test/resources/io/ringsync/node/ipc/IpcRequestFuzzTestInputs/serve");
        Map<String, byte[]> seeds = IpcSeeds.seeds();
        if (Boolean.getBoolean(IpcSeeds.WRITE_PROPERTY)) {
            IpcSeeds.write(dir, seeds);
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(new TreeSet<>(seeds.keySet()), files.filter(f -> !IpcSeeds.isFinding(f))
                    .map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)),
                    "seed files; regenerate with -D" + IpcSeeds.WRITE_PROPERTY + "=true");
        }
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            assertArrayEquals(seed.getValue(), Files.readAllBytes(dir.resolve(seed.getKey())), seed.getKey());
        }
    }

    /** A channel over {@code bytes} that delivers at most {@code chunk} bytes per read. */
    private static final class ChunkedChannel implements ReadableByteChannel {
        private final ByteBuffer source;
        private final int chunk;

        ChunkedChannel(byte[] bytes, int chunk) {
            this.source = ByteBuffer.wrap(bytes);
            this.chunk = chunk;
        }

        @Override
        public int read(ByteBuffer into) {
            if (!source.hasRemaining()) {
                return -1;
            }
            int n = Math.min(chunk, Math.min(into.remaining(), source.remaining()));
            into.put(source.slice().limit(n));
            source.position(source.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
