package io.troupe.stream.internal;

import io.troupe.japi.function.Function;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The window of {@code grouped}, {@code groupedWithin} and {@code groupedWeightedWithin}: the list
 * being collected, its weight, the element that did not fit and starts the next list, and whether
 * the list is due. Internal API.
 *
 * <p>It is a class of its own because three logics run the same window: the unfused stages and a
 * fused run of steps that ends in a window (both {@link FlowLogic}, the unfused ones with no
 * steps), and a {@link FusedSource} that fills the window from its iterator in a loop, so that an
 * element crosses no port between the source and the window (see {@link Fusion}). The window
 * decides when a list goes out and when the stage completes; its logic only tells it whether
 * upstream is done and how to ask it for more ({@link Host}).
 *
 * <p>A timed window ({@code groupedWithin}, {@code groupedWeightedWithin}) emits a non-empty list
 * when the interval passed since the last one, at once if downstream waits, else at its next pull;
 * the interval starts again with each list. In a flow it asks upstream for elements from the start
 * and again right after each list, so the next list fills while downstream is busy, and it stops
 * asking while a due list waits for demand. An untimed window ({@code grouped}) asks only when
 * downstream pulls and emits immutable copies, as {@code grouped} always did. Either way upstream's
 * completion emits the last partial list, then completes.
 */
public final class GroupWindow {
  /** The key of the interval timer. */
  private static final String TIMER = "window";

  /** A stage that collects its elements in a window: it can end a fused run. */
  public interface Windowed {
    /** What the window collects. */
    Spec window();
  }

  /**
   * What a window collects: lists of at most {@code maxNumber} elements whose summed cost (by
   * {@code costFn}, or none) is at most {@code maxWeight}, emitted at the latest every {@code
   * interval} ({@code null}: only when full).
   */
  public record Spec(int maxNumber, long maxWeight, Function<Object, Long> costFn, Duration interval) {
    /** {@code grouped(n)}. */
    public static Spec grouped(int n) {
      return new Spec(n, Long.MAX_VALUE, null, null);
    }

    /** {@code groupedWeightedWithin}; {@code groupedWithin} has a {@code null} cost function. */
    @SuppressWarnings("unchecked")
    public static Spec within(
        long maxWeight, int maxNumber, Function<?, Long> costFn, Duration interval) {
      return new Spec(maxNumber, maxWeight, (Function<Object, Long>) costFn, interval);
    }
  }

  /** What only the logic running a window knows: its upstream. */
  interface Host {
    /** Upstream has no more elements. */
    boolean upstreamDone();

    /** A timed window sent a list and the next is not due: ask upstream for more if not asked. */
    void requestMore();
  }

  private final int maxNumber;
  private final long maxWeight;
  private final Function<Object, Long> costFn;
  private final Duration interval;
  private final TimerGraphStageLogic logic;
  private final Outlet<Object> out;
  private final Host host;
  private List<Object> group = new ArrayList<>();
  private long weight;
  /** The element that did not fit into the group: it starts the next one. */
  private Object pending;
  private long pendingWeight;
  /** The group is full, or the interval passed with a non-empty group, or upstream finished. */
  private boolean due;

  GroupWindow(Spec spec, TimerGraphStageLogic logic, Outlet<Object> out, Host host) {
    this.maxNumber = spec.maxNumber();
    this.maxWeight = spec.maxWeight();
    this.costFn = spec.costFn();
    this.interval = spec.interval();
    this.logic = logic;
    this.out = out;
    this.host = host;
  }

  /** The unfused logic of a window stage of shape {@code shape}. */
  public static GraphStageLogic logic(FlowShape<?, ?> shape, Spec spec) {
    return new FlowLogic(shape, spec, Fusion.Steps.NONE, Attributes.none());
  }

  /** Whether the window has an interval. */
  boolean timed() {
    return interval != null;
  }

  /** Starts the interval of a timed window; nothing for an untimed one. */
  void start() {
    if (interval != null) {
      logic.scheduleWithFixedDelay(TIMER, interval, interval);
    }
  }

