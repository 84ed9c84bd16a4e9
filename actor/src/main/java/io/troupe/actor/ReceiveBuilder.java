package io.troupe.actor;

import io.troupe.actor.internal.HandlerTable;
import io.troupe.japi.function.Creator;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the {@link Receive} of an {@link AbstractBehavior}: cases tried in the order declared,
 * the first that matches handles the input. Not thread-safe; build once.
 *
 * @param <T> the actor's message type
 */
public final class ReceiveBuilder<T> {
  private final List<HandlerTable.Case> messages = new ArrayList<>();
  private final List<HandlerTable.Case> signals = new ArrayList<>();

  private ReceiveBuilder() {}

  /** A new, empty builder. */
  public static <T> ReceiveBuilder<T> create() {
    return new ReceiveBuilder<>();
  }

  /** Handles messages of {@code type} (and its subtypes). */
  public <M extends T> ReceiveBuilder<T> onMessage(Class<M> type, Function<M, Behavior<T>> handler) {
    return add(messages, type, null, handler);
  }

  /** Handles messages of {@code type} that pass {@code test}. */
  public <M extends T> ReceiveBuilder<T> onMessage(
      Class<M> type, Predicate<M> test, Function<M, Behavior<T>> handler) {
    Objects.requireNonNull(test, "test");
    return add(messages, type, test, handler);
  }

  /** Handles messages equal to {@code message}. */
  public ReceiveBuilder<T> onMessageEquals(T message, Creator<Behavior<T>> handler) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(handler, "handler");
    Predicate<Object> equalsTest = message::equals;
    return add(messages, message.getClass(), equalsTest, m -> handler.create());
  }

  /** Handles any message not matched by an earlier case. */
  public ReceiveBuilder<T> onAnyMessage(Function<T, Behavior<T>> handler) {
    return add(messages, Object.class, null, handler);
  }

  /** Handles signals of {@code type}. */
  public <S extends Signal> ReceiveBuilder<T> onSignal(Class<S> type, Function<S, Behavior<T>> handler) {
    return add(signals, type, null, handler);
  }

  /** Handles signals of {@code type} that pass {@code test}. */
  public <S extends Signal> ReceiveBuilder<T> onSignal(
      Class<S> type, Predicate<S> test, Function<S, Behavior<T>> handler) {
    Objects.requireNonNull(test, "test");
    return add(signals, type, test, handler);
  }

  /** Handles signals equal to {@code signal}, such as {@code PostStop.instance()}. */
  public ReceiveBuilder<T> onSignalEquals(Signal signal, Creator<Behavior<T>> handler) {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(handler, "handler");
    Predicate<Object> equalsTest = signal::equals;
    return add(signals, signal.getClass(), equalsTest, s -> handler.create());
  }

  /** The handlers declared so far. */
  public Receive<T> build() {
    return new HandlerTable<>(messages, signals);
  }

  private ReceiveBuilder<T> add(
      List<HandlerTable.Case> into, Class<?> type, Predicate<?> test, Function<?, ?> handler) {
    into.add(HandlerTable.Case.of(type, test, handler));
    return this;
  }
}
