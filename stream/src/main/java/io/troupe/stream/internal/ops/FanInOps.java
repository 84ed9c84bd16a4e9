package io.troupe.stream.internal.ops;

import io.troupe.japi.Pair;
import io.troupe.japi.function.Function2;
import io.troupe.stream.Attributes;
import io.troupe.stream.FanInShape2;
import io.troupe.stream.Inlet;
import io.troupe.stream.MergePreferred;
import io.troupe.stream.Outlet;
import io.troupe.stream.Shape;
import io.troupe.stream.UniformFanInShape;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;

/**
 * The fan-in stages of the structure operators: {@code orElse}, {@code interleave}, {@code
 * mergeSorted}, {@code mergePreferred}, {@code mergePrioritized}, {@code zipLatestWith} and
 * {@code zipAll}. Internal API; the public junction classes and the DSL give their contracts.
 */
public final class FanInOps {
  private FanInOps() {}

  /** The {@code MergePreferred} junction: the last inlet is preferred, the others served in arrival order. */
  public static <T> PriorityMerge<T, MergePreferred.MergePreferredShape<T>> preferred(
      int secondaryPorts, boolean eagerComplete) {
    StructOps.atLeastOne("secondaryPorts", secondaryPorts);
    MergePreferred.MergePreferredShape<T> shape =
        MergePreferred.MergePreferredShape.create(secondaryPorts, "mergePreferred");
    List<Inlet<T>> ins = new java.util.ArrayList<>(shape.getInlets());
    ins.add(shape.preferred());
    return new PriorityMerge<>("mergePreferred", shape, ins, shape.out(), null, eagerComplete);
  }

  /** The {@code MergePrioritized} junction over {@code priorities.length} inlets. */
  public static <T> PriorityMerge<T, UniformFanInShape<T, T>> prioritized(
      int[] priorities, boolean eagerComplete) {
    java.util.Objects.requireNonNull(priorities, "priorities");
    StructOps.atLeastOne("priorities.length", priorities.length);
    for (int i = 0; i < priorities.length; i++) {
      if (priorities[i] < 1) {
        throw new IllegalArgumentException(
            "priorities[" + i + "] must be > 0, was " + priorities[i]);
      }
    }
    UniformFanInShape<T, T> shape = UniformFanInShape.create("mergePrioritized", priorities.length);
    return new PriorityMerge<>(
        "mergePrioritized", shape, shape.getInlets(), shape.out(), priorities.clone(), eagerComplete);
  }

  /**
   * Emits the elements of its inputs as they arrive; when several are ready, either the preferred
   * inlet wins (no priorities; the others in arrival order) or the inlets share the output by
   * smooth weighted round-robin over their priorities.
   */
  public static final class PriorityMerge<T, S extends Shape> extends GraphStage<S> {
    private final String name;
    private final S shape;
    private final List<Inlet<T>> ins;
    private final Outlet<T> out;
    /** Null: the last inlet is preferred. */
    private final int[] priorities;
    private final boolean eagerComplete;

    PriorityMerge(
        String name, S shape, List<Inlet<T>> ins, Outlet<T> out, int[] priorities, boolean eagerComplete) {
      this.name = name;
      this.shape = shape;
      this.ins = List.copyOf(ins);
      this.out = out;
      this.priorities = priorities;
      this.eagerComplete = eagerComplete;
    }

