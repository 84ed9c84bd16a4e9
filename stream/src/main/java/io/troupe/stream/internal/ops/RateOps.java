package io.troupe.stream.internal.ops;

import static io.troupe.stream.internal.Linear.decide;

import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.ActorAttributes;
import io.troupe.stream.Attributes;
import io.troupe.stream.internal.Linear;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.StreamLimitReachedException;
import io.troupe.stream.Supervision;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Operators that decouple the rate of downstream from that of upstream (aggregating when
 * downstream is slower, extrapolating when it is faster, a one-element buffer) and the limits on
 * how much a stream may carry. Internal API.
 */
public final class RateOps {
  private RateOps() {}



  /** The cost {@code costFn} gives {@code elem}, or an exception naming the operator if it is negative. */
  private static <T> long checkedCost(String op, Function<T, Long> costFn, T elem) throws Exception {
    Long c = costFn.apply(elem);
    if (c == null || c < 0) {
      throw new NegativeCost(op + ": cost of element " + elem + " must be >= 0, was " + c);
    }
    return c;
  }

  /** A cost function's bad answer: fails the stream whatever the supervision strategy says. */
  private static final class NegativeCost extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    NegativeCost(String message) {
      super(message);
    }
  }

  // ------------------------------------------------------------------ batch, conflate

  /**
   * Aggregates elements while downstream is busy: the first element of a batch goes through
   * {@code seed}, later ones through {@code aggregate}, until the batch's weight would pass {@code
   * max}; the element that does not fit waits (and upstream is backpressured) until the batch has
   * been emitted. With no cost function every element weighs nothing: that is conflate.
   */
  public static final class Batch<T, S> extends Linear<T, S> {
    private final long max;
    private final Function<T, Long> costFn;
    private final Function<T, S> seed;
    private final Function2<S, T, S> aggregate;

    /**
     * The stage; {@code costFn} null makes every element weigh nothing. The arguments are
     * checked by the DSL.
     */
    public Batch(String name, long max, Function<T, Long> costFn, Function<T, S> seed, Function2<S, T, S> aggregate) {
      super(name);
      this.max = max;
      this.costFn = costFn;
      this.seed = seed;
      this.aggregate = aggregate;
    }

    /** Checks {@code max} of {@code batch}/{@code batchWeighted}. */
    public static long checkedMax(String op, long max) {
      if (max <= 0) {
        throw new IllegalArgumentException(op + ": max must be > 0, was " + max);
      }
      return max;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic(attrs);
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Attributes attrs;
      private S agg;
      private long left = max;
      private T pending;
      private long pendingCost;

      @SuppressWarnings("this-escape")
      Logic(Attributes attrs) {
        super(shape());
        this.attrs = attrs;
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() {
        pull(in);
      }

      @Override
      public void onPush() {
        T elem = grab(in);
        long cost;
        try {
          cost = costFn == null ? 0 : checkedCost(name(), costFn, elem);
        } catch (NegativeCost e) {
          failStage(e);
          return;
        } catch (Exception e) {
          if (decide(attrs, e) == Supervision.Directive.STOP) {
            failStage(e);
          } else {
            pullIfWanted();
          }
          return;
        }
        if (agg == null) {
          if (!seed(elem, cost)) {
            return;
          }
        } else if (left < cost) {
          // does not fit: it starts the next batch once this one is emitted
          pending = elem;
          pendingCost = cost;
        } else {
          try {
            S next = aggregate.apply(agg, elem);
            if (next == null) {
              throw new NullPointerException("aggregate returned null for element " + elem);
            }
            agg = next;
            left -= cost;
          } catch (Exception e) {
            Supervision.Directive d = decide(attrs, e);
            if (d == Supervision.Directive.STOP) {
              failStage(e);
              return;
            }
            if (d == Supervision.Directive.RESTART) {
              agg = null;
              left = max;
            }
          }
        }
        if (isAvailable(out)) {
          flush();
        }
        pullIfWanted();
      }

      /** Starts a batch with {@code elem}; false if the stage failed. */
      private boolean seed(T elem, long cost) {
        try {
          S first = seed.apply(elem);
          if (first == null) {
            throw new NullPointerException("seed returned null for element " + elem);
          }
          agg = first;
          left = max - cost;
          return true;
        } catch (Exception e) {
          if (decide(attrs, e) == Supervision.Directive.STOP) {
            failStage(e);
            return false;
          }
          // resume or restart: the element is dropped, no batch is open
          agg = null;
          left = max;
          return true;
        }
      }

      /** Emits the batch and opens the next one with the element that did not fit. */
      private void flush() {
        if (agg == null) {
          return;
        }
        S done = agg;
        agg = null;
        left = max;
        push(out, done);
        if (pending != null) {
          T p = pending;
          pending = null;
          seed(p, pendingCost);
        }
      }

      private void pullIfWanted() {
        if (pending == null && !isClosed(in) && !hasBeenPulled(in)) {
          pull(in);
        }
      }

      @Override
      public void onPull() {
        flush();
        if (isClosed(in)) {
          if (agg == null && !isStageStopped()) {
            completeStage();
          }
        } else {
          pullIfWanted();
        }
      }

      @Override
      public void onUpstreamFinish() {
        if (agg == null) {
          completeStage();
        }
      }
    }
  }

  // ------------------------------------------------------------------ expand, extrapolate

  /**
   * Turns each element into an iterator and emits from it whenever downstream pulls before the
   * next element arrives; the next element replaces the iterator. Each element yields at least
   * the first element of its iterator (an element with an empty iterator yields nothing).
   */
  public static final class Expand<T, U> extends Linear<T, U> {
    private final Function<T, Iterator<U>> expander;
    private final boolean hasInitial;
    private final T initial;

    /** The stage; {@code initial} (only with {@code hasInitial}) is expanded before the first element. */
    public Expand(String name, Function<T, Iterator<U>> expander, boolean hasInitial, T initial) {
      super(name);
      this.expander = expander;
      this.hasInitial = hasInitial;
      this.initial = initial;
    }

    /** The expander of {@code extrapolate}: the element itself, then what {@code extrapolator} makes of it. */
    public static <T> Function<T, Iterator<T>> originalThen(Function<T, Iterator<T>> extrapolator) {
      return elem -> new OriginalThen<>(elem, extrapolator);
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private Iterator<U> iterator = java.util.Collections.emptyIterator();
      /** Whether the current iterator has yielded its first element. */
      private boolean expanded;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() throws Exception {
        if (hasInitial) {
          // as if prepended: the initial element goes first, upstream is asked once it went
          iterator = expand(initial);
          expanded = false;
          if (!iterator.hasNext()) {
            pull(in);
          }
        } else {
          pull(in);
        }
      }

      private Iterator<U> expand(T elem) throws Exception {
        Iterator<U> it = expander.apply(elem);
        if (it == null) {
          throw new NullPointerException("the expander returned null for element " + elem);
        }
        return it;
      }

      @Override
      public void onPush() throws Exception {
        iterator = expand(grab(in));
        if (!iterator.hasNext()) {
          pull(in);
        } else if (isAvailable(out)) {
          expanded = true;
          pull(in);
          push(out, iterator.next());
        } else {
          expanded = false;
        }
      }

      @Override
      public void onPull() {
        if (!expanded) {
          if (!iterator.hasNext()) {
            return;
          }
          expanded = true;
          if (isClosed(in)) {
            push(out, iterator.next());
            completeStage();
          } else {
            // ask upstream first, so a fast upstream is never held back by extrapolation
            if (!hasBeenPulled(in)) {
              pull(in);
            }
            push(out, iterator.next());
          }
        } else if (iterator.hasNext()) {
          push(out, iterator.next());
        }
      }

      @Override
      public void onUpstreamFinish() {
        // the last element still yields its first expansion
        if (expanded || !iterator.hasNext()) {
          completeStage();
        }
      }
    }
  }

  /** An element followed, lazily, by its extrapolation. */
  private static final class OriginalThen<T> implements Iterator<T> {
    private T original;
    private final Function<T, Iterator<T>> extrapolator;
    private boolean originalTaken;
    private Iterator<T> rest;

    OriginalThen(T original, Function<T, Iterator<T>> extrapolator) {
      this.original = original;
      this.extrapolator = extrapolator;
    }

    @Override
    public boolean hasNext() {
      if (!originalTaken) {
        return true;
      }
      if (rest == null) {
        T o = original;
        original = null;
        try {
          rest = extrapolator.apply(o);
        } catch (Exception e) {
          throw RateOps.<RuntimeException>sneaky(e);
        }
        if (rest == null) {
          throw new NullPointerException("the extrapolator returned null for element " + o);
        }
      }
      return rest.hasNext();
    }

    @Override
    public T next() {
      if (!originalTaken) {
        originalTaken = true;
        return original;
      }
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return rest.next();
    }
  }

  /** Rethrows {@code t} unchanged, checked or not; the interpreter fails the stage with it. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }

  // ------------------------------------------------------------------ detach

  /** A buffer of one element that pulls upstream before downstream asks. */
  public static final class Detach<T> extends Linear<T, T> {
    /** The stage. */
    public Detach() {
      super("detach");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private T held;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() {
        pull(in);
      }

      @Override
      public void onPush() {
        T elem = grab(in);
        if (isAvailable(out)) {
          push(out, elem);
          pull(in);
        } else {
          held = elem;
        }
      }

      @Override
      public void onPull() {
        if (held == null) {
          return;
        }
        T elem = held;
        held = null;
        push(out, elem);
        if (isClosed(in)) {
          completeStage();
        } else {
          pull(in);
        }
      }

      @Override
      public void onUpstreamFinish() {
        if (held == null) {
          completeStage();
        }
      }
    }
  }

  // ------------------------------------------------------------------ limit

  /**
   * Passes elements while their total cost stays within {@code max} and fails with a {@link
   * StreamLimitReachedException} on the element that passes it; with no cost function each
   * element costs 1.
   */
  public static final class LimitWeighted<T> extends Linear<T, T> {
    private final long max;
    private final Function<T, Long> costFn;

    /** The stage; {@code costFn} null makes each element cost 1. */
    public LimitWeighted(String name, long max, Function<T, Long> costFn) {
      super(name);
      this.max = max;
      this.costFn = costFn;
    }

    /** Checks {@code n} of {@code limit}/{@code limitWeighted}. */
    public static long checkedMax(String op, long n) {
      if (n < 0) {
        throw new IllegalArgumentException(op + ": n must be >= 0, was " + n);
      }
      return n;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic(attrs);
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Attributes attrs;
      private long left = max;

      @SuppressWarnings("this-escape")
      Logic(Attributes attrs) {
        super(shape());
        this.attrs = attrs;
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        T elem = grab(in);
        long cost;
        if (costFn == null) {
          cost = 1;
        } else {
          try {
            cost = checkedCost(name(), costFn, elem);
          } catch (NegativeCost e) {
            failStage(e);
            return;
          } catch (Exception e) {
            Supervision.Directive d = decide(attrs, e);
            if (d == Supervision.Directive.STOP) {
              failStage(e);
              return;
            }
            if (d == Supervision.Directive.RESTART) {
              left = max;
            }
            pull(in);
            return;
          }
        }
        left -= cost;
        if (left >= 0) {
          push(out, elem);
        } else {
          failStage(new StreamLimitReachedException("limit of " + max + " reached"));
        }
      }

      @Override
      public void onPull() {
        pull(in);
      }
    }
  }
}
