package io.ringsync.examples.kvstore;

import io.ringsync.config.ConfigProblem;
import io.ringsync.config.InvalidConfigException;
import io.ringsync.embed.Ringsync;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs one member of the key/value store example: a ringsync node from a node file, embedded, and
 * its store member; commands on stdin, one per line: {@code put KEY VALUE}, {@code get KEY},
 * {@code state}. Runs until SIGTERM or SIGINT (stdin at its end leaves it running), then leaves the
 * ring. A bad config prints its problems and exits 2; a refused start exits 1.
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
 *     -cp node/target/ringsync.jar:examples/kvstore/target/ringsync-kvstore.jar \
 *     io.ringsync.examples.kvstore.KvMain node1.conf
 * </pre>
 */
public final class KvMain {

    private KvMain() {
    }

    /** Starts the node and the member, then serves stdin's commands. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: kvstore NODE_CONFIG");
            System.exit(2);
        }
        Ringsync ringsync;
        try {
            ringsync = Ringsync.builder().configFile(Path.of(args[0])).configureLogging(true).start();
        } catch (InvalidConfigException e) {
            e.problems().stream().map(ConfigProblem::format).forEach(System.err::println);
            System.exit(2);
            return;
        } catch (IOException e) {
            System.err.println("kvstore: the node did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(ringsync::close, "kvstore-shutdown"));
        KvStore store = KvStore.start(ringsync, "kvstore");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                System.out.println(serve(store, line.trim().split("\\s+", 3)));
            }
        }
        ringsync.whenStopped().toCompletableFuture().join();
    }

    /** One command's answer, one line. */
    static String serve(KvStore store, String[] words) {
        try {
            if (words[0].equals("put") && words.length == 3) {
                store.put(words[1], words[2]).toCompletableFuture().get(KvStore.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                return "ok";
            }
            if (words[0].equals("get") && words.length == 2) {
                return store.get(words[1]).toCompletableFuture().get(10, TimeUnit.SECONDS).orElse("(none)");
            }
            if (words[0].equals("state") && words.length == 1) {
                KvActor.KvState s = store.state().toCompletableFuture().get(10, TimeUnit.SECONDS);
                return "version=" + s.version() + " digest=" + s.digest() + " keys=" + s.size() + " current="
                        + s.current() + " quorate=" + s.quorate();
            }
            return "commands: put KEY VALUE | get KEY | state";
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            return "refused: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            return "no answer within the timeout";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
