package io.troupe.stream.testkit;

import io.troupe.actor.ActorSystem;
import io.troupe.japi.function.Creator;
import io.troupe.stream.Materializer;
import io.troupe.stream.internal.MaterializerImpl;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Assertions about the runtime state of streams, such as stages left running after a test. */
public final class StreamTestKit {
  private StreamTestKit() {}

  /**
   * Runs {@code block} and then asserts that every stream of {@code materializer} has stopped,
   * waiting up to {@code timeout} for them to finish; fails with {@link AssertionError} otherwise.
   * Run no other streams on the materializer meanwhile.
   */
  public static <T> T assertAllStagesStopped(
      Materializer materializer, Duration timeout, Creator<T> block) throws Exception {
    Objects.requireNonNull(materializer, "materializer");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(block, "block");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    T result = block.create();
    MaterializerImpl impl = (MaterializerImpl) materializer;
    try {
      impl.whenAllStopped().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          impl.runningIslands()
              + " stream island(s) still running "
              + timeout
              + " after the block ended");
    } catch (ExecutionException e) {
      throw new AssertionError("waiting for the streams to stop failed", e.getCause());
    }
    if (impl.runningIslands() != 0) {
      throw new AssertionError(impl.runningIslands() + " stream island(s) still running");
    }
    return result;
  }

  /**
   * Runs {@code block} and then asserts that every stream of {@code materializer} has stopped,
   * waiting up to {@code troupe.stream.testkit.all-stages-stopped-timeout} (10 s, dilated) for
   * them to finish; fails with {@link AssertionError} otherwise. Run no other streams on the
   * materializer meanwhile.
   */
  public static <T> T assertAllStagesStopped(Materializer materializer, Creator<T> block)
      throws Exception {
    Objects.requireNonNull(materializer, "materializer");
    return assertAllStagesStopped(
        materializer, ProbeTimeouts.of(materializer.system()).allStagesStopped(), block);
  }

  /** {@link #assertAllStagesStopped(Materializer, Creator)} with the system's materializer. */
  public static <T> T assertAllStagesStopped(ActorSystem<?> system, Creator<T> block)
      throws Exception {
    return assertAllStagesStopped(Materializer.matFromSystem(system), block);
  }

  /** Like {@link #assertAllStagesStopped(ActorSystem, Creator)} for a block without result. */
  public static void assertAllStagesStopped(ActorSystem<?> system, Runnable block) throws Exception {
    Objects.requireNonNull(block, "block");
    assertAllStagesStopped(
        system,
        () -> {
          block.run();
          return null;
        });
  }
}
