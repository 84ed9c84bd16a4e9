package io.troupe.stream.internal;

import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.japi.function.Predicate;
import io.troupe.stream.Attributes;
import io.troupe.stream.BufferOverflowException;
import io.troupe.stream.OverflowStrategy;
import io.troupe.stream.Supervision;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The simple one-in one-out operators, one small stage class each. Internal API; reached through
 * {@code Source}, {@code Flow} and {@code Sink}, whose Javadoc gives each operator's Emits /
 * Backpressures / Completes / Cancels.
 */
public final class Ops {
  private Ops() {}

  /** Passes elements through unchanged. */
  public static final class Identity<T> extends Linear<T, T> implements Fusion.Fusable {
    /** The stage. */
    public Identity() {
      super("identity");
    }

    @Override
    public Object step(Object in) {
      return in;
    }

    @Override
    public String outletName() {
      return out.name();
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        push(out, grab(in));
      }

      @Override
      public void onPull() {
        pull(in);
      }
    }
  }

  /** Applies a function to each element. */
  public static final class Map<A, B> extends Linear<A, B> implements Fusion.Fusable {
    private final Function<A, B> f;

    /** The stage. */
    public Map(Function<A, B> f) {
      super("map");
      this.f = f;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object step(Object in) throws Exception {
      return f.apply((A) in);
    }

    @Override
    public String outletName() {
      return out.name();
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic(attrs);
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Attributes attrs;

      @SuppressWarnings("this-escape")
      Logic(Attributes attrs) {
        super(shape());
        this.attrs = attrs;
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        B b;
        try {
          b = f.apply(grab(in));
        } catch (Exception e) {
          if (decide(attrs, e) == Supervision.Directive.STOP) {
            failStage(e);
          } else {
            pull(in);
          }
          return;
        }
        push(out, b);
      }

      @Override
      public void onPull() {
        pull(in);
      }
    }
  }

  /** Passes on the elements that satisfy a predicate. */
  public static final class Filter<T> extends Linear<T, T> implements Fusion.Fusable {
    private final Predicate<T> p;
    private final boolean negate;

    /** The stage; with {@code negate} it passes the elements that do not satisfy {@code p}. */
    public Filter(Predicate<T> p, boolean negate) {
      super(negate ? "filterNot" : "filter");
      this.p = p;
      this.negate = negate;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object step(Object in) throws Exception {
      return p.test((T) in) != negate ? in : Fusion.DROP;
    }

    @Override
    public String outletName() {
      return out.name();
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic(attrs);
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Attributes attrs;

      @SuppressWarnings("this-escape")
      Logic(Attributes attrs) {
        super(shape());
        this.attrs = attrs;
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        T t = grab(in);
        boolean pass;
        try {
          pass = p.test(t) != negate;
        } catch (Exception e) {
          if (decide(attrs, e) == Supervision.Directive.STOP) {
            failStage(e);
            return;
          }
          pass = false;
        }
        if (pass) {
          push(out, t);
        } else {
          pull(in);
        }
      }

      @Override
      public void onPull() {
        pull(in);
      }
    }
  }

  /** Applies a function returning an optional value and passes on the present ones. */
  public static final class MapOptional<A, B> extends Linear<A, B> implements Fusion.Fusable {
    private final Function<A, Optional<B>> f;

    /** The stage. */
    public MapOptional(Function<A, Optional<B>> f) {
      super("mapOptional");
      this.f = f;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object step(Object in) throws Exception {
      Optional<B> b = f.apply((A) in);
      return b != null && b.isPresent() ? b.get() : Fusion.DROP;
    }

    @Override
    public String outletName() {
      return out.name();
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic(attrs);
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Attributes attrs;

      @SuppressWarnings("this-escape")
      Logic(Attributes attrs) {
        super(shape());
        this.attrs = attrs;
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        Optional<B> b;
        try {
          b = f.apply(grab(in));
        } catch (Exception e) {
          if (decide(attrs, e) == Supervision.Directive.STOP) {
            failStage(e);
            return;
          }
          b = Optional.empty();
        }
        if (b != null && b.isPresent()) {
          push(out, b.get());
        } else {
          pull(in);
        }
      }

      @Override
      public void onPull() {
        pull(in);
      }
    }
  }

  /** Maps each element to an iterable and emits its elements one by one. */
  public static final class MapConcat<A, B> extends Linear<A, B> {
    private final Function<A, ? extends Iterable<B>> f;

    /** The stage. */
    public MapConcat(Function<A, ? extends Iterable<B>> f) {
      super("mapConcat");
      this.f = f;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic(attrs);
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Attributes attrs;
      private Iterator<B> current;

      @SuppressWarnings("this-escape")
      Logic(Attributes attrs) {
        super(shape());
        this.attrs = attrs;
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        try {
          current = f.apply(grab(in)).iterator();
          if (current.hasNext()) {
            push(out, current.next());
            if (!current.hasNext()) {
              current = null;
            }
          } else {
            current = null;
            pullOrFinish();
          }
        } catch (Exception e) {
          current = null;
          if (decide(attrs, e) == Supervision.Directive.STOP) {
            failStage(e);
          } else {
            pullOrFinish();
          }
        }
      }

      private void pullOrFinish() {
        if (isClosed(in)) {
          completeStage();
        } else {
          pull(in);
        }
      }

      @Override
      public void onPull() {
        if (current != null) {
          push(out, current.next());
          if (!current.hasNext()) {
            current = null;
            if (isClosed(in)) {
              completeStage();
            }
          }
        } else {
          pullOrFinish();
        }
      }

      @Override
      public void onUpstreamFinish() {
        if (current == null) {
          completeStage();
        }
      }
    }
  }

  /** Passes on the first {@code n} elements, then completes. */
  public static final class Take<T> extends Linear<T, T> {
    private final long n;

    /** The stage. */
    public Take(long n) {
      super("take");
      this.n = n;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private long left = n;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() {
        if (left <= 0) {
          completeStage();
        }
      }

      @Override
      public void onPush() {
        left--;
        push(out, grab(in));
        if (left == 0) {
          completeStage();
        }
      }

      @Override
      public void onPull() {
        pull(in);
      }
    }
  }

  /** Drops the first {@code n} elements, then passes the rest. */
  public static final class Drop<T> extends Linear<T, T> {
    private final long n;

    /** The stage. */
    public Drop(long n) {
      super("drop");
      this.n = n;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private long left = n;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        T t = grab(in);
        if (left > 0) {
          left--;
          pull(in);
        } else {
          push(out, t);
        }
      }

      @Override
      public void onPull() {
        pull(in);
      }
    }
  }

  /** Passes elements while a predicate holds, then completes. */
  public static final class TakeWhile<T> extends Linear<T, T> {
    private final Predicate<T> p;
    private final boolean inclusive;

    /** The stage; with {@code inclusive} the first failing element is passed too. */
    public TakeWhile(Predicate<T> p, boolean inclusive) {
      super("takeWhile");
      this.p = p;
      this.inclusive = inclusive;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic(attrs);
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Attributes attrs;

      @SuppressWarnings("this-escape")
      Logic(Attributes attrs) {
        super(shape());
        this.attrs = attrs;
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        T t = grab(in);
        boolean ok;
        try {
          ok = p.test(t);
        } catch (Exception e) {
          if (decide(attrs, e) == Supervision.Directive.STOP) {
            failStage(e);
          } else {
            pull(in);
          }
          return;
        }
        if (ok) {
          push(out, t);
        } else {
          if (inclusive) {
            push(out, t);
          }
          completeStage();
        }
      }

      @Override
      public void onPull() {
        pull(in);
      }
    }
  }

  /** Drops elements while a predicate holds, then passes all the rest. */
  public static final class DropWhile<T> extends Linear<T, T> {
    private final Predicate<T> p;

    /** The stage. */
    public DropWhile(Predicate<T> p) {
      super("dropWhile");
      this.p = p;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic(attrs);
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Attributes attrs;
      private boolean dropping = true;

      @SuppressWarnings("this-escape")
      Logic(Attributes attrs) {
        super(shape());
        this.attrs = attrs;
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        T t = grab(in);
        if (dropping) {
          try {
            dropping = p.test(t);
          } catch (Exception e) {
            if (decide(attrs, e) == Supervision.Directive.STOP) {
              failStage(e);
            } else {
              pull(in);
            }
            return;
          }
        }
        if (dropping) {
          pull(in);
        } else {
          push(out, t);
        }
      }

      @Override
      public void onPull() {
        pull(in);
      }
    }
  }

  /**
   * Collects elements into lists of {@code n}; the last list may be shorter. Its window ({@link
   * GroupWindow}) can end a fused run.
   */
  public static final class Grouped<T> extends Linear<T, List<T>> implements GroupWindow.Windowed {
    private final GroupWindow.Spec window;

    /** The stage. */
    public Grouped(int n) {
      super("grouped");
      this.window = GroupWindow.Spec.grouped(n);
    }

    @Override
    public GroupWindow.Spec window() {
      return window;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return GroupWindow.logic(shape(), window);
    }
  }

  /** Emits windows of {@code n} elements, moving by {@code step}. */
  public static final class Sliding<T> extends Linear<T, List<T>> {
    private final int n;
    private final int step;

    /** The stage. */
    public Sliding(int n, int step) {
      super("sliding");
      this.n = n;
      this.step = step;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final ArrayDeque<T> buf = new ArrayDeque<>();
      private int skip;
      private boolean emittedSinceLast;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        T t = grab(in);
        if (skip > 0) {
          skip--;
          pull(in);
          return;
        }
        buf.add(t);
        emittedSinceLast = false;
        if (buf.size() == n) {
          push(out, List.copyOf(buf));
          emittedSinceLast = true;
          for (int i = 0; i < step && !buf.isEmpty(); i++) {
            buf.poll();
          }
          if (step > n) {
            skip = step - n;
          }
        } else {
          pull(in);
        }
      }

      @Override
      public void onPull() {
        pull(in);
      }

      @Override
      public void onUpstreamFinish() {
        // A partial window is emitted only if it holds elements not yet emitted.
        if (!buf.isEmpty() && !emittedSinceLast) {
          emit(out, List.copyOf(buf));
        }
        completeStage();
      }
    }
  }

  /** Emits the running accumulation, starting with the zero value. */
  public static final class Scan<T, S> extends Linear<T, S> {
    private final S zero;
    private final Function2<S, T, S> f;

    /** The stage. */
    public Scan(S zero, Function2<S, T, S> f) {
      super("scan");
      this.zero = zero;
      this.f = f;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic(attrs);
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Attributes attrs;
      private S acc = zero;
      private boolean zeroPushed;

      @SuppressWarnings("this-escape")
      Logic(Attributes attrs) {
        super(shape());
        this.attrs = attrs;
        setHandlers(in, out, this);
      }

      @Override
      public void onPull() {
        if (!zeroPushed) {
          zeroPushed = true;
          push(out, acc);
        } else {
          pull(in);
        }
      }

      @Override
      public void onPush() {
        try {
          acc = f.apply(acc, grab(in));
        } catch (Exception e) {
          Supervision.Directive d = decide(attrs, e);
          if (d == Supervision.Directive.STOP) {
            failStage(e);
            return;
          }
          if (d == Supervision.Directive.RESTART) {
            acc = zero;
          }
          pull(in);
          return;
        }
        push(out, acc);
      }

      @Override
      public void onUpstreamFinish() {
        if (!zeroPushed) {
          zeroPushed = true;
          emit(out, acc);
        }
        completeStage();
      }
    }
  }

  /** Accumulates all elements and emits the result when upstream completes. */
  public static final class Fold<T, S> extends Linear<T, S> implements Fusion.FusableFold {
    private final S zero;
    private final Function2<S, T, S> f;
    private final boolean reduce;

    /** The stage; with {@code reduce} the first element is the zero and an empty stream fails. */
    public Fold(S zero, Function2<S, T, S> f, boolean reduce) {
      super(reduce ? "reduce" : "fold");
      this.zero = zero;
      this.f = f;
      this.reduce = reduce;
    }

    @Override
    public Object zero() {
      return zero;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Function2<Object, Object, Object> combiner() {
      return (Function2) f;
    }

    @Override
    public boolean isReduce() {
      return reduce;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic(attrs);
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Attributes attrs;
      private S acc = zero;
      private boolean empty = true;

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
      @SuppressWarnings("unchecked")
      public void onPush() {
        T t = grab(in);
        if (reduce && empty) {
          acc = (S) t;
          empty = false;
          pull(in);
          return;
        }
        try {
          acc = f.apply(acc, t);
          empty = false;
        } catch (Exception e) {
          Supervision.Directive d = decide(attrs, e);
          if (d == Supervision.Directive.STOP) {
            failStage(e);
            return;
          }
          if (d == Supervision.Directive.RESTART) {
            acc = zero;
            empty = true;
          }
        }
        pull(in);
      }

      @Override
      public void onPull() {}

      @Override
      public void onUpstreamFinish() {
        if (reduce && empty) {
          failStage(new java.util.NoSuchElementException("reduce over empty stream"));
          return;
        }
        emit(out, acc);
        completeStage();
      }
    }
  }

  /** Pairs each element with its index, starting at 0. */
  public static final class ZipWithIndex<T> extends Linear<T, Pair<T, Long>> {
    /** The stage. */
    public ZipWithIndex() {
      super("zipWithIndex");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private long index;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        push(out, Pair.create(grab(in), index++));
      }

      @Override
      public void onPull() {
        pull(in);
      }
    }
  }

  /** A bounded buffer with an overflow strategy. */
  public static final class Buffer<T> extends Linear<T, T> {
    private final int size;
    private final OverflowStrategy strategy;

    /** The stage. */
    public Buffer(int size, OverflowStrategy strategy) {
      super("buffer");
      this.size = size;
      this.strategy = strategy;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final ArrayDeque<T> buf = new ArrayDeque<>();

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
        T t = grab(in);
        if (isAvailable(out) && buf.isEmpty()) {
          push(out, t);
        } else if (buf.size() < size) {
          buf.add(t);
        } else {
          switch (strategy.kind()) {
            case DROP_HEAD -> {
              buf.poll();
              buf.add(t);
            }
            case DROP_TAIL -> {
              buf.pollLast();
              buf.add(t);
            }
            case DROP_BUFFER -> {
              buf.clear();
              buf.add(t);
            }
            case DROP_NEW -> {}
            case FAIL -> {
              failStage(new BufferOverflowException("Buffer overflow (max capacity was: " + size + ")!"));
              return;
            }
            case BACKPRESSURE -> throw new IllegalStateException("buffer overfilled under backpressure");
          }
        }
        if (strategy.kind() != OverflowStrategy.Kind.BACKPRESSURE || buf.size() < size) {
          pull(in);
        }
      }

      @Override
      public void onPull() {
        T t = buf.poll();
        if (t != null) {
          push(out, t);
          if (isClosed(in)) {
            if (buf.isEmpty()) {
              completeStage();
            }
          } else if (!hasBeenPulled(in)) {
            pull(in);
          }
        } else if (isClosed(in)) {
          completeStage();
        }
      }

      @Override
      public void onUpstreamFinish() {
        if (buf.isEmpty()) {
          completeStage();
        }
      }
    }
  }
}
