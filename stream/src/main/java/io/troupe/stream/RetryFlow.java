package io.troupe.stream;

import io.troupe.japi.Pair;
import io.troupe.japi.function.Function2;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A flow that sends each element through an inner flow and, when a decision function asks for
 * it, sends a replacement element through again after an exponential backoff: for retrying
 * individual requests (an HTTP call, a database write) inside a stream.
 *
 * <p>One element is inside the inner flow at a time: the next element from upstream goes in only
 * once the current one is done, that is its result was accepted or {@code maxRetries} retries were
 * used up (the last result is then emitted even if it asked for another retry). The inner flow
 * must emit exactly one element per element it receives, in order (Pekko's contract). A flow that
 * emits an element while none is in progress fails this flow with an {@link IllegalStateException};
 * a flow that completes while an element is in progress fails it the same way; a flow that drops
 * an element (filters, batches) leaves this flow waiting for that element's result forever. If the
 * inner flow cancels its input while an element is in progress, that element's result is emitted
 * even if a retry was asked for, and this flow then completes.
 *
 * <p><b>Emits when</b> the inner flow emitted a result for the current element and {@code
 * decideRetry} returned an empty {@code Optional}, or no retries are left. <b>Backpressures
 * when</b> downstream backpressures, or an element is in progress (inside the inner flow or
 * waiting for its backoff). <b>Completes when</b> upstream completed and the last element is
 * done, or the inner flow completes with no element in progress. <b>Fails when</b> upstream or
 * the inner flow fails, or {@code decideRetry} throws. <b>Cancels when</b> downstream cancels.
 *
 * <p>{@link #withBackoffAndContext} does the same for a {@link FlowWithContext}: the decision
 * sees the (element, context) pair and may retry with another context.
 */
public final class RetryFlow {
  private RetryFlow() {}

  /**
   * Wraps {@code flow} so that each of its results is passed, with the element that produced it,
   * to {@code decideRetry}: an empty answer emits the result, {@code Optional.of(next)} sends
   * {@code next} through {@code flow} after a delay of {@code minBackoff * 2^retry} (capped at
   * {@code maxBackoff}, stretched at random by up to {@code randomFactor}), at most {@code
   * maxRetries} times per upstream element. The materialized value is {@code flow}'s.
   *
   * <pre>{@code
   * Flow<Request, Response, NotUsed> withRetries =
   *     RetryFlow.withBackoff(
   *         Duration.ofMillis(100), Duration.ofSeconds(5), 0.2, 3, api.flow(),
   *         (request, response) -> response.isTransientError() ? Optional.of(request) : Optional.empty());
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code minBackoff} is negative, {@code maxBackoff <
   *     minBackoff}, {@code randomFactor} is negative, or {@code maxRetries} is negative
   */
  public static <In, Out, Mat> Flow<In, Out, Mat> withBackoff(
      Duration minBackoff,
      Duration maxBackoff,
      double randomFactor,
      int maxRetries,
      Flow<In, Out, Mat> flow,
      Function2<In, Out, Optional<In>> decideRetry) {
    Objects.requireNonNull(minBackoff, "minBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(decideRetry, "decideRetry");
    if (minBackoff.isNegative()) {
      throw new IllegalArgumentException("RetryFlow: minBackoff must be >= 0, was " + minBackoff);
    }
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException(
          "RetryFlow: maxBackoff must be >= minBackoff (" + minBackoff + "), was " + maxBackoff);
    }
    if (!(randomFactor >= 0.0) || Double.isInfinite(randomFactor)) {
      throw new IllegalArgumentException("RetryFlow: randomFactor must be >= 0, was " + randomFactor);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("RetryFlow: maxRetries must be >= 0, was " + maxRetries);
    }
    Coordinator<In, Out> coordinator =
        new Coordinator<>(minBackoff, maxBackoff, randomFactor, maxRetries, decideRetry);
    return Flow.fromGraph(
        GraphDSL.create(
            flow,
            (b, inner) -> {
              CoordinatorShape<In, Out> c = b.add(coordinator);
              b.connect(c.toFlow, inner.in());
              b.connect(inner.out(), c.fromFlow);
              return FlowShape.of(c.in, c.out);
            }));
  }

  /**
   * {@link #withBackoff} for a flow whose elements carry a context: {@code decideRetry} gets the
   * (element, context) pair that went in and the one that came out, and answers with the pair to
   * send through again, or empty to emit the result. The materialized value is {@code flow}'s.
   *
   * @throws IllegalArgumentException as {@link #withBackoff}
   */
  public static <In, InCtx, Out, OutCtx, Mat>
      FlowWithContext<In, InCtx, Out, OutCtx, Mat> withBackoffAndContext(
          Duration minBackoff,
          Duration maxBackoff,
          double randomFactor,
          int maxRetries,
          FlowWithContext<In, InCtx, Out, OutCtx, Mat> flow,
          Function2<Pair<In, InCtx>, Pair<Out, OutCtx>, Optional<Pair<In, InCtx>>> decideRetry) {
    Objects.requireNonNull(flow, "flow");
    return FlowWithContext.fromPairs(
        withBackoff(minBackoff, maxBackoff, randomFactor, maxRetries, flow.asFlow(), decideRetry));
  }

  /** The coordinator's ports: the outer flow's {@code in}/{@code out} and the loop through the inner flow. */
  private static final class CoordinatorShape<In, Out> extends Shape {
    final Inlet<In> in;
    final Outlet<In> toFlow;
    final Inlet<Out> fromFlow;
    final Outlet<Out> out;

    CoordinatorShape(Inlet<In> in, Outlet<In> toFlow, Inlet<Out> fromFlow, Outlet<Out> out) {
      this.in = in;
      this.toFlow = toFlow;
      this.fromFlow = fromFlow;
      this.out = out;
    }

    @Override
    public List<Inlet<?>> inlets() {
      return List.of(in, fromFlow);
    }

    @Override
    public List<Outlet<?>> outlets() {
      return List.of(toFlow, out);
    }

    @Override
    public CoordinatorShape<In, Out> deepCopy() {
      return new CoordinatorShape<>(in.carbonCopy(), toFlow.carbonCopy(), fromFlow.carbonCopy(), out.carbonCopy());
    }
  }

  /*
   *            in (upstream)
   *             |
   *   +----> toFlow ----> inner flow ----> fromFlow --+
   *   |                                                |
   *   +---- (backoff) <---- yes -- decideRetry? -- no -+--> out (downstream)
   */
  private static final class Coordinator<In, Out> extends GraphStage<CoordinatorShape<In, Out>> {
    private static final Object RETRY = "retry";
    private final CoordinatorShape<In, Out> shape =
        new CoordinatorShape<>(
            Inlet.create("retryFlow.in"),
            Outlet.create("retryFlow.toFlow"),
            Inlet.create("retryFlow.fromFlow"),
            Outlet.create("retryFlow.out"));
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final double randomFactor;
    private final int maxRetries;
    private final Function2<In, Out, Optional<In>> decideRetry;

    Coordinator(
        Duration minBackoff,
        Duration maxBackoff,
        double randomFactor,
        int maxRetries,
        Function2<In, Out, Optional<In>> decideRetry) {
      this.minBackoff = minBackoff;
      this.maxBackoff = maxBackoff;
      this.randomFactor = randomFactor;
      this.maxRetries = maxRetries;
      this.decideRetry = decideRetry;
    }

    @Override
    public CoordinatorShape<In, Out> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("retryFlow");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends TimerGraphStageLogic {
      private final Inlet<In> in = shape.in;
      private final Outlet<In> toFlow = shape.toFlow;
      private final Inlet<Out> fromFlow = shape.fromFlow;
      private final Outlet<Out> out = shape.out;
      /** The element inside the inner flow or waiting for its retry; null when none. */
      private In inProgress;
      private int retries;
      /** The backoff elapsed but the inner flow had not pulled yet. */
      private boolean retryDue;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape);
        setHandler(
            in,
            new InHandler() {
              @Override
              public void onPush() {
                In element = grab(in);
                inProgress = element;
                retries = 0;
                push(toFlow, element);
              }

              @Override
              public void onUpstreamFinish() {
                if (inProgress == null) {
                  completeStage();
                }
              }
            });
        setHandler(
            toFlow,
            new OutHandler() {
              @Override
              public void onPull() {
                if (retryDue) {
                  retryDue = false;
                  push(toFlow, inProgress);
                } else if (inProgress == null && !hasBeenPulled(in) && !isClosed(in)) {
                  pull(in);
                }
              }

              @Override
              public void onDownstreamFinish(Throwable cause) {
                // with an element in progress, its result may still come out; no retry can go in
                if (inProgress == null || RestartTracker.isFailure(cause)) {
                  cancelStage(cause);
                }
              }
            });
        setHandler(
            fromFlow,
            new InHandler() {
              @Override
              public void onPush() throws Exception {
                Out result = grab(fromFlow);
                if (inProgress == null) {
                  throw new IllegalStateException(
                      "RetryFlow: the inner flow emitted " + result
                          + " with no element in progress; it must emit exactly one element per element it receives");
                }
                if (retries >= maxRetries || isClosed(toFlow)) {
                  emit(result);
                  return;
                }
                Optional<In> next = decideRetry.apply(inProgress, result);
                if (next == null) {
                  throw new NullPointerException("RetryFlow: decideRetry returned null instead of an Optional");
                }
                if (next.isEmpty()) {
                  emit(result);
                } else {
                  planRetry(next.get());
                }
              }

              @Override
              public void onUpstreamFinish() {
                if (inProgress != null) {
                  failStage(
                      new IllegalStateException(
                          "RetryFlow: the inner flow completed while element " + inProgress
                              + " was in progress; it must emit exactly one element per element it receives"));
                } else {
                  completeStage();
                }
              }
            });
        setHandler(
            out,
            new OutHandler() {
              @Override
              public void onPull() {
                if (!hasBeenPulled(fromFlow) && !isClosed(fromFlow)) {
                  pull(fromFlow);
                }
              }
            });
      }

      private void emit(Out result) {
        inProgress = null;
        push(out, result);
        if (isClosed(in) || isClosed(toFlow)) {
          completeStage();
        } else if (isAvailable(toFlow) && !hasBeenPulled(in)) {
          pull(in);
        }
      }

      private void planRetry(In next) {
        Duration delay =
            RestartSettings.backoff(
                retries, minBackoff, maxBackoff, randomFactor, ThreadLocalRandom.current().nextDouble());
        inProgress = next;
        retries++;
        pull(fromFlow); // downstream's demand is still open: the retry's result answers it
        scheduleOnce(RETRY, delay);
      }

      @Override
      protected void onTimer(Object key) {
        if (isAvailable(toFlow)) {
          push(toFlow, inProgress);
        } else {
          retryDue = true;
        }
      }
    }
  }
}
