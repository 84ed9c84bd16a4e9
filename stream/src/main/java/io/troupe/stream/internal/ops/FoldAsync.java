package io.troupe.stream.internal.ops;

import io.troupe.japi.Pair;
import io.troupe.japi.function.Function2;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * {@code foldAsync(zero, f)}: folds with an asynchronous function, one element at a time, and
 * emits the result when upstream completes. Internal API; {@code Source.foldAsync} gives the
 * contract.
 */
public final class FoldAsync<T, U> extends GraphStage<FlowShape<T, U>> {
  private final U zero;
  private final Function2<U, T, CompletionStage<U>> f;
  private final Inlet<T> in = Inlet.create("foldAsync.in");
  private final Outlet<U> out = Outlet.create("foldAsync.out");
  private final FlowShape<T, U> shape = FlowShape.of(in, out);

  /** The stage; {@code zero} must not be null. */
  public FoldAsync(U zero, Function2<U, T, CompletionStage<U>> f) {
    this.zero = Objects.requireNonNull(zero, "zero");
    this.f = Objects.requireNonNull(f, "f");
  }

  @Override
  public FlowShape<T, U> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("foldAsync");
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return new GraphStageLogic(shape) {
      private U acc = zero;
      private boolean awaiting;
      private final AsyncCallback<Pair<U, Throwable>> done = getAsyncCallback(this::onResult);

      {
        setHandler(in, new InHandler() {
          @Override
          public void onPush() throws Exception {
            T element = grab(in);
            CompletionStage<U> next = f.apply(acc, element);
            if (next == null) {
              throw new NullPointerException("foldAsync function returned null for " + element);
            }
            awaiting = true;
            next.whenComplete((u, ex) -> done.invoke(Pair.create(u, ex)));
          }

          @Override
          public void onUpstreamFinish() {
            if (!awaiting) {
              emit(out, acc, () -> completeStage());
            }
          }
        });
        setHandler(out, new OutHandler() {
          @Override
          public void onPull() {
            // the one element goes out at the end, through emit
          }
        });
      }

      @Override
      public void preStart() {
        pull(in);
      }

      private void onResult(Pair<U, Throwable> result) {
        awaiting = false;
        Throwable ex = result.second();
        if (ex != null) {
          failStage(ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null
              ? ex.getCause() : ex);
          return;
        }
        if (result.first() == null) {
          failStage(new NullPointerException("foldAsync future completed with null"));
          return;
        }
        acc = result.first();
        if (isClosed(in)) {
          emit(out, acc, () -> completeStage());
        } else {
          pull(in);
        }
      }
    };
  }
}
