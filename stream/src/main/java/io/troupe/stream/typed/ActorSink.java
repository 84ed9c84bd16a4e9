package io.troupe.stream.typed;

import io.troupe.actor.ActorRef;
import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.Sink;
import io.troupe.stream.internal.ops.ActorRefSink;
import java.util.Objects;

/**
 * Sinks that send the stream's elements to an actor.
 *
 * <pre>{@code
 * Source.range(1, 3)
 *     .map(Msg::new)
 *     .runWith(ActorSink.actorRef(actor, new Done(), Failed::new), system);
 * }</pre>
 */
public final class ActorSink {
  private ActorSink() {}

  /**
   * Sends each element to {@code ref} as it arrives, then {@code onCompleteMessage} when the
   * stream completes or what {@code onFailureMessage} makes of its failure. There is no
   * backpressure: a slow actor's mailbox grows; prefer {@link #actorRefWithBackpressure}.
   *
   * <p>Backpressures never; cancels when {@code ref} stops.
   */
  public static <T> Sink<T, NotUsed> actorRef(
      ActorRef<T> ref, T onCompleteMessage, Function<Throwable, T> onFailureMessage) {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(onCompleteMessage, "onCompleteMessage");
    Objects.requireNonNull(onFailureMessage, "onFailureMessage");
    return Sink.fromGraph(new ActorRefSink<>(ref, onCompleteMessage, onFailureMessage));
  }

  /**
   * Sends {@code onInitMessage} (made with the stage's acknowledgement ref) to {@code ref}, and
   * then each element wrapped by {@code messageAdapter}, each only after the actor answered the
   * previous message with {@code ackMessage} on the acknowledgement ref (another message there
   * fails the stream with {@link IllegalStateException}). When the stream completes, sends {@code
   * onCompleteMessage} after the last acknowledgement; when it fails, what {@code
   * onFailureMessage} makes of the failure.
   *
   * <p>Backpressures while an acknowledgement is awaited; cancels when {@code ref} stops.
   */
  public static <T, M, A> Sink<T, NotUsed> actorRefWithBackpressure(
      ActorRef<M> ref,
      Function2<ActorRef<A>, T, M> messageAdapter,
      Function<ActorRef<A>, M> onInitMessage,
      A ackMessage,
      M onCompleteMessage,
      Function<Throwable, M> onFailureMessage) {
    Objects.requireNonNull(ackMessage, "ackMessage");
    return withBackpressure(
        ref, messageAdapter, onInitMessage, ackMessage, onCompleteMessage, onFailureMessage);
  }

  /** Like the other overload, but any message on the acknowledgement ref counts as one. */
  public static <T, M, A> Sink<T, NotUsed> actorRefWithBackpressure(
      ActorRef<M> ref,
      Function2<ActorRef<A>, T, M> messageAdapter,
      Function<ActorRef<A>, M> onInitMessage,
      M onCompleteMessage,
      Function<Throwable, M> onFailureMessage) {
    return withBackpressure(
        ref, messageAdapter, onInitMessage, null, onCompleteMessage, onFailureMessage);
  }

  private static <T, M, A> Sink<T, NotUsed> withBackpressure(
      ActorRef<M> ref,
      Function2<ActorRef<A>, T, M> messageAdapter,
      Function<ActorRef<A>, M> onInitMessage,
      A ackMessage,
      M onCompleteMessage,
      Function<Throwable, M> onFailureMessage) {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(messageAdapter, "messageAdapter");
    Objects.requireNonNull(onInitMessage, "onInitMessage");
    Objects.requireNonNull(onCompleteMessage, "onCompleteMessage");
    Objects.requireNonNull(onFailureMessage, "onFailureMessage");
    return Sink.fromGraph(
        new ActorRefSink.WithBackpressure<>(
            ref, messageAdapter, onInitMessage, ackMessage, onCompleteMessage, onFailureMessage));
  }
}
