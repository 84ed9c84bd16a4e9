package io.troupe.actor;

import io.troupe.japi.function.Function;
import io.troupe.japi.function.Predicate;
import io.troupe.japi.function.Procedure;

/**
 * A bounded buffer of messages an actor sets aside to handle later, from
 * {@link Behaviors#withStash}. Use it only from inside the actor.
 *
 * @param <T> the actor's message type
 */
public interface StashBuffer<T> {

  /**
   * Adds a message at the end.
   *
   * @throws StashOverflowException if the buffer is full
   */
  StashBuffer<T> stash(T message);

  /**
   * Handles all stashed messages with {@code behavior}, in order, before any new message, and
   * becomes the behavior that results. Messages stashed again meanwhile stay for later.
   */
  Behavior<T> unstashAll(Behavior<T> behavior);

  /** Like {@link #unstashAll} for the first {@code numberOfMessages}, each passed through {@code wrap}. */
  Behavior<T> unstash(Behavior<T> behavior, int numberOfMessages, Function<T, T> wrap);

  /** The number of stashed messages. */
  int size();

  /** The most messages it holds. */
  int capacity();

  /** Whether nothing is stashed. */
  boolean isEmpty();

  /** Whether something is stashed. */
  default boolean nonEmpty() {
    return !isEmpty();
  }

  /** Whether another {@link #stash} would overflow. */
  boolean isFull();

  /**
   * The oldest stashed message.
   *
   * @throws java.util.NoSuchElementException if empty
   */
  T head();

  /** Runs {@code action} for each stashed message, oldest first. */
  void forEach(Procedure<T> action) throws Exception;

  /** Whether any stashed message satisfies {@code predicate}. */
  boolean anyMatch(Predicate<T> predicate) throws Exception;

  /** Drops all stashed messages. */
  void clear();
}
