package io.troupe.actor.internal;

import io.troupe.actor.Behavior;
import io.troupe.actor.Receive;
import io.troupe.actor.Signal;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Predicate;
import java.util.List;

/**
 * Message and signal handlers in declaration order, dispatched by the message's class.
 *
 * <p>The first case whose type matches (and whose test passes) handles the input. For each
 * concrete message class seen, the indexes of the cases whose type could match are computed once
 * and cached, so a dispatch is an identity lookup of the class and a call; classes are only
 * compared with {@link Class#isAssignableFrom} the first time each is seen.
 */
public final class HandlerTable<T> implements Receive<T> {

  /** One handler: the input's type, an optional test, and the function. */
  public record Case(Class<?> type, Predicate<Object> test, Function<Object, ? extends Behavior<?>> handler) {
    /** A case; {@code test} may be null. */
    @SuppressWarnings("unchecked")
    public static Case of(Class<?> type, Predicate<?> test, Function<?, ?> handler) {
      java.util.Objects.requireNonNull(type, "type");
      java.util.Objects.requireNonNull(handler, "handler");
      return new Case(type, (Predicate<Object>) test, (Function<Object, ? extends Behavior<?>>) handler);
    }
  }

  private static final int MAX_CACHED_CLASSES = 64;
  private static final int[] NONE = new int[0];

  private final Case[] messageCases;
  private final Case[] signalCases;
  // Alternating Class and int[] entries; replaced whole (copy on write) when a class is added.
  private volatile Object[] messageCache = new Object[0];

  public HandlerTable(List<Case> messageCases, List<Case> signalCases) {
    this.messageCases = messageCases.toArray(new Case[0]);
    this.signalCases = signalCases.toArray(new Case[0]);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Behavior<T> receiveMessage(T message) throws Exception {
    Case[] cases = messageCases;
    for (int i : candidates(message.getClass())) {
      Case c = cases[i];
      if (c.test == null || c.test.test(message)) {
        return (Behavior<T>) c.handler.apply(message);
      }
    }
    return BehaviorImpl.Unhandled.INSTANCE.unsafeCast();
  }

  @Override
  @SuppressWarnings("unchecked")
  public Behavior<T> receiveSignal(Signal signal) throws Exception {
    for (Case c : signalCases) {
      if (c.type.isInstance(signal) && (c.test == null || c.test.test(signal))) {
        return (Behavior<T>) c.handler.apply(signal);
      }
    }
    return BehaviorImpl.Unhandled.INSTANCE.unsafeCast();
  }

  private int[] candidates(Class<?> type) {
    Object[] cache = messageCache;
    for (int i = 0; i < cache.length; i += 2) {
      if (cache[i] == type) {
        return (int[]) cache[i + 1];
      }
    }
    int[] found = computeCandidates(type);
    if (cache.length < 2 * MAX_CACHED_CLASSES) {
      Object[] grown = java.util.Arrays.copyOf(cache, cache.length + 2);
      grown[cache.length] = type;
      grown[cache.length + 1] = found;
      messageCache = grown; // a lost race only costs a recomputation
    }
    return found;
  }

  private int[] computeCandidates(Class<?> type) {
    int[] idx = new int[messageCases.length];
    int n = 0;
    for (int i = 0; i < messageCases.length; i++) {
      if (messageCases[i].type.isAssignableFrom(type)) {
        idx[n++] = i;
      }
    }
    return n == 0 ? NONE : java.util.Arrays.copyOf(idx, n);
  }
}
