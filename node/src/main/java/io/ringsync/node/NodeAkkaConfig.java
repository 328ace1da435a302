package io.ringsync.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.ringsync.config.RingsyncSettings;
import io.ringsync.node.akka.DeadlineScheduler;
import io.ringsync.protocol.transport.TransportThreadDispatcher;
import io.ringsync.protocol.transport.TransportThreadExecutor;
import java.util.Locale;

/**
 * The Akka configuration of one node's actor system, tuned for a small machine: a default
 * dispatcher of 2 to 4 threads, logging through slf4j (Akka itself never below INFO), no
 * dead-letter noise at shutdown, no Akka JVM shutdown hook (the node installs its own), and
 * the {@link DeadlineScheduler}, which does not wake an idle node 100 times a second, and the
 * dispatcher Totem runs on: the node's transport thread ({@link TransportThreadExecutor}).
 */
public final class NodeAkkaConfig {

    private NodeAkkaConfig() {
    }

    /** The actor system name of a node, e.g. "ringsync-node1". */
    public static String systemName(RingsyncSettings settings) {
        return "ringsync-node" + settings.nodeId();
    }

    /** The config for this node, over the JVM's own (system properties, application.conf, reference.conf). */
    public static Config of(RingsyncSettings settings) {
        String text = """
                akka {
                  loggers = ["akka.event.slf4j.Slf4jLogger"]
                  logging-filter = "akka.event.slf4j.Slf4jLoggingFilter"
                  loglevel = %s
                  stdout-loglevel = OFF
                  log-dead-letters = 10
                  log-dead-letters-during-shutdown = off
                  jvm-shutdown-hooks = off
                  scheduler.implementation = "%s"
                  coordinated-shutdown.run-by-jvm-shutdown-hook = off
                  actor.default-dispatcher.fork-join-executor {
                    parallelism-min = 2
                    parallelism-max = 4
                  }
                  actor.internal-dispatcher.fork-join-executor {
                    parallelism-min = 2
                    parallelism-max = 2
                  }
                }
                %s {
                  type = Dispatcher
                  executor = "%s"
                  throughput = 64
                }
                """.formatted(akkaLevel(settings.logging().level()), DeadlineScheduler.class.getName(),
                TransportThreadExecutor.DISPATCHER_ID, TransportThreadDispatcher.class.getName());
        return ConfigFactory.parseString(text).withFallback(ConfigFactory.load());
    }

    /** Akka's level for a ringsync level: debug and trace become INFO, Akka's internals are not ours to debug. */
    static String akkaLevel(String level) {
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "warn", "warning" -> "WARNING";
            case "error" -> "ERROR";
            case "off" -> "OFF";
            default -> "INFO";
        };
    }
}
