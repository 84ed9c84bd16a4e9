package io.troupe.stream.internal;

import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.Attributes;
import io.troupe.stream.FanInShape2;
import io.troupe.stream.FanOutShape2;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.UniformFanInShape;
import io.troupe.stream.UniformFanOutShape;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.ArrayDeque;

/** Fan-in and fan-out stages. Internal API; see the public junction classes for their contracts. */
public final class Junctions {
  private Junctions() {}

  /** Emits each element to all outputs, once all of them want it. */
  public static final class Broadcast<T> extends GraphStage<UniformFanOutShape<T, T>> {
    private final UniformFanOutShape<T, T> shape;
    private final boolean eagerCancel;

    /** The stage. */
    public Broadcast(int n, boolean eagerCancel) {
      this.shape = UniformFanOutShape.create("broadcast", n);
      this.eagerCancel = eagerCancel;
    }

    @Override
    public UniformFanOutShape<T, T> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      int n = shape.getOutlets().size();
      return new GraphStageLogic(shape) {
        private final boolean[] wants = new boolean[n];
        private int open = n;
        private int wanting;

        {
          setHandler(
              shape.in(),
              () -> {
                T t = grab(shape.in());
                wanting = 0;
                for (int i = 0; i < n; i++) {
                  Outlet<T> o = shape.out(i);
                  if (!isClosed(o)) {
                    push(o, t);
                    wants[i] = false;
                  }
                }
              });
          for (int i = 0; i < n; i++) {
            final int idx = i;
            setHandler(
                shape.out(i),
                new OutHandler() {
                  @Override
                  public void onPull() {
                    wants[idx] = true;
                    wanting++;
                    maybePull();
                  }

                  @Override
                  public void onDownstreamFinish(Throwable cause) {
                    if (eagerCancel) {
                      cancelStage(cause);
                      return;
                    }
                    open--;
                    if (wants[idx]) {
                      wants[idx] = false;
                      wanting--;
                    }
                    if (open == 0) {
                      cancelStage(cause);
                    } else {
                      maybePull();
                    }
                  }
                });
          }
        }

        private void maybePull() {
          if (wanting == open && !hasBeenPulled(shape.in()) && !isClosed(shape.in())) {
            pull(shape.in());
          }
        }
      };
    }

