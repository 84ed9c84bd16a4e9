package io.troupe.actor;

import io.troupe.actor.internal.BehaviorImpl;
import io.troupe.actor.internal.HandlerTable;
import io.troupe.japi.function.Creator;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a behavior from handlers, for the functional style: {@code
 * Behaviors.receive(Command.class).onMessage(Ping.class, this::onPing).build()}. Cases are tried
 * in the order declared; the first that matches handles the input. Immutable: every call returns
 * a new builder, so a partial builder can be shared.
 *
 * @param <T> the actor's message type
 */
public final class BehaviorBuilder<T> {
  private final List<HandlerTable.Case> messages;
  private final List<HandlerTable.Case> signals;

  private BehaviorBuilder(List<HandlerTable.Case> messages, List<HandlerTable.Case> signals) {
    this.messages = messages;
    this.signals = signals;
  }

  /** A new, empty builder. */
  public static <T> BehaviorBuilder<T> create() {
    return new BehaviorBuilder<>(List.of(), List.of());
  }

  /** Handles messages of {@code type} (and its subtypes). */
  public <M extends T> BehaviorBuilder<T> onMessage(Class<M> type, Function<M, Behavior<T>> handler) {
    return withMessage(HandlerTable.Case.of(type, null, handler));
  }

  /** Handles messages of {@code type} that pass {@code test}. */
  public <M extends T> BehaviorBuilder<T> onMessage(
      Class<M> type, Predicate<M> test, Function<M, Behavior<T>> handler) {
    return withMessage(HandlerTable.Case.of(type, Objects.requireNonNull(test, "test"), handler));
  }

  /** Handles messages of {@code type} that are not in the actor's declared type. */
  public <M> BehaviorBuilder<T> onMessageUnchecked(Class<M> type, Function<M, Behavior<T>> handler) {
    return withMessage(HandlerTable.Case.of(type, null, handler));
  }

  /** Handles messages equal to {@code message}. */
  public BehaviorBuilder<T> onMessageEquals(T message, Creator<Behavior<T>> handler) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(handler, "handler");
    Predicate<Object> equalsTest = message::equals;
    Function<Object, Behavior<T>> call = m -> handler.create();
    return withMessage(HandlerTable.Case.of(message.getClass(), equalsTest, call));
  }

  /** Handles any message not matched by an earlier case. */
  public BehaviorBuilder<T> onAnyMessage(Function<T, Behavior<T>> handler) {
    return withMessage(HandlerTable.Case.of(Object.class, null, handler));
  }

  /** Handles signals of {@code type}. */
  public <S extends Signal> BehaviorBuilder<T> onSignal(Class<S> type, Function<S, Behavior<T>> handler) {
    return withSignal(HandlerTable.Case.of(type, null, handler));
  }

  /** Handles signals of {@code type} that pass {@code test}. */
  public <S extends Signal> BehaviorBuilder<T> onSignal(
      Class<S> type, Predicate<S> test, Function<S, Behavior<T>> handler) {
    return withSignal(HandlerTable.Case.of(type, Objects.requireNonNull(test, "test"), handler));
  }

  /** Handles signals equal to {@code signal}, such as {@code PostStop.instance()}. */
  public BehaviorBuilder<T> onSignalEquals(Signal signal, Creator<Behavior<T>> handler) {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(handler, "handler");
    Predicate<Object> equalsTest = signal::equals;
    Function<Object, Behavior<T>> call = s -> handler.create();
    return withSignal(HandlerTable.Case.of(signal.getClass(), equalsTest, call));
  }

  /** The behavior with the handlers declared so far. */
  public Behavior<T> build() {
    return new BehaviorImpl.Handlers<>(new HandlerTable<>(messages, signals));
  }

  private BehaviorBuilder<T> withMessage(HandlerTable.Case c) {
    List<HandlerTable.Case> more = new ArrayList<>(messages);
    more.add(c);
    return new BehaviorBuilder<>(List.copyOf(more), signals);
  }

  private BehaviorBuilder<T> withSignal(HandlerTable.Case c) {
    List<HandlerTable.Case> more = new ArrayList<>(signals);
    more.add(c);
    return new BehaviorBuilder<>(messages, List.copyOf(more));
  }
}