    @Override
    public S shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name(name);
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      int n = ins.size();
      int preferred = n - 1;
      return new GraphStageLogic(shape) {
        /** The element taken from each inlet and not emitted yet, or null. */
        private final Object[] held = new Object[n];
        /** Arrival order of the held elements of the secondary inlets (preferred mode). */
        private final ArrayDeque<Integer> arrivals = new ArrayDeque<>();
        /** Smooth weighted round-robin credit per inlet (prioritized mode). */
        private final long[] credit = new long[n];
        private int heldCount;
        private int running = n;

        {
          for (int i = 0; i < n; i++) {
            final int idx = i;
            Inlet<T> in = ins.get(i);
            setHandler(
                in,
                new InHandler() {
                  @Override
                  public void onPush() {
                    held[idx] = grab(in);
                    heldCount++;
                    if (priorities == null && idx != preferred) {
                      arrivals.add(idx);
                    }
                    if (isAvailable(out)) {
                      emitOne();
                    }
                  }

                  @Override
                  public void onUpstreamFinish() {
                    running--;
                    if (eagerComplete) {
                      for (Inlet<T> other : ins) {
                        cancel(other);
                      }
                      running = 0;
                    }
                    if (running == 0 && heldCount == 0) {
                      completeStage();
                    }
                  }
                });
          }
          setHandler(out, this::emitOne);
        }

        @Override
        public void preStart() {
          for (Inlet<T> in : ins) {
            tryPull(in);
          }
        }

        @SuppressWarnings("unchecked")
        private void emitOne() {
          if (heldCount == 0) {
            return;
          }
          int k = choose();
          T t = (T) held[k];
          held[k] = null;
          heldCount--;
          push(out, t);
          Inlet<T> in = ins.get(k);
          if (!isClosed(in)) {
            tryPull(in);
          } else if (running == 0 && heldCount == 0) {
            completeStage();
          }
        }

        private int choose() {
          if (priorities == null) {
            if (held[preferred] != null) {
              return preferred;
            }
            return arrivals.poll();
          }
          long total = 0;
          int best = -1;
          for (int i = 0; i < n; i++) {
            if (held[i] != null) {
              credit[i] += priorities[i];
              total += priorities[i];
              if (best < 0 || credit[i] > credit[best]) {
                best = i;
              }
            }
          }
          credit[best] -= total;
          return best;
        }
      };
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Emits the primary input's elements; only if it completes empty, the secondary's. */
  public static final class OrElse<T> extends GraphStage<UniformFanInShape<T, T>> {
    private final UniformFanInShape<T, T> shape = UniformFanInShape.create("orElse", 2);

    @Override
    public UniformFanInShape<T, T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("orElse");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      Inlet<T> primary = shape.in(0);
      Inlet<T> secondary = shape.in(1);
      return new GraphStageLogic(shape) {
        private boolean primaryEmitted;
        private boolean secondaryActive;

        {
          setHandler(
              primary,
              new InHandler() {
                @Override
                public void onPush() {
                  if (!primaryEmitted) {
                    primaryEmitted = true;
                    cancel(secondary);
                  }
                  push(shape.out(), grab(primary));
                }

                @Override
                public void onUpstreamFinish() {
                  if (primaryEmitted || isClosed(secondary)) {
                    completeStage();
                  } else {
                    secondaryActive = true;
                    if (isAvailable(shape.out())) {
                      tryPull(secondary);
                    }
                  }
                }
              });
          setHandler(
              secondary,
              new InHandler() {
                @Override
                public void onPush() {
                  push(shape.out(), grab(secondary));
                }

                @Override
                public void onUpstreamFinish() {
                  if (secondaryActive) {
                    completeStage();
                  }
                }
              });
          setHandler(shape.out(), () -> tryPull(secondaryActive ? secondary : primary));
        }
      };
    }
  }

  /** Takes {@code segmentSize} elements from each open input in turn. */
  public static final class Interleave<T> extends GraphStage<UniformFanInShape<T, T>> {
    private final UniformFanInShape<T, T> shape;
    private final int segmentSize;
    private final boolean eagerClose;

    /** The stage; the arguments are checked by the callers. */
    public Interleave(int inputPorts, int segmentSize, boolean eagerClose) {
      StructOps.atLeastOne("inputPorts", inputPorts);
      StructOps.atLeastOne("segmentSize", segmentSize);
      this.shape = UniformFanInShape.create("interleave", inputPorts);
      this.segmentSize = segmentSize;
      this.eagerClose = eagerClose;
    }

