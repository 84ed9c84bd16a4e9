package io.troupe.stream.tck;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.NotUsed;
import io.troupe.stream.Source;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.reactivestreams.tck.TestEnvironment;

/**
 * What the Reactive Streams TCK classes share: the test environment's timeouts, the streams they
 * publish, and starting and stopping an actor system per class.
 *
 * <p>The timeouts bound waits for a signal that must come (they end as soon as it arrives), so
 * they can be generous; the time the TCK waits to be sure that nothing arrives is kept short so
 * that the whole TCK run takes seconds.
 */
final class TckSupport {
  private TckSupport() {}

  /** How long the TCK waits for a signal that must arrive. */
  static final long DEFAULT_TIMEOUT_MILLIS = 3_000;

  /** How long the TCK waits to be sure that no signal arrives. */
  static final long NO_SIGNALS_TIMEOUT_MILLIS = 100;

  /** How often the TCK polls while waiting. */
  static final long POLL_TIMEOUT_MILLIS = 10;

  /** How long a cancelled publisher may keep its subscriber reachable (rule 3.13). */
  static final long PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS = 2_000;

  static TestEnvironment environment() {
    return new TestEnvironment(
        DEFAULT_TIMEOUT_MILLIS, NO_SIGNALS_TIMEOUT_MILLIS, POLL_TIMEOUT_MILLIS);
  }

  static ActorSystem<Void> startSystem(String name) {
    return ActorSystem.create(name);
  }

  static void stopSystem(ActorSystem<Void> system) throws Exception {
    if (system != null) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }

  /** 0, 1, 2, ... : {@code elements} of them, or without end for {@link Long#MAX_VALUE}. */
  static Source<Long, NotUsed> numbers(long elements) {
    if (elements == Long.MAX_VALUE) {
      return Source.fromIterator(() -> LongStream.iterate(0, i -> i + 1).iterator());
    }
    return Source.fromIterator(() -> LongStream.range(0, elements).iterator());
  }
}
