package io.ringsync.examples.kvstore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringsync.examples.harness.ExampleCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store's processes of an {@link ExampleCluster} driven through their stdin ({@link KvMain}'s
 * commands) and read through their answers, which share the output file with the log: a
 * {@code state} answer parsed, a put answered ({@code ok}, {@code refused: ...}), a background
 * writer of distinct keys, and the convergence check by digest.
 */
final class KvConsoles {

    /** Generous: a 2-core machine runs several JVMs besides these. */
    static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Pattern STATE = Pattern.compile(
            "^version=(\\d+) digest=(\\S+) keys=(\\d+) current=(true|false) quorate=(true|false)$");
    private static final Duration WRITE_PACE = Duration.ofMillis(25);

    /** One {@code state} answer. */
    record State(long version, String digest, int keys, boolean current, boolean quorate) {
    }

    private final ExampleCluster cluster;
    private final AtomicInteger nextKey = new AtomicInteger();

    KvConsoles(ExampleCluster cluster) {
        this.cluster = cluster;
    }

    /** Asks node {@code id}'s live process for its state; its answer (after every command sent before). */
    State state(int id) throws Exception {
        String line = ask(id, "state", text -> STATE.matcher(text).matches());
        Matcher m = STATE.matcher(line);
        assertTrue(m.matches(), line);
        return new State(Long.parseLong(m.group(1)), m.group(2), Integer.parseInt(m.group(3)),
                Boolean.parseBoolean(m.group(4)), Boolean.parseBoolean(m.group(5)));
    }

    /** Puts {@code key} on node {@code id} (no writer running there); its answer: {@code ok} or {@code refused: ...}. */
    String put(int id, String key, String value) throws Exception {
        return ask(id, "put " + key + " " + value, KvConsoles::isPutAnswer);
    }

    /** Sends {@code command} to node {@code id} and waits for the next answer line {@code isAnswer} accepts. */
    private String ask(int id, String command, Predicate<String> isAnswer) throws Exception {
        ExampleCluster.Incarnation incarnation = cluster.live(id);
        long before = cluster.lines(incarnation).stream().filter(isAnswer).count();
        cluster.send(id, command);
        String[] answer = new String[1];
        cluster.await("node " + id + " answering \"" + command + "\"", DEADLINE, () -> {
            List<String> answers = cluster.lines(incarnation).stream().filter(isAnswer).toList();
            answer[0] = answers.size() > before ? answers.get((int) before) : null;
            return answer[0] != null;
        });
        return answer[0];
    }

    private static boolean isPutAnswer(String line) {
        return line.equals("ok") || line.startsWith("refused: ") || line.equals("no answer within the timeout");
    }

    /** Puts acknowledged so far ({@code ok} answers), over every incarnation. */
    int acknowledged() {
        return (int) cluster.logs().values().stream().flatMap(List::stream).filter("ok"::equals).count();
    }

    /** Waits until {@code more} puts more than now were acknowledged. */
    void awaitAcknowledged(String when, int more) throws Exception {
        int target = acknowledged() + more;
        cluster.await(target + " puts acknowledged " + when, DEADLINE, () -> acknowledged() >= target);
    }

    /** Waits until node {@code id}'s state passes {@code condition}; that state. */
    State awaitState(int id, String what, Predicate<State> condition) throws Exception {
        State[] last = new State[1];
        cluster.await("node " + id + " " + what, DEADLINE, () -> condition.test(last[0] = state(id)));
        return last[0];
    }

    /**
     * Starts a writer that puts a new key every 25 ms on {@code nodes} in turn (not waiting for the
     * answers: each process answers its commands in order); stop it with {@link Writer#stop()}.
     */
    Writer writer(List<Integer> nodes) {
        Writer writer = new Writer(nodes);
        writer.thread.start();
        return writer;
    }

    /** A running writer. */
    final class Writer {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private Writer(List<Integer> nodes) {
            this.thread = new Thread(() -> {
                for (int turn = 0; running.get(); turn++) {
                    int key = nextKey.incrementAndGet();
                    try {
                        cluster.send(nodes.get(turn % nodes.size()), "put k" + key + " v" + key);
                        Thread.sleep(WRITE_PACE.toMillis());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "kv-writer");
        }

        /** Stops sending (the processes still answer what was sent). */
        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    /**
     * Waits until every node of {@code ids} answers {@code state} with one version and digest, its
     * replica current and quorate, and each answer came after every command sent to it (so after
     * its last put); then checks that the replicas hold at least every acknowledged put (each put
     * wrote a distinct key). The agreed state.
     */
    State awaitConverged(List<Integer> ids) throws Exception {
        Map<Integer, State> states = new TreeMap<>();
        cluster.await("nodes " + ids + " converging to one version and digest", DEADLINE, () -> {
            for (int id : ids) {
                states.put(id, state(id));
            }
            System.out.println("states: " + states);
            return states.values().stream().allMatch(s -> s.current() && s.quorate())
                    && states.values().stream().map(s -> s.version() + "/" + s.digest()).distinct().count() == 1;
        });
        State agreed = states.values().iterator().next();
        int acknowledged = acknowledged();
        assertTrue(agreed.version() >= acknowledged, "version " + agreed.version() + " holds the " + acknowledged
                + " acknowledged puts");
        assertTrue(agreed.keys() >= acknowledged, agreed.keys() + " keys hold the " + acknowledged
                + " acknowledged puts");
        return agreed;
    }
}
