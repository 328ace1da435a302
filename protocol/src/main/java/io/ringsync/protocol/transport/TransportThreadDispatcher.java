package io.ringsync.protocol.transport;

import akka.dispatch.DispatcherPrerequisites;
import akka.dispatch.ExecutorServiceConfigurator;
import akka.dispatch.ExecutorServiceFactory;
import com.typesafe.config.Config;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Akka's hook for the {@value TransportThreadExecutor#DISPATCHER_ID} dispatcher
 * ({@code executor = "io.ringsync.protocol.transport.TransportThreadDispatcher"}): it hands
 * Akka the actor system's {@link TransportThreadExecutor}.
 */
public final class TransportThreadDispatcher extends ExecutorServiceConfigurator {

    private final DispatcherPrerequisites prerequisites;

    /** Called by Akka with the dispatcher's config block. */
    public TransportThreadDispatcher(Config config, DispatcherPrerequisites prerequisites) {
        super(config, prerequisites);
        this.prerequisites = prerequisites;
    }

    @Override
    public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
        return new ExecutorServiceFactory() {
            @Override
            public ExecutorService createExecutorService() {
                return TransportThreadExecutor.forSystemSettings(prerequisites.settings());
            }
        };
    }
}
