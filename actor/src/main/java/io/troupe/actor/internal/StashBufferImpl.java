package io.troupe.actor.internal;

import io.troupe.actor.ActorContext;
import io.troupe.actor.Behavior;
import io.troupe.actor.StashBuffer;
import io.troupe.actor.StashOverflowException;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Predicate;
import io.troupe.japi.function.Procedure;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Objects;

/** The {@link StashBuffer} of {@code Behaviors.withStash}: a bounded FIFO. Internal API. */
public final class StashBufferImpl<T> implements StashBuffer<T> {
  private final ActorContext<T> context;
  private final int capacity;
  private final ArrayDeque<T> messages = new ArrayDeque<>();

  public StashBufferImpl(ActorContext<T> context, int capacity) {
    this.context = context;
    this.capacity = capacity;
  }

  @Override
  public StashBuffer<T> stash(T message) {
    Objects.requireNonNull(message, "message");
    if (messages.size() >= capacity) {
      throw new StashOverflowException("couldn't stash message of type " + message.getClass().getName()
          + " in " + context.getSelf().path() + ": the stash buffer is full, capacity " + capacity);
    }
    messages.addLast(message);
    return this;
  }

  @Override
  public Behavior<T> unstashAll(Behavior<T> behavior) {
    return unstash(behavior, messages.size(), m -> m);
  }

  @Override
  public Behavior<T> unstash(Behavior<T> behavior, int numberOfMessages, Function<T, T> wrap) {
    Objects.requireNonNull(behavior, "behavior");
    Objects.requireNonNull(wrap, "wrap");
    if (numberOfMessages < 0) {
      throw new IllegalArgumentException("numberOfMessages must not be negative, was " + numberOfMessages);
    }
    return new Unstash<>(this, behavior, Math.min(numberOfMessages, messages.size()), wrap);
  }

  @Override
  public int size() {
    return messages.size();
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public boolean isEmpty() {
    return messages.isEmpty();
  }

  @Override
  public boolean isFull() {
    return messages.size() >= capacity;
  }

  @Override
  public T head() {
    T h = messages.peekFirst();
    if (h == null) {
      throw new NoSuchElementException("the stash buffer is empty");
    }
    return h;
  }

  @Override
  public void forEach(Procedure<T> action) throws Exception {
    for (T m : messages) {
      action.apply(m);
    }
  }

  @Override
  public boolean anyMatch(Predicate<T> predicate) throws Exception {
    for (T m : messages) {
      if (predicate.test(m)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void clear() {
    messages.clear();
  }

  @Override
  public String toString() {
    return "StashBuffer(" + messages.size() + "/" + capacity + ")";
  }

  /** The behavior {@code unstash} returns: started, it replays the stashed messages. */
  public static final class Unstash<T> extends Behavior<T> {
    private final StashBufferImpl<T> buffer;
    private final Behavior<T> behavior;
    private final int count;
    private final Function<T, T> wrap;

    Unstash(StashBufferImpl<T> buffer, Behavior<T> behavior, int count, Function<T, T> wrap) {
      this.buffer = buffer;
      this.behavior = behavior;
      this.count = count;
      this.wrap = wrap;
    }

    Behavior<T> run(InternalContext<T> ctx) throws Exception {
      Behavior<T> b = Interpreter.start(behavior, ctx);
      for (int i = 0; i < count && Interpreter.isAlive(b); i++) {
        T m = buffer.messages.pollFirst();
        if (m == null) {
          break;
        }
        b = Interpreter.interpretMessage(b, ctx, wrap.apply(m));
      }
      return b;
    }
  }
}
