package io.troupe.actor;

import java.time.Duration;

/**
 * The timers of one actor, from {@link Behaviors#withTimers}: each sends the actor a message
 * later, once or repeatedly, under a key.
 *
 * <p>Timers are exact: once {@link #cancel} returns, or a timer is restarted under the same key,
 * the old timer's message is never delivered, even if it was already in the mailbox. All timers
 * are cancelled when the actor stops or restarts. Use it only from inside the actor.
 *
 * @param <T> the actor's message type
 */
public interface TimerScheduler<T> {

  /** Sends {@code msg} once after {@code delay}, replacing any timer with the same key. */
  void startSingleTimer(Object key, T msg, Duration delay);

  /** Sends {@code msg} once after {@code delay}, keyed by the message itself. */
  default void startSingleTimer(T msg, Duration delay) {
    startSingleTimer(msg, msg, delay);
  }

  /** Sends {@code msg} every {@code delay}, each counted from the previous send. */
  default void startTimerWithFixedDelay(Object key, T msg, Duration delay) {
    startTimerWithFixedDelay(key, msg, delay, delay);
  }

  /** Sends {@code msg} after {@code initialDelay}, then every {@code delay} after each send. */
  void startTimerWithFixedDelay(Object key, T msg, Duration initialDelay, Duration delay);

  /** Sends {@code msg} every {@code delay}, keyed by the message itself. */
  default void startTimerWithFixedDelay(T msg, Duration delay) {
    startTimerWithFixedDelay(msg, msg, delay, delay);
  }

  /** Sends {@code msg} every {@code interval} at a fixed rate, catching up after delays. */
  default void startTimerAtFixedRate(Object key, T msg, Duration interval) {
    startTimerAtFixedRate(key, msg, interval, interval);
  }

  /** Sends {@code msg} after {@code initialDelay}, then at a fixed rate of {@code interval}. */
  void startTimerAtFixedRate(Object key, T msg, Duration initialDelay, Duration interval);

  /** Sends {@code msg} at a fixed rate, keyed by the message itself. */
  default void startTimerAtFixedRate(T msg, Duration interval) {
    startTimerAtFixedRate(msg, msg, interval, interval);
  }

  /** Whether a timer with this key is active (a single timer stops being active when it fires). */
  boolean isTimerActive(Object key);

  /** Cancels the timer with this key, if any; its message will not be delivered. */
  void cancel(Object key);

  /** Cancels all timers. */
  void cancelAll();
}
