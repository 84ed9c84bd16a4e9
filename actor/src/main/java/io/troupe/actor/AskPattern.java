package io.troupe.actor;

import io.troupe.actor.internal.PromiseRef;
import io.troupe.japi.function.Function;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Request-response with an actor from outside any actor. */
public final class AskPattern {
  private AskPattern() {}

  /**
   * Sends the message {@code messageFactory} makes for a one-shot reply ref, and completes with
   * the first reply, or fails with a {@link java.util.concurrent.TimeoutException} naming the
   * target and the timeout when none arrives within {@code timeout}. Costs no actor.
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public static <Req, Res> CompletionStage<Res> ask(
      ActorRef<Req> target,
      Function<ActorRef<Res>, Req> messageFactory,
      Duration timeout,
      Scheduler scheduler) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(messageFactory, "messageFactory");
    Objects.requireNonNull(scheduler, "scheduler");
    PromiseRef<Res> promise = PromiseRef.create(target, timeout, scheduler);
    Req request;
    try {
      request = messageFactory.apply(promise);
    } catch (Exception e) {
      promise.cancelTimeout();
      throw new CompletionException("ask: the message factory failed", e);
    }
    promise.setRequestClass(request == null ? null : request.getClass());
    target.tell(Objects.requireNonNull(request, "the message factory returned null"));
    return promise;
  }

  /**
   * Like {@link #ask}, for a target that answers with a {@link StatusReply}: completes with the
   * value of a success, or fails with the error of an error reply.
   */
  public static <Req, Res> CompletionStage<Res> askWithStatus(
      ActorRef<Req> target,
      Function<ActorRef<StatusReply<Res>>, Req> messageFactory,
      Duration timeout,
      Scheduler scheduler) {
    return ask(target, messageFactory, timeout, scheduler).thenApply(StatusReply::getValueOrThrow);
  }
}