    @Override
    public UniformFanInShape<T, T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("interleave");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      int n = shape.getInlets().size();
      return new GraphStageLogic(shape) {
        private int current;
        private int count;
        private int running = n;

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
                    if (++count == segmentSize) {
                      advance();
                    }
                  }

                  @Override
                  public void onUpstreamFinish() {
                    running--;
                    if (eagerClose || running == 0) {
                      completeStage();
                    } else if (idx == current) {
                      advance();
                      if (isAvailable(shape.out())) {
                        tryPull(shape.in(current));
                      }
                    }
                  }
                });
          }
          setHandler(shape.out(), () -> tryPull(shape.in(current)));
        }

        /** Moves to the next open input (there is one), starting a new segment. */
        private void advance() {
          count = 0;
          do {
            current = (current + 1) % n;
          } while (isClosed(shape.in(current)));
        }
      };
    }
  }

  /** Merges two sorted inputs into one sorted output. */
  public static final class MergeSorted<T> extends GraphStage<FanInShape2<T, T, T>> {
    private final FanInShape2<T, T, T> shape = FanInShape2.create("mergeSorted");
    private final Comparator<? super T> comparator;

    /** The stage. */
    public MergeSorted(Comparator<? super T> comparator) {
      this.comparator = java.util.Objects.requireNonNull(comparator, "comparator");
    }

    @Override
    public FanInShape2<T, T, T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("mergeSorted");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      Inlet<T> in0 = shape.in0();
      Inlet<T> in1 = shape.in1();
      return new GraphStageLogic(shape) {
        private T left;
        private T right;

        {
          setHandler(
              in0,
              new InHandler() {
                @Override
                public void onPush() {
                  left = grab(in0);
                  tryEmit();
                }

                @Override
                public void onUpstreamFinish() {
                  tryEmit();
                }
              });
          setHandler(
              in1,
              new InHandler() {
                @Override
                public void onPush() {
                  right = grab(in1);
                  tryEmit();
                }

                @Override
                public void onUpstreamFinish() {
                  tryEmit();
                }
              });
          setHandler(shape.out(), this::tryEmit);
        }

        @Override
        public void preStart() {
          tryPull(in0);
          tryPull(in1);
        }

        private void tryEmit() {
          boolean leftDone = left == null && isClosed(in0);
          boolean rightDone = right == null && isClosed(in1);
          if (leftDone && rightDone) {
            completeStage();
            return;
          }
          if (!isAvailable(shape.out())) {
            return;
          }
          boolean takeLeft;
          if (left != null && right != null) {
            takeLeft = comparator.compare(left, right) <= 0;
          } else if (left != null && rightDone) {
            takeLeft = true;
          } else if (right != null && leftDone) {
            takeLeft = false;
          } else {
            return; // waiting for an element to compare with
          }
          T t;
          if (takeLeft) {
            t = left;
            left = null;
            push(shape.out(), t);
            tryPull(in0);
          } else {
            t = right;
            right = null;
            push(shape.out(), t);
            tryPull(in1);
          }
          if (left == null && isClosed(in0) && right == null && isClosed(in1)) {
            completeStage();
          }
        }
      };
    }
  }

  /**
   * Combines the latest elements of two inputs each time either brings a new one, once both have
   * brought one.
   */
  public static final class ZipLatestWith<A, B, O> extends GraphStage<FanInShape2<A, B, O>> {
    private final FanInShape2<A, B, O> shape = FanInShape2.create("zipLatestWith");
    private final Function2<A, B, O> combine;
    private final boolean eagerComplete;

    /** The stage. */
    public ZipLatestWith(Function2<A, B, O> combine, boolean eagerComplete) {
      this.combine = java.util.Objects.requireNonNull(combine, "combine");
      this.eagerComplete = eagerComplete;
    }

    @Override
    public FanInShape2<A, B, O> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("zipLatestWith");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      Inlet<A> in0 = shape.in0();
      Inlet<B> in1 = shape.in1();
      return new GraphStageLogic(shape) {
        private A a;
        private B b;
        /** Whether an element arrived since the last emitted combination. */
        private boolean fresh;
        /** Complete once the fresh combination is emitted. */
        private boolean finishing;

        {
          setHandler(
              in0,
              new InHandler() {
                @Override
                public void onPush() throws Exception {
                  a = grab(in0);
                  fresh = true;
                  tryEmit();
                }

                @Override
                public void onUpstreamFinish() {
                  inputFinished(a == null);
                }
              });
          setHandler(
              in1,
              new InHandler() {
                @Override
                public void onPush() throws Exception {
                  b = grab(in1);
                  fresh = true;
                  tryEmit();
                }

                @Override
                public void onUpstreamFinish() {
                  inputFinished(b == null);
                }
              });
          setHandler(shape.out(), this::tryEmit);
        }

        @Override
        public void preStart() {
          tryPull(in0);
          tryPull(in1);
        }

        private void inputFinished(boolean neverEmitted) {
          if (neverEmitted) {
            completeStage(); // no combination can ever be made
          } else if (eagerComplete || (isClosed(in0) && isClosed(in1))) {
            if (fresh && a != null && b != null) {
              finishing = true;
            } else {
              completeStage();
            }
          }
        }

        private void tryEmit() throws Exception {
          if (!fresh || a == null || b == null || !isAvailable(shape.out())) {
            return;
          }
          O o = combine.apply(a, b);
          fresh = false;
          push(shape.out(), o);
          if (finishing) {
            completeStage();
            return;
          }
          tryPull(in0);
          tryPull(in1);
        }
      };
    }
  }

  /** Zips two inputs, padding the one that completed first with a fixed element. */
  public static final class ZipAll<A, B> extends GraphStage<FanInShape2<A, B, Pair<A, B>>> {
    private final FanInShape2<A, B, Pair<A, B>> shape = FanInShape2.create("zipAll");
    private final A padA;
    private final B padB;

    ZipAll(A padA, B padB) {
      this.padA = padA;
      this.padB = padB;
    }

    @Override
    public FanInShape2<A, B, Pair<A, B>> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("zipAll");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      Inlet<A> in0 = shape.in0();
      Inlet<B> in1 = shape.in1();
      return new GraphStageLogic(shape) {
        private A a;
        private B b;

        {
          setHandler(
              in0,
              new InHandler() {
                @Override
                public void onPush() {
                  a = grab(in0);
                  tryEmit();
                }

                @Override
                public void onUpstreamFinish() {
                  tryEmit();
                }
              });
          setHandler(
              in1,
              new InHandler() {
                @Override
                public void onPush() {
                  b = grab(in1);
                  tryEmit();
                }

                @Override
                public void onUpstreamFinish() {
                  tryEmit();
                }
              });
          setHandler(
              shape.out(),
              new OutHandler() {
                @Override
                public void onPull() {
                  if (a == null) {
                    tryPull(in0);
                  }
                  if (b == null) {
                    tryPull(in1);
                  }
                  tryEmit();
                }
              });
        }

        private void tryEmit() {
          boolean aDone = a == null && isClosed(in0);
          boolean bDone = b == null && isClosed(in1);
          if (aDone && bDone) {
            completeStage();
            return;
          }
          if (!isAvailable(shape.out()) || (a == null && !aDone) || (b == null && !bDone)) {
            return;
          }
          Pair<A, B> p = Pair.create(a != null ? a : padA, b != null ? b : padB);
          a = null;
          b = null;
          push(shape.out(), p);
          if (isClosed(in0) && isClosed(in1)) {
            completeStage();
          }
        }
      };
    }
  }
}
