package io.troupe.stream.internal.ops;

import io.troupe.japi.function.Function;
import io.troupe.stream.Attributes;
import io.troupe.stream.Inlet;
import io.troupe.stream.UniformFanInShape;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Fan-in junctions over any number of inputs that combine one element of several inputs:
 * {@code ZipWithN}, {@code MergeLatest} and {@code MergeSequence}. Internal API; the public
 * junction classes give their contracts.
 */
public final class CombineOps {
  private CombineOps() {}

  /** Combines one element of every input with {@code zipper}, the inputs' elements in order. */
  public static final class ZipWithN<A, O> extends GraphStage<UniformFanInShape<A, O>> {
    private final UniformFanInShape<A, O> shape;
    private final Function<List<A>, O> zipper;

    /** The stage; {@code n} must be positive. */
    public ZipWithN(Function<List<A>, O> zipper, int n) {
      StructOps.atLeastOne("n", n);
      this.zipper = Objects.requireNonNull(zipper, "zipper");
      this.shape = UniformFanInShape.create("zipWithN", n);
    }

    @Override
    public UniformFanInShape<A, O> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("zipWithN");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      List<Inlet<A>> ins = shape.getInlets();
      return new GraphStageLogic(shape) {
        // an input finished while its element waited: complete once that element is used
        private boolean willShutDown;

        {
          for (Inlet<A> in : ins) {
            setHandler(in, new InHandler() {
              @Override
              public void onPush() throws Exception {
                for (Inlet<A> other : ins) {
                  if (!isAvailable(other)) {
                    return;
                  }
                }
                List<A> elements = new ArrayList<>(ins.size());
                for (Inlet<A> other : ins) {
                  elements.add(grab(other));
                }
                push(shape.out(), zipper.apply(Collections.unmodifiableList(elements)));
                if (willShutDown) {
                  completeStage();
                }
              }

              @Override
              public void onUpstreamFinish() {
                if (isAvailable(in)) {
                  willShutDown = true;
                } else {
                  completeStage();
                }
              }
            });
          }
          setHandler(shape.out(), () -> {
            for (Inlet<A> in : ins) {
              if (!isAvailable(in) && !hasBeenPulled(in)) {
                pull(in);
              }
            }
          });
        }
      };
    }
  }

  /**
   * Once every input has emitted, emits the list of each input's latest element whenever an
   * input emits; an input is pulled again only after its element went downstream in a list.
   */
  public static final class MergeLatest<T> extends GraphStage<UniformFanInShape<T, List<T>>> {
    private final UniformFanInShape<T, List<T>> shape;
    private final boolean eagerComplete;

    /** The stage; {@code inputPorts} must be positive. */
    public MergeLatest(int inputPorts, boolean eagerComplete) {
      StructOps.atLeastOne("inputPorts", inputPorts);
      this.shape = UniformFanInShape.create("mergeLatest", inputPorts);
      this.eagerComplete = eagerComplete;
    }

    @Override
    public UniformFanInShape<T, List<T>> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("mergeLatest");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      List<Inlet<T>> ins = shape.getInlets();
      int n = ins.size();
      return new GraphStageLogic(shape) {
        private final Object[] latest = new Object[n];
        private final boolean[] waiting = new boolean[n]; // pushed, not yet sent downstream
        private int seen; // inputs that have emitted at least once
        private int finished;
        private boolean pending; // a list with a new element waits for downstream

        {
          for (int i = 0; i < n; i++) {
            final int idx = i;
            Inlet<T> in = ins.get(i);
            setHandler(in, new InHandler() {
              @Override
              public void onPush() {
                if (latest[idx] == null) {
                  seen++;
                }
                latest[idx] = grab(in);
                if (seen < n) {
                  pull(in); // keep only the latest until every input has one
                  return;
                }
                waiting[idx] = true;
                pending = true;
                if (isAvailable(shape.out())) {
                  emitLatest();
                }
              }

              @Override
              public void onUpstreamFinish() {
                finished++;
                if ((eagerComplete || finished == n) && !pending) {
                  completeStage();
                }
              }
            });
          }
          setHandler(shape.out(), () -> {
            if (pending) {
              emitLatest();
            }
          });
        }

        @Override
        public void preStart() {
          for (Inlet<T> in : ins) {
            pull(in);
          }
        }

        @SuppressWarnings("unchecked")
        private void emitLatest() {
          List<T> list = new ArrayList<>(n);
          for (Object o : latest) {
            list.add((T) o);
          }
          push(shape.out(), Collections.unmodifiableList(list));
          pending = false;
          if (eagerComplete ? finished > 0 : finished == n) {
            completeStage();
            return;
          }
          for (int i = 0; i < n; i++) {
            if (waiting[i]) {
              waiting[i] = false;
              if (!isClosed(ins.get(i))) {
                pull(ins.get(i));
              }
            }
          }
        }
      };
    }
  }

  /**
   * Emits the elements of its inputs in the order of their sequence numbers, starting at 0:
   * each input carries an ascending part of one sequence.
   */
  public static final class MergeSequence<T> extends GraphStage<UniformFanInShape<T, T>> {
    private final UniformFanInShape<T, T> shape;
    private final Function<T, Long> extractSequence;

    /** The stage; {@code inputCount} must be positive. */
    public MergeSequence(int inputCount, Function<T, Long> extractSequence) {
      StructOps.atLeastOne("inputCount", inputCount);
      this.extractSequence = Objects.requireNonNull(extractSequence, "extractSequence");
      this.shape = UniformFanInShape.create("mergeSequence", inputCount);
    }

    @Override
    public UniformFanInShape<T, T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("mergeSequence");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      List<Inlet<T>> ins = shape.getInlets();
      int n = ins.size();
      return new GraphStageLogic(shape) {
        private final Object[] held = new Object[n];
        private final long[] heldSequence = new long[n];
        private final long[] lastSequence = new long[n];
        private long next;

        {
          java.util.Arrays.fill(lastSequence, -1);
          for (int i = 0; i < n; i++) {
            final int idx = i;
            Inlet<T> in = ins.get(i);
            setHandler(in, new InHandler() {
              @Override
              public void onPush() throws Exception {
                T elem = grab(in);
                Long seq = extractSequence.apply(elem);
                if (seq == null) {
                  throw new NullPointerException("extractSequence returned null for " + elem);
                }
                if (seq < next || seq <= lastSequence[idx]) {
                  throw new IllegalStateException(
                      "MergeSequence: input " + idx + " emitted sequence number " + seq
                          + " after " + (seq < next ? "the merge passed it (next expected "
                          + next + ")" : "its own " + lastSequence[idx])
                          + ": a sequence number is repeated or an input is out of order");
                }
                lastSequence[idx] = seq;
                held[idx] = elem;
                heldSequence[idx] = seq;
                advance();
              }

              @Override
              public void onUpstreamFinish() {
                advance();
              }
            });
          }
          setHandler(shape.out(), this::advance);
        }

        @Override
        public void preStart() {
          for (Inlet<T> in : ins) {
            pull(in);
          }
        }

        /** Emits the next element if an input holds it; detects a gap and the end. */
        @SuppressWarnings("unchecked")
        private void advance() {
          boolean allDecided = true; // every input holds an element or has finished
          boolean anyHeld = false;
          for (int i = 0; i < n; i++) {
            if (held[i] != null) {
              anyHeld = true;
              if (heldSequence[i] == next) {
                if (isAvailable(shape.out())) {
                  T elem = (T) held[i];
                  held[i] = null;
                  next++;
                  push(shape.out(), elem);
                  if (isClosed(ins.get(i))) {
                    advance(); // nothing more comes from it: the end may have come
                  } else {
                    pull(ins.get(i));
                  }
                }
                return;
              }
            } else if (!isClosed(ins.get(i))) {
              allDecided = false;
            }
          }
          if (!allDecided) {
            return;
          }
          if (!anyHeld) {
            completeStage();
          } else {
            long smallest = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
              if (held[i] != null) {
                smallest = Math.min(smallest, heldSequence[i]);
              }
            }
            failStage(new IllegalStateException(
                "MergeSequence: expected sequence number " + next + ", but every input either"
                    + " finished or holds a later one (the smallest held is " + smallest
                    + "): the sequence has a gap"));
          }
        }
      };
    }
  }
}
