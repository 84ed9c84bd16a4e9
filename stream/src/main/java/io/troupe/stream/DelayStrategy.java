package io.troupe.stream;

import io.troupe.japi.function.Predicate;
import java.time.Duration;
import java.util.Objects;

/**
 * How long {@code delayWith} holds back each element: asked once per element, in order, it may
 * keep state across elements (each materialization gets its own instance from the supplier given
 * to {@code delayWith}).
 *
 * <pre>{@code
 * // retries: each failed attempt waits 100 ms longer than the one before, up to 2 s
 * source.delayWith(
 *     () -> DelayStrategy.linearIncreasingDelay(
 *         Duration.ofMillis(100), Attempt::failed, Duration.ZERO, Duration.ofSeconds(2)),
 *     DelayOverflowStrategy.backpressure());
 * }</pre>
 *
 * @param <T> the type of element
 */
@FunctionalInterface
public interface DelayStrategy<T> {
  /**
   * The delay of {@code elem}; {@link Duration#ZERO} passes it on without delay. A negative or
   * null delay fails the stream with an {@link IllegalArgumentException}.
   */
  Duration nextDelay(T elem) throws Exception;

  /**
   * The same {@code delay} for every element.
   *
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  static <T> DelayStrategy<T> fixedDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    return elem -> delay;
  }

  /**
   * A delay that starts at zero and grows by {@code increaseStep} for each element where {@code
   * needsIncrease} holds, and drops back to zero for an element where it does not.
   *
   * @throws IllegalArgumentException if {@code increaseStep} is not positive
   */
  static <T> DelayStrategy<T> linearIncreasingDelay(Duration increaseStep, Predicate<T> needsIncrease) {
    return linearIncreasingDelay(increaseStep, needsIncrease, Duration.ZERO);
  }

  /**
   * A delay that starts at {@code initialDelay} and grows by {@code increaseStep} for each element
   * where {@code needsIncrease} holds, and drops back to {@code initialDelay} for an element where
   * it does not.
   *
   * @throws IllegalArgumentException if {@code increaseStep} is not positive or {@code
   *     initialDelay} is negative
   */
  static <T> DelayStrategy<T> linearIncreasingDelay(
      Duration increaseStep, Predicate<T> needsIncrease, Duration initialDelay) {
    return linearIncreasingDelay(increaseStep, needsIncrease, initialDelay, Duration.ofNanos(Long.MAX_VALUE));
  }

  /**
   * A delay that starts at {@code initialDelay} and grows by {@code increaseStep}, up to {@code
   * maxDelay}, for each element where {@code needsIncrease} holds, and drops back to {@code
   * initialDelay} for an element where it does not. The element that makes it grow already waits
   * the grown delay: with a step of 1 s, three such elements in a row wait 1 s, 2 s and 3 s.
   *
   * @throws IllegalArgumentException if {@code increaseStep} is not positive, {@code
   *     initialDelay} is negative, or {@code maxDelay} is less than {@code initialDelay}
   */
  static <T> DelayStrategy<T> linearIncreasingDelay(
      Duration increaseStep, Predicate<T> needsIncrease, Duration initialDelay, Duration maxDelay) {
    Objects.requireNonNull(increaseStep, "increaseStep");
    Objects.requireNonNull(needsIncrease, "needsIncrease");
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (increaseStep.isNegative() || increaseStep.isZero()) {
      throw new IllegalArgumentException("increaseStep must be positive, was " + increaseStep);
    }
    if (initialDelay.isNegative()) {
      throw new IllegalArgumentException("initialDelay must not be negative, was " + initialDelay);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay must be >= initialDelay (" + initialDelay + "), was " + maxDelay);
    }
    return new LinearIncreasingDelay<>(increaseStep, needsIncrease, initialDelay, maxDelay);
  }
}

/** The state of {@link DelayStrategy#linearIncreasingDelay}: the current delay. */
final class LinearIncreasingDelay<T> implements DelayStrategy<T> {
  private final Duration step;
  private final Predicate<T> needsIncrease;
  private final Duration initial;
  private final Duration max;
  private Duration current;

  LinearIncreasingDelay(Duration step, Predicate<T> needsIncrease, Duration initial, Duration max) {
    this.step = step;
    this.needsIncrease = needsIncrease;
    this.initial = initial;
    this.max = max;
    this.current = initial;
  }

  @Override
  public Duration nextDelay(T elem) throws Exception {
    if (needsIncrease.test(elem)) {
      // saturate instead of overflowing: the room left below max decides
      current = max.minus(current).compareTo(step) <= 0 ? max : current.plus(step);
    } else {
      current = initial;
    }
    return current;
  }
}
