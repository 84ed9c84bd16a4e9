package io.troupe.stream.internal;

import java.util.concurrent.Executor;

/**
 * A stage logic that runs best on one particular thread, and asks for its island to be run
 * there: a TCP connection asks for its channel's Netty event loop, so that reading, handing bytes
 * downstream, and writing what comes back happen on one thread with no task handed between
 * threads. The materializer honours the first such request in an island unless the island has a
 * dispatcher set explicitly ({@code ActorAttributes.dispatcher}), which always wins. Internal
 * API.
 */
public interface PreferredExecutor {
  /** The executor the logic's island should run on. */
  Executor preferredExecutor();
}
