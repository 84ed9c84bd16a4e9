package io.troupe.stream;

import io.troupe.japi.Pair;
import io.troupe.stream.internal.ops.BidiOps;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.Objects;

/**
 * Factories of kill switches: flows that pass elements until their switch ends the stream from
 * outside.
 *
 * <pre>{@code
 * Pair<UniqueKillSwitch, CompletionStage<Done>> p =
 *     Source.tick(Duration.ZERO, Duration.ofSeconds(1), "tick")
 *         .viaMat(KillSwitches.single(), Keep.right())
 *         .toMat(Sink.foreach(System.out::println), Keep.both())
 *         .run(system);
 * p.first().shutdown();
 * }</pre>
 */
public final class KillSwitches {
  private KillSwitches() {}

  static final Object SHUTDOWN = new Object();

  /**
   * A flow that materializes a {@link UniqueKillSwitch} controlling that one stream.
   *
   * <p>Emits when upstream emits; backpressures when downstream backpressures; completes when
   * upstream completes or the switch is shut down; fails when upstream fails or the switch is
   * aborted; cancels when downstream cancels or the switch is triggered.
   */
  public static <T> Flow<T, T, UniqueKillSwitch> single() {
    return Flow.fromGraph(new UniqueStage<T>());
  }

  /**
   * A bidi flow that materializes a {@link UniqueKillSwitch} controlling both of its directions:
   * {@code shutdown()} completes both outputs and cancels both inputs, {@code abort(ex)} fails
   * both outputs with {@code ex} and cancels both inputs.
   *
   * <p>Until the switch is used the two directions are independent. In each: emits when its
   * upstream emits; backpressures when its downstream backpressures; completes when its upstream
   * completes or the switch is shut down; fails when its upstream fails or the switch is aborted;
   * cancels when its downstream cancels or the switch is triggered.
   */
  public static <T1, T2> BidiFlow<T1, T1, T2, T2, UniqueKillSwitch> singleBidi() {
    return BidiFlow.fromGraph(new UniqueBidiStage<T1, T2>());
  }

  /** A switch for any number of streams, each adding its {@link SharedKillSwitch#flow()}. */
  public static SharedKillSwitch shared(String name) {
    Objects.requireNonNull(name, "name");
    return new SharedKillSwitch(name);
  }

  private abstract static class SwitchLogic<T> extends GraphStageLogic
      implements InHandler, OutHandler {
    final Inlet<T> in;
    final Outlet<T> out;
    final AsyncCallback<Object> trigger = getAsyncCallback(this::onTrigger);

    @SuppressWarnings("this-escape")
    SwitchLogic(FlowShape<T, T> shape) {
      super(shape);
      this.in = shape.in();
      this.out = shape.out();
      setHandlers(in, out, this);
    }

    final void onTrigger(Object how) {
      if (how instanceof Throwable ex) {
        failStage(ex);
      } else {
        completeStage();
      }
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

  static final class UniqueStage<T>
      extends GraphStageWithMaterializedValue<FlowShape<T, T>, UniqueKillSwitch> {
    private final FlowShape<T, T> shape =
        FlowShape.of(Inlet.<T>create("killSwitch.in"), Outlet.<T>create("killSwitch.out"));

    @Override
    public FlowShape<T, T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("killSwitch");
    }

    @Override
    public Pair<GraphStageLogic, UniqueKillSwitch> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      SwitchLogic<T> logic = new SwitchLogic<T>(shape) {};
      return Pair.create(logic, new UniqueKillSwitch(logic.trigger));
    }
  }

  static final class UniqueBidiStage<T1, T2>
      extends GraphStageWithMaterializedValue<BidiShape<T1, T1, T2, T2>, UniqueKillSwitch> {
    private final BidiShape<T1, T1, T2, T2> shape =
        BidiShape.of(
            Inlet.<T1>create("bidiKillSwitch.in1"),
            Outlet.<T1>create("bidiKillSwitch.out1"),
            Inlet.<T2>create("bidiKillSwitch.in2"),
            Outlet.<T2>create("bidiKillSwitch.out2"));

    @Override
    public BidiShape<T1, T1, T2, T2> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("bidiKillSwitch");
    }

    @Override
    public Pair<GraphStageLogic, UniqueKillSwitch> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      BidiSwitchLogic<T1, T2> logic = new BidiSwitchLogic<>(shape);
      return Pair.create(logic, new UniqueKillSwitch(logic.trigger));
    }
  }

  /** Passes both directions through independently until the switch ends the whole stage. */
  private static final class BidiSwitchLogic<T1, T2> extends GraphStageLogic {
    final AsyncCallback<Object> trigger = getAsyncCallback(this::onTrigger);

    @SuppressWarnings("this-escape")
    BidiSwitchLogic(BidiShape<T1, T1, T2, T2> shape) {
      super(shape);
      BidiOps.passAlong(this, shape.in1(), shape.out1(), () -> {});
      BidiOps.passAlong(this, shape.in2(), shape.out2(), () -> {});
    }

    private void onTrigger(Object how) {
      if (how instanceof Throwable ex) {
        failStage(ex);
      } else {
        completeStage();
      }
    }
  }

  static final class SharedStage<T>
      extends GraphStageWithMaterializedValue<FlowShape<T, T>, SharedKillSwitch> {
    private final SharedKillSwitch killSwitch;
    private final FlowShape<T, T> shape =
        FlowShape.of(
            Inlet.<T>create("sharedKillSwitch.in"), Outlet.<T>create("sharedKillSwitch.out"));

    SharedStage(SharedKillSwitch killSwitch) {
      this.killSwitch = killSwitch;
    }

    @Override
    public FlowShape<T, T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("sharedKillSwitch");
    }

    @Override
    public Pair<GraphStageLogic, SharedKillSwitch> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      SwitchLogic<T> logic =
          new SwitchLogic<T>(shape) {
            @Override
            public void preStart() {
              Object fired = killSwitch.register(trigger);
              if (fired != null) {
                onTrigger(fired);
              }
            }

            @Override
            public void postStop() {
              killSwitch.unregister(trigger);
            }
          };
      return Pair.create(logic, killSwitch);
    }
  }
}
