package io.troupe.stream.testkit;

import io.troupe.actor.ActorSystem;
import io.troupe.japi.function.Creator;
import io.troupe.stream.Materializer;
import io.troupe.stream.internal.MaterializerImpl;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Assertions about the runtime state of streams, such as stages left running after a test. */
public final class StreamTestKit {
  private StreamTestKit() {}

  /**
   * Runs {@code block} and then asserts that every stream of {@code materializer} has stopped,
   * waiting up to ten seconds for them to finish; fails with {@link AssertionError} otherwise.
   * Run no other streams on the materializer meanwhile.
   */
  public static <T> T assertAllStagesStopped(Materializer materializer, Creator<T> block)
      throws Exception {
    T result = block.create();
    MaterializerImpl impl = (MaterializerImpl) materializer;
    try {
      impl.whenAllStopped().get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          impl.runningIslands() + " stream island(s) still running 10 s after the block ended");
    } catch (ExecutionException e) {
      throw new AssertionError("waiting for the streams to stop failed", e.getCause());
    }
    if (impl.runningIslands() != 0) {
      throw new AssertionError(impl.runningIslands() + " stream island(s) still running");
    }
    return result;
  }

  /** {@link #assertAllStagesStopped(Materializer, Creator)} with the system's materializer. */
  public static <T> T assertAllStagesStopped(ActorSystem<?> system, Creator<T> block)
      throws Exception {
    return assertAllStagesStopped(Materializer.matFromSystem(system), block);
  }

  /** Like {@link #assertAllStagesStopped(ActorSystem, Creator)} for a block without result. */
  public static void assertAllStagesStopped(ActorSystem<?> system, Runnable block) throws Exception {
    assertAllStagesStopped(
        system,
        () -> {
          block.run();
          return null;
        });
  }
}
