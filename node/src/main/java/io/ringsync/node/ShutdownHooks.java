package io.ringsync.node;

/** JVM shutdown hooks of the CLI: our own, since Akka's is turned off. */
public final class ShutdownHooks {

    private ShutdownHooks() {
    }

    /** Runs {@code action} when the JVM shuts down (SIGTERM, SIGINT, System.exit). */
    public static Thread install(String name, Runnable action) {
        Thread hook = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Removes a hook that is no longer needed; a no-op once the JVM is shutting down. */
    public static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to remove
        }
    }
}
