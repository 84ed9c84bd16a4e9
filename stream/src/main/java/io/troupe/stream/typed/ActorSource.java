package io.troupe.stream.typed;

import io.troupe.actor.ActorRef;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Predicate;
import io.troupe.stream.CompletionStrategy;
import io.troupe.stream.OverflowStrategy;
import io.troupe.stream.Source;
import io.troupe.stream.internal.ops.ActorRefSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Sources fed by actors: each materializes an {@link ActorRef}; what is told to it is emitted.
 *
 * <pre>{@code
 * ActorRef<Protocol> ref =
 *     ActorSource.<Protocol>actorRef(
 *             m -> m instanceof Complete,
 *             m -> m instanceof Fail f ? Optional.of(f.ex()) : Optional.empty(),
 *             8, OverflowStrategy.fail())
 *         .map(m -> ((Message) m).text())
 *         .to(Sink.foreach(System.out::println))
 *         .run(system);
 * }</pre>
 *
 * <p>The ref is not an actor: it hands messages straight to the stage, costs no mailbox, and
 * after the stream stopped its messages become dead letters.
 */
public final class ActorSource {
  private ActorSource() {}

  /**
   * A source that emits the messages sent to its materialized ref, buffering up to {@code
   * bufferSize} while downstream is slower and then applying {@code overflowStrategy}. A message
   * for which {@code completionMatcher} holds completes the stream after the buffered elements;
   * one for which {@code failureMatcher} answers a throwable fails it at once.
   *
   * <p>Emits when there is demand and a message or buffered element; backpressures never (the
   * overflow strategy decides); completes on a completion message, once the buffer is emitted;
   * cancels when downstream cancels.
   *
   * @throws IllegalArgumentException if {@code bufferSize} is negative or the strategy is
   *     backpressure (an actor cannot be made to wait; use {@link #actorRefWithBackpressure})
   */
  public static <T> Source<T, ActorRef<T>> actorRef(
      Predicate<T> completionMatcher,
      Function<T, Optional<Throwable>> failureMatcher,
      int bufferSize,
      OverflowStrategy overflowStrategy) {
    Objects.requireNonNull(completionMatcher, "completionMatcher");
    Objects.requireNonNull(failureMatcher, "failureMatcher");
    Objects.requireNonNull(overflowStrategy, "overflowStrategy");
    if (bufferSize < 0) {
      throw new IllegalArgumentException("bufferSize must be >= 0, was " + bufferSize);
    }
    if (overflowStrategy.kind() == OverflowStrategy.Kind.BACKPRESSURE) {
      throw new IllegalArgumentException(
          "overflowStrategy must not be backpressure, was "
              + overflowStrategy
              + "; use actorRefWithBackpressure");
    }
    return Source.fromGraph(
        new ActorRefSource<>(completionMatcher, failureMatcher, bufferSize, overflowStrategy));
  }

  /**
   * A source that emits the messages sent to its materialized ref one at a time: after each
   * element was passed downstream it sends {@code ackMessage} to {@code ackTo}, and the sender
   * must wait for that before it sends the next (an element sent early fails the stream with
   * {@link IllegalStateException}). {@code completionMatcher} answering a strategy completes the
   * stream; {@code failureMatcher} answering a throwable fails it.
   *
   * <p>Emits when there is demand and a message arrived; backpressures by withholding the
   * acknowledgement; completes on a completion message (after the pending element with {@link
   * CompletionStrategy#draining()}); cancels when downstream cancels.
   */
  public static <T, A> Source<T, ActorRef<T>> actorRefWithBackpressure(
      ActorRef<A> ackTo,
      A ackMessage,
      Function<T, Optional<CompletionStrategy>> completionMatcher,
      Function<T, Optional<Throwable>> failureMatcher) {
    Objects.requireNonNull(ackTo, "ackTo");
    Objects.requireNonNull(ackMessage, "ackMessage");
    Objects.requireNonNull(completionMatcher, "completionMatcher");
    Objects.requireNonNull(failureMatcher, "failureMatcher");
    return Source.fromGraph(
        new ActorRefSource.WithBackpressure<>(ackTo, ackMessage, completionMatcher, failureMatcher));
  }
}
