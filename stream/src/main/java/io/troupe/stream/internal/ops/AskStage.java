package io.troupe.stream.internal.ops;

import io.troupe.actor.ActorRef;
import io.troupe.actor.AskPattern;
import io.troupe.japi.function.Function2;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.WatchedActorTerminatedException;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Asks an actor for each element, up to {@code parallelism} asks at once, and emits the replies in
 * the order of the elements. A missing reply fails the stream with a timeout; the target's
 * termination fails it with {@link WatchedActorTerminatedException}. Internal API.
 */
public final class AskStage<I, Q, A> extends GraphStage<FlowShape<I, A>> {
  private final int parallelism;
  private final ActorRef<Q> ref;
  private final Duration timeout;
  private final Function2<I, ActorRef<A>, Q> makeMessage;
  private final Inlet<I> in = Inlet.create("ask.in");
  private final Outlet<A> out = Outlet.create("ask.out");
  private final FlowShape<I, A> shape = FlowShape.of(in, out);

  /** The stage; arguments are validated by the caller. */
  public AskStage(
      int parallelism, ActorRef<Q> ref, Duration timeout, Function2<I, ActorRef<A>, Q> makeMessage) {
    this.parallelism = parallelism;
    this.ref = ref;
    this.timeout = timeout;
    this.makeMessage = makeMessage;
  }

  @Override
  public FlowShape<I, A> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("ask");
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return new Logic();
  }

  private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
    private final ArrayDeque<CompletableFuture<A>> inFlight = new ArrayDeque<>();
    private final AsyncCallback<Object> replied = getAsyncCallback(x -> drain());
    private TargetWatch watch;

    @SuppressWarnings("this-escape")
    Logic() {
      super(shape);
      setHandlers(in, out, this);
    }

    @Override
    public void preStart() {
      watch =
          TargetWatch.start(
              materializer().system(),
              ref,
              getAsyncCallback(
                  r -> failStage(new WatchedActorTerminatedException("ask", ref))));
    }

    @Override
    public void onPush() {
      I element = grab(in);
      CompletableFuture<A> reply =
          AskPattern.<Q, A>ask(
                  ref,
                  replyTo -> makeMessage.apply(element, replyTo),
                  timeout,
                  materializer().system().scheduler())
              .toCompletableFuture();
      inFlight.add(reply);
      if (reply.isDone()) {
        drain();
      } else {
        reply.whenComplete((a, ex) -> replied.invoke(Boolean.TRUE));
        pullIfRoom();
      }
    }

    @Override
    public void onPull() {
      drain();
    }

    private void drain() {
      while (!inFlight.isEmpty() && inFlight.peek().isDone() && isAvailable(out)) {
        CompletableFuture<A> head = inFlight.poll();
        try {
          push(out, head.join());
        } catch (CompletionException e) {
          failStage(e.getCause() == null ? e : e.getCause());
          return;
        }
      }
      if (inFlight.isEmpty() && isClosed(in)) {
        completeStage();
        return;
      }
      pullIfRoom();
    }

    private void pullIfRoom() {
      if (inFlight.size() < parallelism && !isClosed(in) && !hasBeenPulled(in)) {
        pull(in);
      }
    }

    @Override
    public void onUpstreamFinish() {
      if (inFlight.isEmpty()) {
        completeStage();
      }
    }

    @Override
    public void postStop() {
      if (watch != null) {
        watch.stop();
      }
    }
  }
}
