package io.troupe.stream.internal.ops;

import io.troupe.actor.ActorRef;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Predicate;
import io.troupe.stream.Attributes;
import io.troupe.stream.BufferOverflowException;
import io.troupe.stream.CompletionStrategy;
import io.troupe.stream.Outlet;
import io.troupe.stream.OverflowStrategy;
import io.troupe.stream.SourceShape;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.OutHandler;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A source that emits the messages told to the actor ref it materializes, buffering up to a
 * bound and applying an overflow strategy (no backpressure: an actor cannot be made to wait).
 * Internal API.
 */
public final class ActorRefSource<T> extends GraphStageWithMaterializedValue<SourceShape<T>, ActorRef<T>> {
  private final Predicate<T> completionMatcher;
  private final Function<T, Optional<Throwable>> failureMatcher;
  private final int bufferSize;
  private final OverflowStrategy strategy;
  private final Outlet<T> out = Outlet.create("actorRefSource.out");
  private final SourceShape<T> shape = SourceShape.of(out);

  /** The stage; arguments are validated by the caller. */
  public ActorRefSource(
      Predicate<T> completionMatcher,
      Function<T, Optional<Throwable>> failureMatcher,
      int bufferSize,
      OverflowStrategy strategy) {
    this.completionMatcher = completionMatcher;
    this.failureMatcher = failureMatcher;
    this.bufferSize = bufferSize;
    this.strategy = strategy;
  }

  @Override
  public SourceShape<T> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("actorRefSource");
  }

  @Override
  public Pair<GraphStageLogic, ActorRef<T>> createLogicAndMaterializedValuePair(Attributes attrs) {
    Logic logic = new Logic();
    return Pair.create(logic, logic.ref);
  }

  private final class Logic extends GraphStageLogic implements OutHandler {
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    final StageRef<T> ref = new StageRef<>(this, "actorRefSource", getAsyncCallback(this::onMessage));
    private boolean completing;

    @SuppressWarnings("this-escape")
    Logic() {
      super(shape);
      setHandler(out, this);
    }

    private void onMessage(T message) throws Exception {
      Optional<Throwable> failure = failureMatcher.apply(message);
      if (failure.isPresent()) {
        failStage(failure.get());
        return;
      }
      if (completionMatcher.test(message)) {
        completing = true;
        if (buffer.isEmpty()) {
          completeStage();
        }
        return;
      }
      if (completing) {
        return;
      }
      if (buffer.isEmpty() && isAvailable(out)) {
        push(out, message);
      } else if (buffer.size() < bufferSize) {
        buffer.add(message);
      } else if (bufferSize > 0) {
        switch (strategy.kind()) {
          case DROP_HEAD -> {
            buffer.pollFirst();
            buffer.add(message);
          }
          case DROP_TAIL -> {
            buffer.pollLast();
            buffer.add(message);
          }
          case DROP_BUFFER -> {
            buffer.clear();
            buffer.add(message);
          }
          case FAIL ->
              failStage(
                  new BufferOverflowException(
                      "buffer overflow (max capacity was: " + bufferSize + ")"));
          default -> {
            // DROP_NEW; BACKPRESSURE is refused when the source is created
          }
        }
      }
    }

    @Override
    public void onPull() {
      T next = buffer.poll();
      if (next != null) {
        push(out, next);
      }
      if (completing && buffer.isEmpty()) {
        completeStage();
      }
    }

    @Override
    public void postStop() {
      ref.stopped();
    }
  }

  /**
   * A source that emits the messages told to the ref it materializes one at a time, sending an
   * acknowledgement to {@code ackTo} once each was passed downstream; the sender must wait for it
   * before sending the next.
   */
  public static final class WithBackpressure<T, A>
      extends GraphStageWithMaterializedValue<SourceShape<T>, ActorRef<T>> {
    private final ActorRef<A> ackTo;
    private final A ackMessage;
    private final Function<T, Optional<CompletionStrategy>> completionMatcher;
    private final Function<T, Optional<Throwable>> failureMatcher;
    private final Outlet<T> out = Outlet.create("actorRefSourceWithBackpressure.out");
    private final SourceShape<T> shape = SourceShape.of(out);

    /** The stage; arguments are validated by the caller. */
    public WithBackpressure(
        ActorRef<A> ackTo,
        A ackMessage,
        Function<T, Optional<CompletionStrategy>> completionMatcher,
        Function<T, Optional<Throwable>> failureMatcher) {
      this.ackTo = ackTo;
      this.ackMessage = ackMessage;
      this.completionMatcher = completionMatcher;
      this.failureMatcher = failureMatcher;
    }

    @Override
    public SourceShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("actorRefSourceWithBackpressure");
    }

    @Override
    public Pair<GraphStageLogic, ActorRef<T>> createLogicAndMaterializedValuePair(Attributes attrs) {
      BpLogic logic = new BpLogic();
      return Pair.create(logic, logic.ref);
    }

    private final class BpLogic extends GraphStageLogic implements OutHandler {
      final StageRef<T> ref =
          new StageRef<>(this, "actorRefSourceWithBackpressure", getAsyncCallback(this::onMessage));
      private T pending;
      private boolean completing;

      @SuppressWarnings("this-escape")
      BpLogic() {
        super(shape);
        setHandler(out, this);
      }

      private void onMessage(T message) throws Exception {
        Optional<Throwable> failure = failureMatcher.apply(message);
        if (failure.isPresent()) {
          failStage(failure.get());
          return;
        }
        Optional<CompletionStrategy> completion = completionMatcher.apply(message);
        if (completion.isPresent()) {
          if (completion.get() == CompletionStrategy.IMMEDIATELY || pending == null) {
            completeStage();
          } else {
            completing = true;
          }
          return;
        }
        if (completing) {
          return;
        }
        if (pending != null) {
          failStage(
              new IllegalStateException(
                  "received a new element before the previous one was acknowledged: " + message));
          return;
        }
        if (isAvailable(out)) {
          push(out, message);
          ackTo.tell(ackMessage);
        } else {
          pending = message;
        }
      }

      @Override
      public void onPull() {
        if (pending != null) {
          T p = pending;
          pending = null;
          push(out, p);
          ackTo.tell(ackMessage);
          if (completing) {
            completeStage();
          }
        }
      }

      @Override
      public void postStop() {
        ref.stopped();
      }
    }
  }
}
