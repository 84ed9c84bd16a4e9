package io.troupe.actor;

import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;

/**
 * What an actor can do besides reacting to messages: spawn and stop children, watch other
 * actors, adapt and schedule messages, ask, and log.
 *
 * <p>A context belongs to one actor and must only be used from inside that actor's behavior
 * (its message handlers, {@link Behaviors#setup} factory and signal handlers), never from a
 * future callback or another thread; use {@link #pipeToSelf} to bring results back in.
 *
 * @param <T> the type of message the actor accepts
 */
public interface ActorContext<T> {

  /** This actor's own ref. */
  ActorRef<T> getSelf();

  /** The system the actor belongs to. */
  ActorSystem<Void> getSystem();

  /** A logger named after the actor's behavior class; the actor path is in the MDC. */
  Logger getLog();

  /** Names this actor's logger after {@code name} from now on. */
  void setLoggerName(String name);

  /** Names this actor's logger after {@code clazz} from now on. */
  void setLoggerName(Class<?> clazz);

  /**
   * Starts a child actor with a name unique among this actor's children.
   *
   * @throws InvalidActorNameException if the name is malformed or taken
   */
  <U> ActorRef<U> spawn(Behavior<U> behavior, String name);

  /** Starts a child actor with a name unique among this actor's children, with props. */
  <U> ActorRef<U> spawn(Behavior<U> behavior, String name, Props props);

  /** Starts a child actor with a generated name. */
  <U> ActorRef<U> spawnAnonymous(Behavior<U> behavior);

  /** Starts a child actor with a generated name, with props. */
  <U> ActorRef<U> spawnAnonymous(Behavior<U> behavior, Props props);

  /**
   * Stops a child of this actor, asynchronously: its children stop first, then it.
   *
   * @throws IllegalArgumentException if {@code child} is not a child of this actor
   */
  <U> void stop(ActorRef<U> child);

  /** Delivers {@link Terminated} once when {@code other} stops; watching twice is harmless. */
  <U> void watch(ActorRef<U> other);

  /** Delivers {@code message} once when {@code other} stops, instead of {@link Terminated}. */
  <U> void watchWith(ActorRef<U> other, T message);

  /** Stops watching {@code other}; a notification not yet processed is dropped. */
  <U> void unwatch(ActorRef<U> other);

  /** The live children of this actor. */
  List<ActorRef<Void>> getChildren();

  /** The child of the given name, if it is alive. */
  Optional<ActorRef<Void>> getChild(String name);

  /**
   * A ref that accepts {@code U} and turns each into a {@code T} for this actor; {@code adapter}
   * runs inside this actor. One adapter per message class: a later one replaces the earlier.
   */
  <U> ActorRef<U> messageAdapter(Class<U> messageClass, Function<U, T> adapter);

  /**
   * Sends a request to {@code target} and turns its reply, or the failure (such as a
   * {@link java.util.concurrent.TimeoutException} after {@code timeout}), into a message to this
   * actor.
   */
  <Req, Res> void ask(
      Class<Res> responseClass,
      ActorRef<Req> target,
      Duration timeout,
      Function<ActorRef<Res>, Req> createRequest,
      Function2<Res, Throwable, T> applyToResponse);

  /**
   * Like {@link #ask}, for a target that answers with a {@link StatusReply}: {@code
   * applyToResponse} gets the value of a success, or the error of an error reply (a {@link
   * StatusReply.ErrorMessage} for one made from a message), or the timeout.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  default <Req, Res> void askWithStatus(
      Class<Res> responseClass,
      ActorRef<Req> target,
      Duration timeout,
      Function<ActorRef<StatusReply<Res>>, Req> createRequest,
      Function2<Res, Throwable, T> applyToResponse) {
    java.util.Objects.requireNonNull(responseClass, "responseClass");
    java.util.Objects.requireNonNull(applyToResponse, "applyToResponse");
    Class<StatusReply<Res>> statusClass = (Class<StatusReply<Res>>) (Class) StatusReply.class;
    ask(statusClass, target, timeout, createRequest, (reply, failure) -> {
      if (failure != null) {
        return applyToResponse.apply(null, failure);
      }
      if (reply.isError()) {
        return applyToResponse.apply(null, reply.getError());
      }
      Object value = reply.getValue();
      if (!responseClass.isInstance(value)) {
        return applyToResponse.apply(null, new ClassCastException("askWithStatus to " + target.path()
            + " expected a value of " + responseClass.getName() + " but got " + value.getClass().getName()));
      }
      return applyToResponse.apply(responseClass.cast(value), null);
    });
  }

  /**
   * Sends this actor the message {@code applyToResult} makes of the outcome of {@code future}:
   * the value and a null failure, or a null value and the failure. {@code applyToResult} runs
   * inside this actor.
   */
  <V> void pipeToSelf(CompletionStage<V> future, Function2<V, Throwable, T> applyToResult);

  /** Sends {@code message} to {@code target} after {@code delay}. */
  <U> Cancellable scheduleOnce(Duration delay, ActorRef<U> target, U message);

  /**
   * Sends {@code message} to this actor when no other message has arrived for {@code timeout}.
   * The timer restarts with every message; a new call replaces the old timeout.
   */
  void setReceiveTimeout(Duration timeout, T message);

  /** Cancels the receive timeout. */
  void cancelReceiveTimeout();

  /** The executor this actor runs on, for callbacks that must not block the actor. */
  Executor getExecutionContext();
}