    @Override
    public String toString() {
      return "Broadcast";
    }
  }

  /** Emits elements from all inputs as they arrive. */
  public static final class Merge<T> extends GraphStage<UniformFanInShape<T, T>> {
    private final UniformFanInShape<T, T> shape;
    private final boolean eagerComplete;

    /** The stage. */
    public Merge(int n, boolean eagerComplete) {
      this.shape = UniformFanInShape.create("merge", n);
      this.eagerComplete = eagerComplete;
    }

    @Override
    public UniformFanInShape<T, T> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      int n = shape.getInlets().size();
      return new GraphStageLogic(shape) {
        private final ArrayDeque<Inlet<T>> pending = new ArrayDeque<>();
        private int running = n;

        {
          for (int i = 0; i < n; i++) {
            Inlet<T> in = shape.in(i);
            setHandler(
                in,
                new InHandler() {
                  @Override
                  public void onPush() {
                    if (isAvailable(shape.out()) && pending.isEmpty()) {
                      push(shape.out(), grab(in));
                      tryPull(in);
                    } else {
                      pending.add(in);
                    }
                  }

                  @Override
                  public void onUpstreamFinish() {
                    running--;
                    if (eagerComplete) {
                      for (Inlet<T> other : shape.getInlets()) {
                        cancel(other);
                      }
                      running = 0;
                    }
                    if (running == 0 && pending.isEmpty()) {
                      completeStage();
                    }
                  }
                });
          }
          setHandler(
              shape.out(),
              () -> {
                Inlet<T> in = pending.poll();
                if (in != null) {
                  push(shape.out(), grab(in));
                  if (!isClosed(in)) {
                    pull(in);
                  } else if (running == 0 && pending.isEmpty()) {
                    completeStage();
                  }
                }
              });
        }

        @Override
        public void preStart() {
          for (Inlet<T> in : shape.getInlets()) {
            tryPull(in);
          }
        }
      };
    }

    @Override
    public String toString() {
      return "Merge";
    }
  }

  /** Emits the elements of each input in turn, the next one after the previous completed. */
  public static final class Concat<T> extends GraphStage<UniformFanInShape<T, T>> {
    private final UniformFanInShape<T, T> shape;

    /** The stage. */
    public Concat(int n) {
      this.shape = UniformFanInShape.create("concat", n);
    }

    @Override
    public UniformFanInShape<T, T> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      int n = shape.getInlets().size();
      return new GraphStageLogic(shape) {
        private int active;

        {
          for (int i = 0; i < n; i++) {
            final int idx = i;
            Inlet<T> in = shape.in(i);
            setHandler(
                in,
                new InHandler() {
                  @Override
                  public void onPush() {
                    push(shape.out(), grab(in));
                  }

                  @Override
                  public void onUpstreamFinish() {
                    if (idx == active) {
                      advance();
                    }
                  }
                });
          }
          setHandler(shape.out(), () -> tryPull(shape.in(active)));
        }

        private void advance() {
          active++;
          while (active < n && isClosed(shape.in(active))) {
            active++;
          }
          if (active == n) {
            completeStage();
          } else if (isAvailable(shape.out())) {
            tryPull(shape.in(active));
          }
        }
      };
    }

    @Override
    public String toString() {
      return "Concat";
    }
  }

  /** Combines one element from each of two inputs. */
  public static final class ZipWith<A, B, O> extends GraphStage<FanInShape2<A, B, O>> {
    private final FanInShape2<A, B, O> shape = FanInShape2.create("zipWith");
    private final Function2<A, B, O> f;

    /** The stage. */
    public ZipWith(Function2<A, B, O> f) {
      this.f = f;
    }

    @Override
    public FanInShape2<A, B, O> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new GraphStageLogic(shape) {
        private boolean finishing;

        {
          InHandler h =
              new InHandler() {
                @Override
                public void onPush() throws Exception {
                  if (isAvailable(shape.in0()) && isAvailable(shape.in1())) {
                    push(shape.out(), f.apply(grab(shape.in0()), grab(shape.in1())));
                    if (finishing) {
                      completeStage();
                    } else {
                      pull(shape.in0());
                      pull(shape.in1());
                    }
                  }
                }

                @Override
                public void onUpstreamFinish() {
                  if (!isAvailable(shape.in0()) || !isAvailable(shape.in1())) {
                    boolean waiting =
                        (isAvailable(shape.in0()) && !isClosed(shape.in1()))
                            || (isAvailable(shape.in1()) && !isClosed(shape.in0()));
                    if (waiting) {
                      finishing = true;
                    } else {
                      completeStage();
                    }
                  } else {
                    finishing = true;
                  }
                }
              };
          setHandler(shape.in0(), h);
          setHandler(shape.in1(), h);
          setHandler(
              shape.out(),
              () -> {
                if (!hasBeenPulled(shape.in0()) && !isAvailable(shape.in0())) {
                  tryPull(shape.in0());
                }
                if (!hasBeenPulled(shape.in1()) && !isAvailable(shape.in1())) {
                  tryPull(shape.in1());
                }
              });
        }
      };
    }

    @Override
    public String toString() {
      return "ZipWith";
    }
  }

  /** Sends each element to the first output that wants one. */
  public static final class Balance<T> extends GraphStage<UniformFanOutShape<T, T>> {
    private final UniformFanOutShape<T, T> shape;

    /** The stage. */
    public Balance(int n) {
      this.shape = UniformFanOutShape.create("balance", n);
    }

    @Override
    public UniformFanOutShape<T, T> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      int n = shape.getOutlets().size();
      return new GraphStageLogic(shape) {
        private final ArrayDeque<Outlet<T>> wanting = new ArrayDeque<>();
        private int open = n;

        {
          setHandler(
              shape.in(),
              () -> {
                Outlet<T> o = wanting.poll();
                while (o != null && isClosed(o)) {
                  o = wanting.poll();
                }
                if (o != null) {
                  push(o, grab(shape.in()));
                }
                if (!wanting.isEmpty()) {
                  pull(shape.in());
                }
              });
          for (int i = 0; i < n; i++) {
            Outlet<T> o = shape.out(i);
            setHandler(
                o,
                new OutHandler() {
                  @Override
                  public void onPull() {
                    wanting.add(o);
                    if (!hasBeenPulled(shape.in()) && !isClosed(shape.in())) {
                      pull(shape.in());
                    }
                  }

                  @Override
                  public void onDownstreamFinish(Throwable cause) {
                    wanting.remove(o);
                    if (--open == 0) {
                      cancelStage(cause);
                    }
                  }
                });
          }
        }
      };
    }

    @Override
    public String toString() {
      return "Balance";
    }
  }

  /** Sends each element to the output a function picks. */
  public static final class Partition<T> extends GraphStage<UniformFanOutShape<T, T>> {
    private final UniformFanOutShape<T, T> shape;
    private final Function<T, Integer> partitioner;

    /** The stage. */
    public Partition(int n, Function<T, Integer> partitioner) {
      this.shape = UniformFanOutShape.create("partition", n);
      this.partitioner = partitioner;
    }

    @Override
    public UniformFanOutShape<T, T> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      int n = shape.getOutlets().size();
      return new GraphStageLogic(shape) {
        private T pending;
        private int pendingIndex;
        private int open = n;

        {
          setHandler(
              shape.in(),
              new InHandler() {
                @Override
                public void onPush() throws Exception {
                  T t = grab(shape.in());
                  Integer idx = partitioner.apply(t);
                  if (idx == null || idx < 0 || idx >= n) {
                    failStage(
                        new IndexOutOfBoundsException(
                            "partitioner returned " + idx + " for " + t + "; outputs are 0.." + (n - 1)));
                    return;
                  }
                  Outlet<T> o = shape.out(idx);
                  if (isClosed(o)) {
                    tryPull(shape.in());
                  } else if (isAvailable(o)) {
                    push(o, t);
                    if (anyWanting()) {
                      tryPull(shape.in());
                    }
                  } else {
                    pending = t;
                    pendingIndex = idx;
                  }
                }

                @Override
                public void onUpstreamFinish() {
                  if (pending == null) {
                    completeStage();
                  }
                }
              });
          for (int i = 0; i < n; i++) {
            final int idx = i;
            setHandler(
                shape.out(i),
                new OutHandler() {
                  @Override
                  public void onPull() {
                    if (pending != null) {
                      if (pendingIndex == idx) {
                        T t = pending;
                        pending = null;
                        push(shape.out(idx), t);
                        if (isClosed(shape.in())) {
                          completeStage();
                        } else {
                          tryPull(shape.in());
                        }
                      }
                    } else if (!hasBeenPulled(shape.in()) && !isClosed(shape.in())) {
                      pull(shape.in());
                    }
                  }

                  @Override
                  public void onDownstreamFinish(Throwable cause) {
                    if (--open == 0) {
                      cancelStage(cause);
                    } else if (pending != null && pendingIndex == idx) {
                      pending = null;
                      if (isClosed(shape.in())) {
                        completeStage();
                      } else {
                        tryPull(shape.in());
                      }
                    }
                  }
                });
          }
        }

        private boolean anyWanting() {
          for (Outlet<T> o : shape.getOutlets()) {
            if (isAvailable(o)) {
              return true;
            }
          }
          return false;
        }
      };
    }

    @Override
    public String toString() {
      return "Partition";
    }
  }

  /** Splits each pair into its two parts, one per output. */
  public static final class UnzipWith<I, A, B> extends GraphStage<FanOutShape2<I, A, B>> {
    private final FanOutShape2<I, A, B> shape = FanOutShape2.create("unzip");
    private final Function<I, Pair<A, B>> f;

    /** The stage. */
    public UnzipWith(Function<I, Pair<A, B>> f) {
      this.f = f;
    }

    @Override
    public FanOutShape2<I, A, B> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new GraphStageLogic(shape) {
        private int wanting;
        private boolean want0;
        private boolean want1;

        {
          setHandler(
              shape.in(),
              () -> {
                Pair<A, B> p = f.apply(grab(shape.in()));
                if (!isClosed(shape.out0())) {
                  push(shape.out0(), p.first());
                }
                if (!isClosed(shape.out1())) {
                  push(shape.out1(), p.second());
                }
                want0 = false;
                want1 = false;
                wanting = 0;
              });
          setHandler(
              shape.out0(),
              new OutHandler() {
                @Override
                public void onPull() {
                  want0 = true;
                  maybePull();
                }

                @Override
                public void onDownstreamFinish(Throwable cause) {
                  if (isClosed(shape.out1())) {
                    cancelStage(cause);
                  } else {
                    maybePull();
                  }
                }
              });
          setHandler(
              shape.out1(),
              new OutHandler() {
                @Override
                public void onPull() {
                  want1 = true;
                  maybePull();
                }

                @Override
                public void onDownstreamFinish(Throwable cause) {
                  if (isClosed(shape.out0())) {
                    cancelStage(cause);
                  } else {
                    maybePull();
                  }
                }
              });
        }

        private void maybePull() {
          boolean ok0 = want0 || isClosed(shape.out0());
          boolean ok1 = want1 || isClosed(shape.out1());
          if (ok0 && ok1 && !hasBeenPulled(shape.in()) && !isClosed(shape.in())) {
            pull(shape.in());
          }
        }
      };
    }

    @Override
    public String toString() {
      return "Unzip";
    }
  }
}
