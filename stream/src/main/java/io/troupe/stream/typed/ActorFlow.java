package io.troupe.stream.typed;

import io.troupe.actor.ActorRef;
import io.troupe.actor.NotUsed;
import io.troupe.actor.StatusReply;
import io.troupe.japi.function.Function2;
import io.troupe.stream.Flow;
import io.troupe.stream.internal.ops.AskStage;
import java.time.Duration;
import java.util.Objects;

/**
 * Flows that ask an actor for each element and emit its replies.
 *
 * <pre>{@code
 * Flow<String, Integer, NotUsed> lengths =
 *     ActorFlow.ask(4, lengthActor, Duration.ofSeconds(3), (s, replyTo) -> new Measure(s, replyTo));
 * }</pre>
 */
public final class ActorFlow {
  private ActorFlow() {}

  /** Like {@link #ask(int, ActorRef, Duration, Function2)} with a parallelism of 2. */
  public static <I, Q, A> Flow<I, A, NotUsed> ask(
      ActorRef<Q> ref, Duration timeout, Function2<I, ActorRef<A>, Q> makeMessage) {
    return ask(2, ref, timeout, makeMessage);
  }

  /**
   * Sends {@code ref} the message {@code makeMessage} builds from each element and a one-shot
   * reply ref, with up to {@code parallelism} asks outstanding, and emits the replies in the
   * order of the elements.
   *
   * <p>Emits when the oldest ask was answered; backpressures when {@code parallelism} asks are
   * outstanding or downstream backpressures; completes when upstream completes and all replies
   * are emitted; fails when an ask times out ({@link java.util.concurrent.TimeoutException}) or
   * {@code ref} stops ({@link io.troupe.stream.WatchedActorTerminatedException}); cancels when
   * downstream cancels.
   *
   * @throws IllegalArgumentException if {@code parallelism} or {@code timeout} is not positive
   */
  public static <I, Q, A> Flow<I, A, NotUsed> ask(
      int parallelism, ActorRef<Q> ref, Duration timeout, Function2<I, ActorRef<A>, Q> makeMessage) {
    if (parallelism <= 0) {
      throw new IllegalArgumentException("parallelism must be > 0, was " + parallelism);
    }
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(makeMessage, "makeMessage");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    return Flow.fromGraph(new AskStage<>(parallelism, ref, timeout, makeMessage));
  }

  /**
   * Like {@link #ask(int, ActorRef, Duration, Function2)} for an actor that answers with a {@link
   * StatusReply}: emits the value of a success, fails the stream with the error of an error reply.
   */
  public static <I, Q, A> Flow<I, A, NotUsed> askWithStatus(
      int parallelism,
      ActorRef<Q> ref,
      Duration timeout,
      Function2<I, ActorRef<StatusReply<A>>, Q> makeMessage) {
    return ActorFlow.<I, Q, StatusReply<A>>ask(parallelism, ref, timeout, makeMessage)
        .map(ActorFlow::valueOrThrow);
  }

  private static <A> A valueOrThrow(StatusReply<A> reply) throws Exception {
    if (reply.isSuccess()) {
      return reply.getValue();
    }
    Throwable error = reply.getError();
    if (error instanceof Exception e) {
      throw e;
    }
    throw new java.util.concurrent.CompletionException(error);
  }
}
