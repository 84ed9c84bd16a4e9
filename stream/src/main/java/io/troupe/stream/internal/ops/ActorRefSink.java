package io.troupe.stream.internal.ops;

import io.troupe.actor.ActorRef;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.Attributes;
import io.troupe.stream.Inlet;
import io.troupe.stream.SinkShape;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;

/**
 * Sinks that send the stream's elements to an actor: without backpressure ({@link ActorRefSink}
 * requests the next element at once), or with acknowledgements ({@link WithBackpressure}). Both
 * cancel the stream when the target actor stops. Internal API.
 */
public final class ActorRefSink<T> extends GraphStage<SinkShape<T>> {
  private final ActorRef<T> ref;
  private final T onCompleteMessage;
  private final Function<Throwable, T> onFailureMessage;
  private final Inlet<T> in = Inlet.create("actorRefSink.in");
  private final SinkShape<T> shape = SinkShape.of(in);

  /** The stage; arguments are validated by the caller. */
  public ActorRefSink(ActorRef<T> ref, T onCompleteMessage, Function<Throwable, T> onFailureMessage) {
    this.ref = ref;
    this.onCompleteMessage = onCompleteMessage;
    this.onFailureMessage = onFailureMessage;
  }

  @Override
  public SinkShape<T> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("actorRefSink");
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return new Logic();
  }

  private final class Logic extends GraphStageLogic implements InHandler {
    private TargetWatch watch;

    @SuppressWarnings("this-escape")
    Logic() {
      super(shape);
      setHandler(in, this);
    }

    @Override
    public void preStart() {
      watch =
          TargetWatch.start(
              materializer().system(), ref, getAsyncCallback(r -> cancelStage(noMoreElementsNeeded())));
      pull(in);
    }

    @Override
    public void onPush() {
      ref.tell(grab(in));
      pull(in);
    }

    @Override
    public void onUpstreamFinish() {
      ref.tell(onCompleteMessage);
      completeStage();
    }

    @Override
    public void onUpstreamFailure(Throwable ex) throws Exception {
      ref.tell(onFailureMessage.apply(ex));
      failStage(ex);
    }

    @Override
    public void postStop() {
      if (watch != null) {
        watch.stop();
      }
    }
  }

  /**
   * Sends an init message, then each element wrapped by an adapter, waiting for an
   * acknowledgement on the stage's own ref after each (and after the init message).
   */
  public static final class WithBackpressure<T, M, A> extends GraphStage<SinkShape<T>> {
    private final ActorRef<M> ref;
    private final Function2<ActorRef<A>, T, M> messageAdapter;
    private final Function<ActorRef<A>, M> onInitMessage;
    private final A ackMessage;
    private final M onCompleteMessage;
    private final Function<Throwable, M> onFailureMessage;
    private final Inlet<T> in = Inlet.create("actorRefSinkWithBackpressure.in");
    private final SinkShape<T> shape = SinkShape.of(in);

    /** The stage; a null {@code ackMessage} accepts any message as acknowledgement. */
    public WithBackpressure(
        ActorRef<M> ref,
        Function2<ActorRef<A>, T, M> messageAdapter,
        Function<ActorRef<A>, M> onInitMessage,
        A ackMessage,
        M onCompleteMessage,
        Function<Throwable, M> onFailureMessage) {
      this.ref = ref;
      this.messageAdapter = messageAdapter;
      this.onInitMessage = onInitMessage;
      this.ackMessage = ackMessage;
      this.onCompleteMessage = onCompleteMessage;
      this.onFailureMessage = onFailureMessage;
    }

    @Override
    public SinkShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("actorRefSinkWithBackpressure");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new BpLogic();
    }

    private final class BpLogic extends GraphStageLogic implements InHandler {
      private final StageRef<A> ackRef =
          new StageRef<>(this, "actorRefSinkAck", getAsyncCallback(this::onAck));
      private TargetWatch watch;
      private boolean awaitingAck = true;
      private boolean upstreamDone;

      @SuppressWarnings("this-escape")
      BpLogic() {
        super(shape);
        setHandler(in, this);
      }

      @Override
      public void preStart() throws Exception {
        setKeepGoing(true);
        watch =
            TargetWatch.start(
                materializer().system(), ref, getAsyncCallback(r -> stop(null)));
        ref.tell(onInitMessage.apply(ackRef));
      }

      private void onAck(A message) {
        if (ackMessage != null && !ackMessage.equals(message)) {
          stop(
              new IllegalStateException(
                  "expected the acknowledgement " + ackMessage + " but received " + message));
          return;
        }
        awaitingAck = false;
        if (upstreamDone) {
          ref.tell(onCompleteMessage);
          stop(null);
        } else {
          tryPull(in);
        }
      }

      @Override
      public void onPush() throws Exception {
        awaitingAck = true;
        ref.tell(messageAdapter.apply(ackRef, grab(in)));
      }

      @Override
      public void onUpstreamFinish() {
        upstreamDone = true;
        if (!awaitingAck) {
          ref.tell(onCompleteMessage);
          stop(null);
        }
      }

      @Override
      public void onUpstreamFailure(Throwable ex) throws Exception {
        ref.tell(onFailureMessage.apply(ex));
        stop(ex);
      }

      private void stop(Throwable failure) {
        setKeepGoing(false);
        if (failure == null) {
          completeStage();
        } else {
          failStage(failure);
        }
      }

      @Override
      public void postStop() {
        ackRef.stopped();
        if (watch != null) {
          watch.stop();
        }
      }
    }
  }
}
