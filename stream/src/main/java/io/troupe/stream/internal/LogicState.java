package io.troupe.stream.internal;

import io.troupe.stream.Attributes;
import io.troupe.stream.Inlet;
import io.troupe.stream.Materializer;
import io.troupe.stream.Outlet;
import io.troupe.stream.stage.GraphStageLogic;
import java.util.function.Function;

/**
 * What the interpreter keeps about one stage logic: its ports, handlers, connections and life
 * cycle flags. Internal API; every {@link GraphStageLogic} owns one.
 */
public final class LogicState {
  private static volatile Function<GraphStageLogic, LogicState> accessor;

  /** Installed by {@link GraphStageLogic}'s class initializer. */
  public static void installAccessor(Function<GraphStageLogic, LogicState> a) {
    accessor = a;
  }

  /** The state of {@code logic}. */
  public static LogicState of(GraphStageLogic logic) {
    return accessor.apply(logic);
  }

  /** The ports of a logic without inlets or outlets. */
  public static final Inlet<?>[] NO_INLETS = new Inlet<?>[0];
  /** The ports of a logic without outlets. */
  public static final Outlet<?>[] NO_OUTLETS = new Outlet<?>[0];

  public final GraphStageLogic logic;
  public final Inlet<?>[] inlets;
  public final Outlet<?>[] outlets;
  public final int inCount;
  /** Handlers: inlets first, then outlets. */
  public final Object[] handlers;
  /** Connections: inlets first, then outlets; set when the stream is wired. */
  public Connection[] conns;
  public GraphInterpreter interpreter;
  public Attributes attributes = Attributes.none();
  public Materializer materializer;
  private String stageName;
  /** The blueprint stage this logic runs, named lazily: names are only needed for messages. */
  private Object stage;
  /** Inside one of this logic's handlers right now. */
  boolean running;
  public boolean started;
  public boolean stopped;
  public boolean keepGoing;
  int openPorts;
  private java.util.List<Runnable> stopHooks;

  /** Runs {@code hook} after the logic's {@code postStop} (timers use it to cancel themselves). */
  public void addStopHook(Runnable hook) {
    if (stopHooks == null) {
      stopHooks = new java.util.ArrayList<>(2);
    }
    stopHooks.add(hook);
  }

  void runStopHooks() {
    if (stopHooks != null) {
      for (Runnable r : stopHooks) {
        r.run();
      }
    }
  }

  /** The island that runs this logic; {@code null} before the stream is wired. */
  public Island island() {
    return interpreter == null ? null : interpreter.island;
  }

  /** The stage's name: its name attribute, else the stage's {@code toString}. */
  public String stageName() {
    String n = stageName;
    if (n == null) {
      Object st = stage;
      if (st instanceof Fusion.Fused f) {
        n = f.name();
      } else {
        String named = attributes.nameOf().orElse(null);
        n = named != null ? named : st == null ? "" : st.toString();
      }
      stageName = n;
    }
    return n;
  }

  /** Names this logic {@code name}. */
  public void setStageName(String name) {
    this.stageName = name;
  }

  /** Names this logic after {@code stage} (computed when first needed). */
  void nameAfter(Object stage) {
    this.stage = stage;
    this.stageName = null;
  }

  @Override
  public String toString() {
    return stageName();
  }

  /** The state of a logic with the given ports. */
  public LogicState(GraphStageLogic logic, Inlet<?>[] inlets, Outlet<?>[] outlets) {
    this.logic = logic;
    this.inlets = inlets;
    this.outlets = outlets;
    this.inCount = inlets.length;
    this.handlers = new Object[inlets.length + outlets.length];
    this.conns = new Connection[inlets.length + outlets.length];
    this.openPorts = inlets.length + outlets.length;
  }

  /** The index of {@code in} among the inlets. */
  public int inIndex(Inlet<?> in) {
    Inlet<?>[] a = inlets;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == in) {
        return i;
      }
    }
    throw new IllegalArgumentException("inlet " + in + " is not a port of stage " + stageName());
  }

  /** The index of {@code out} among the outlets. */
  public int outIndex(Outlet<?> out) {
    Outlet<?>[] a = outlets;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == out) {
        return i;
      }
    }
    throw new IllegalArgumentException("outlet " + out + " is not a port of stage " + stageName());
  }

  /** The connection of inlet {@code in}. */
  public Connection inConn(Inlet<?> in) {
    Connection c = conns[inIndex(in)];
    if (c == null) {
      throw new IllegalStateException("stage " + stageName() + " is not running yet; port " + in);
    }
    return c;
  }

  /** The connection of outlet {@code out}. */
  public Connection outConn(Outlet<?> out) {
    Connection c = conns[inCount + outIndex(out)];
    if (c == null) {
      throw new IllegalStateException("stage " + stageName() + " is not running yet; port " + out);
    }
    return c;
  }
}
