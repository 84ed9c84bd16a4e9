package io.troupe.stream.internal.io;

import io.troupe.japi.function.Creator;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Procedure;
import io.troupe.stream.Attributes;
import io.troupe.stream.Outlet;
import io.troupe.stream.SourceShape;
import io.troupe.stream.Supervision;
import io.troupe.stream.internal.Linear;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.OutHandler;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Source.unfoldResource(create, read, close)}: opens a resource when the stream starts,
 * reads an element from it per pull until {@code read} answers empty, and closes it exactly once
 * (at the end, on cancellation, on failure, and before a supervised restart opens a new one). It
 * blocks, so it runs on the blocking dispatcher. Internal API.
 */
public final class UnfoldResourceSource<S, T> extends GraphStage<SourceShape<T>> {
  private final Outlet<T> out = Outlet.create("unfoldResource.out");
  private final SourceShape<T> shape = SourceShape.of(out);
  private final Creator<S> create;
  private final Function<S, Optional<T>> read;
  private final Procedure<S> close;

  /** The stage. */
  public UnfoldResourceSource(
      Creator<S> create, Function<S, Optional<T>> read, Procedure<S> close) {
    this.create = Objects.requireNonNull(create, "create");
    this.read = Objects.requireNonNull(read, "read");
    this.close = Objects.requireNonNull(close, "close");
  }

  @Override
  public SourceShape<T> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return BlockingIo.blockingStage("unfoldResource");
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return new GraphStageLogic(shape) {
      private S resource;
      private boolean open;

      {
        setHandler(out, new OutHandler() {
          @Override
          public void onPull() throws Exception {
            next();
          }

          @Override
          public void onDownstreamFinish(Throwable cause) throws Exception {
            closeResource();
            cancelStage(cause);
          }
        });
      }

      @Override
      public void preStart() throws Exception {
        openResource();
      }

      private void openResource() throws Exception {
        resource = Objects.requireNonNull(create.create(), "create returned null");
        open = true;
      }

      private void next() throws Exception {
        while (true) {
          Optional<T> element;
          try {
            element = Objects.requireNonNull(read.apply(resource), "read returned null");
          } catch (Exception ex) {
            Supervision.Directive d = Linear.decide(attrs, ex);
            if (d == Supervision.Directive.RESUME) {
              continue; // skip what failed, read on
            }
            if (d == Supervision.Directive.RESTART) {
              closeResource();
              openResource();
              continue;
            }
            closeQuietly(ex);
            failStage(ex);
            return;
          }
          if (element.isPresent()) {
            push(out, element.get());
          } else {
            closeResource();
            completeStage();
          }
          return;
        }
      }

      private void closeResource() throws Exception {
        if (open) {
          open = false;
          close.apply(resource);
        }
      }

      private void closeQuietly(Throwable failure) {
        try {
          closeResource();
        } catch (Exception e) {
          failure.addSuppressed(e);
        }
      }

      @Override
      public void postStop() {
        // stopped some other way (the system shut down, an abrupt termination): close anyway
        try {
          closeResource();
        } catch (Exception e) {
          org.slf4j.LoggerFactory.getLogger(UnfoldResourceSource.class)
              .warn("closing the resource of a stopped unfoldResource failed", e);
        }
      }
    };
  }
}