  /**
   * Adds {@code e} to the group, or keeps it for the next group when it would push this one past
   * the maximum weight; answers whether the group is due now.
   *
   * @throws Exception what the cost function threw, or an {@link IllegalArgumentException} for a
   *     cost that is {@code null} or negative: it fails the stage
   */
  boolean add(Object e) throws Exception {
    long cost = 0;
    if (costFn != null) {
      Long c = costFn.apply(e);
      if (c == null || c < 0) {
        throw new IllegalArgumentException(
            "groupedWeightedWithin: the cost function returned " + c + " for " + e
                + "; costs must be >= 0");
      }
      cost = c;
    }
    if (!group.isEmpty() && weight + cost > maxWeight) {
      pending = e;
      pendingWeight = cost;
      due = true;
    } else {
      put(e, cost);
    }
    return due;
  }

  private void put(Object e, long cost) {
    group.add(e);
    weight += cost;
    if (group.size() >= maxNumber || weight >= maxWeight) {
      due = true;
    }
  }

  /** Pushes the due group if downstream waits for it. */
  void pushIfPulled() {
    if (logic.isAvailable(out)) {
      pushGroup();
    }
  }

  /** Downstream pulled: pushes the group if it is due; answers whether it did. */
  boolean onPull() {
    if (due && !group.isEmpty()) {
      pushGroup();
      return true;
    }
    return false;
  }

  /** The interval passed: a non-empty group is due. */
  void onTimer() {
    if (!group.isEmpty()) {
      due = true;
      pushIfPulled();
    }
  }

  /** Upstream finished: the last group goes out (now or at the next pull), then the stage completes. */
  void onUpstreamFinish() {
    if (group.isEmpty()) {
      logic.completeStage();
    } else {
      due = true;
      pushIfPulled();
    }
  }

  /** Pushes the group, which is not empty, to {@code out}, which was pulled; starts the next group. */
  void pushGroup() {
    List<Object> g;
    if (interval == null) {
      g = List.copyOf(group);
      group.clear();
    } else {
      g = group;
      // the next list starts as large as this one, so lists of a steady size never regrow
      group = new ArrayList<>(Math.min(maxNumber, Math.max(10, g.size())));
    }
    weight = 0;
    due = false;
    if (pending != null) {
      Object p = pending;
      pending = null;
      put(p, pendingWeight);
    }
    start();
    logic.push(out, g);
    if (host.upstreamDone()) {
      if (group.isEmpty()) {
        logic.completeStage();
      } else {
        due = true; // the last group goes out with the next pull
      }
    } else if (!due && interval != null) {
      host.requestMore();
    }
  }

  /**
   * The logic of a window stage in a flow: the unfused stages, which have no steps, and a fused
   * run that ends in a window ({@link Fusion.FusedStage}), whose steps run on each element before
   * it joins the window. A step that drops an element or resumes after a failure asks upstream for
   * the next one, as the unfused step would; one whose supervision says stop fails the stage.
   */
  static final class FlowLogic extends TimerGraphStageLogic implements InHandler, OutHandler, Host {
    private final Inlet<Object> in;
    private final Outlet<Object> out;
    private final Fusion.Steps steps;
    private final Attributes defaults;
    private final GroupWindow window;

    @SuppressWarnings({"this-escape", "unchecked"})
    FlowLogic(FlowShape<?, ?> shape, Spec spec, Fusion.Steps steps, Attributes defaults) {
      super(shape);
      this.in = (Inlet<Object>) shape.in();
      this.out = (Outlet<Object>) shape.out();
      this.steps = steps;
      this.defaults = defaults;
      this.window = new GroupWindow(spec, this, out, this);
      setHandlers(in, out, this);
    }

    @Override
    public void preStart() {
      if (window.timed()) {
        window.start();
        pull(in);
      }
    }

    @Override
    public void onPush() throws Exception {
      Object e = steps.run(this, defaults, grab(in));
      if (e == null) {
        return; // a step failed the stage
      }
      if (e == Fusion.DROP || !window.add(e)) {
        pull(in);
      } else {
        window.pushIfPulled();
      }
    }

    @Override
    public void onPull() {
      if (!window.onPull() && !hasBeenPulled(in) && !isClosed(in)) {
        pull(in); // untimed: ask upstream only now; timed: already asked, unless the group is due
      }
    }

    @Override
    public void onUpstreamFinish() {
      window.onUpstreamFinish();
    }

    @Override
    protected void onTimer(Object key) {
      window.onTimer();
    }

    @Override
    public boolean upstreamDone() {
      return isClosed(in);
    }

    @Override
    public void requestMore() {
      if (!hasBeenPulled(in)) {
        pull(in);
      }
    }
  }
}
