package io.troupe.stream.internal;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.Cancellable;
import io.troupe.actor.CoordinatedShutdown;
import io.troupe.actor.DispatcherSelector;
import io.troupe.actor.Done;
import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.stream.ActorAttributes;
import io.troupe.stream.Attributes;
import io.troupe.stream.ClosedShape;
import io.troupe.stream.Graph;
import io.troupe.stream.Materializer;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/** The materializer: plans, wires and starts islands, and stops them on shutdown. Internal API. */
public final class MaterializerImpl extends Materializer {
  /**
   * Default capacity of the hand-off buffer at an async boundary: 256, Reactor's publishOn
   * prefetch. With Pekko's 16 a boundary pays a thread wake-up every dozen elements (about 2x
   * Pekko's throughput across a boundary here); with 256, about 5x. Memory stays bounded either
   * way; {@code Attributes.inputBuffer} sets it per stream.
   */
  static final int DEFAULT_BUFFER = 256;

  private static final Map<ActorSystem<?>, SystemEntry> SYSTEMS = new ConcurrentHashMap<>();

  /** The materializers of one system and its shared one. */
  private static final class SystemEntry {
    final ActorSystem<?> system;
    final Set<MaterializerImpl> all = ConcurrentHashMap.newKeySet();
    final MaterializerImpl shared;
    volatile boolean terminating;

    SystemEntry(ActorSystem<?> system) {
      this.system = system;
      this.shared = new MaterializerImpl(system, this);
      all.add(shared);
    }

    CompletionStage<Done> shutdownAll() {
      terminating = true;
      List<CompletableFuture<Done>> pending = new ArrayList<>();
      for (MaterializerImpl m : all) {
        pending.addAll(m.stopAll());
      }
      return CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
          .thenApply(v -> Done.INSTANCE);
    }
  }

  /** The entry used last: most programs run one system, so most lookups stop here. */
  private static volatile SystemEntry lastEntry;

  private static SystemEntry entryOf(ActorSystem<?> system) {
    Objects.requireNonNull(system, "system");
    SystemEntry last = lastEntry;
    if (last != null && last.system == system) {
      return last;
    }
    SystemEntry e = lookUp(system);
    lastEntry = e;
    return e;
  }

  private static SystemEntry lookUp(ActorSystem<?> system) {
    return SYSTEMS.computeIfAbsent(
        system,
        s -> {
          SystemEntry e = new SystemEntry(s);
          try {
            CoordinatedShutdown.get(s)
                .addTask(
                    CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
                    "stop-streams",
                    e::shutdownAll);
          } catch (IllegalStateException alreadyShuttingDown) {
            e.terminating = true;
            e.shared.shutdown = true;
          }
          s.getWhenTerminated()
              .whenComplete(
                  (d, t) -> {
                    SYSTEMS.remove(s);
                    if (lastEntry == e) {
                      lastEntry = null;
                    }
                  });
          return e;
        });
  }

  /** The shared materializer of {@code system}. */
  public static MaterializerImpl systemMaterializer(ActorSystem<?> system) {
    return entryOf(system).shared;
  }

  /** A new materializer for {@code system}. */
  public static MaterializerImpl create(ActorSystem<?> system) {
    SystemEntry e = entryOf(system);
    MaterializerImpl m = new MaterializerImpl(system, e);
    e.all.add(m);
    if (e.terminating) {
      m.shutdown = true;
    }
    return m;
  }

  private final ActorSystem<?> system;
  private final SystemEntry entry;
  private final LiveIslands islands = new LiveIslands();
  private final Map<String, Executor> executors = new ConcurrentHashMap<>();
  private volatile boolean shutdown;

  private MaterializerImpl(ActorSystem<?> system, SystemEntry entry) {
    this.system = system;
    this.entry = entry;
  }

  @Override
  public <M> M materialize(Graph<ClosedShape, M> runnable) {
    return materialize(runnable, Attributes.none());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <M> M materialize(Graph<ClosedShape, M> runnable, Attributes defaultAttributes) {
    Objects.requireNonNull(runnable, "runnable");
    Objects.requireNonNull(defaultAttributes, "defaultAttributes");
    if (shutdown) {
      throw new IllegalStateException(
          "materializer of system [" + system.name() + "] is shut down; cannot run " + runnable);
    }
    Plan plan = runnable.module().plan();
    int n = plan.stageCount();
    Object[] mats = new Object[n];
    LogicState[] states = createLogics(plan, defaultAttributes, mats, this);
    if (plan.islandCount == 1) {
      return (M) startOneIsland(plan, states, mats);
    }
    int islandCount = plan.islandCount;
    LogicState[][] logics = new LogicState[islandCount][];
    Connection[][] conns = new Connection[islandCount][];
    int[] logicCount = new int[islandCount];
    int[] connCount = new int[islandCount];
    for (int i = 0; i < islandCount; i++) {
      logics[i] = new LogicState[4];
      conns[i] = new Connection[4];
    }
    for (int i = 0; i < n; i++) {
      if (states[i] != null) {
        add(logics, logicCount, plan.islandOf[i], states[i]);
      }
    }
    List<LogicState> upEnds = null;
    for (int e = 0; e < plan.edgeOuts.length; e++) {
      long eo = plan.edgeOuts[e];
      long ei = plan.edgeIns[e];
      int os = (int) (eo >>> 32);
      int is = (int) (ei >>> 32);
      int upIsland = plan.islandOf[os];
      int downIsland = plan.islandOf[is];
      if (upIsland == downIsland) {
        connect(conns, connCount, upIsland, states[os], (int) eo, states[is], (int) ei, false);
      } else {
        int capacity =
            states[is].attributes.get(Attributes.InputBuffer.class)
                .map(Attributes.InputBuffer::max)
                .orElse(DEFAULT_BUFFER);
        // Each end is made together with its connection, and the connections are padded, so
        // that what the producer thread writes per element and what the consumer thread writes
        // do not share cache lines.
        AsyncBoundary.Channel ch = new AsyncBoundary.Channel(capacity);
        LogicState upEnd = LogicState.of(new AsyncBoundary.Upstream(ch));
        upEnd.materializer = this;
        upEnd.setStageName("async-boundary");
        connect(conns, connCount, upIsland, states[os], (int) eo, upEnd, 0, true);
        LogicState downEnd = LogicState.of(new AsyncBoundary.Downstream(ch));
        downEnd.materializer = this;
        downEnd.setStageName("async-boundary");
        connect(conns, connCount, downIsland, downEnd, 0, states[is], (int) ei, true);
        if (upEnds == null) {
          upEnds = new ArrayList<>();
        }
        upEnds.add(upEnd);
        add(logics, logicCount, upIsland, upEnd);
        add(logics, logicCount, downIsland, downEnd);
      }
    }
    Island[] started = new Island[islandCount];
    int startedCount = 0;
    for (int i = 0; i < islandCount; i++) {
      int lc = logicCount[i];
      if (lc == 0) {
        continue;
      }
      LogicState[] ls = lc == logics[i].length ? logics[i] : Arrays.copyOf(logics[i], lc);
      Connection[] cs =
          connCount[i] == conns[i].length ? conns[i] : Arrays.copyOf(conns[i], connCount[i]);
      started[startedCount++] = newIsland(plan.islandAttributes[i], ls, cs);
    }
    if (upEnds != null) {
      for (LogicState up : upEnds) {
        up.interpreter.island.addTurnEndHook(((AsyncBoundary.Upstream) up.logic)::flush);
      }
    }
    return (M) evalAndKick(plan, mats, started, startedCount);
  }

  /**
   * Creates the logic of every stage of {@code plan} (none for stages fused into an earlier one)
   * and puts each stage's materialized value into {@code mats}; the states are indexed by stage,
   * {@code null} where a stage was fused away.
   */
  static LogicState[] createLogics(
      Plan plan, Attributes defaultAttributes, Object[] mats, Materializer materializer) {
    int n = plan.stageCount();
    LogicState[] states = new LogicState[n];
    for (int i = 0; i < n; i++) {
      GraphStageWithMaterializedValue<?, ?> stage = plan.stages[i];
      if (stage == null) {
        mats[i] = NotUsed.INSTANCE; // fused into an earlier stage
        continue;
      }
      Attributes attrs = defaultAttributes.and(plan.attributes[i]);
      GraphStageLogic logic;
      if (stage instanceof Fusion.Fused f) {
        logic = f.createLogic(defaultAttributes, attrs);
        mats[i] = NotUsed.INSTANCE;
      } else {
        try {
          if (stage instanceof GraphStage<?> g) {
            logic = g.createLogic(attrs); // materializes NotUsed: no pair needed
            mats[i] = NotUsed.INSTANCE;
          } else {
            Pair<GraphStageLogic, ?> p = stage.createLogicAndMaterializedValuePair(attrs);
            logic = p.first();
            mats[i] = p.second();
          }
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new CompletionException("creating the logic of " + stage + " failed", e);
        }
      }
      LogicState s = LogicState.of(logic);
      s.attributes = attrs;
      s.materializer = materializer;
      s.nameAfter(stage);
      states[i] = s;
    }
    return states;
  }

  /**
   * The common case: the whole stream is one island, so every array has its final size at once
   * and nothing is grouped by island.
   */
  private Object startOneIsland(Plan plan, LogicState[] states, Object[] mats) {
    int live = 0;
    for (LogicState st : states) {
      if (st != null) {
        live++;
      }
    }
    LogicState[] ls = new LogicState[live];
    int k = 0;
    for (LogicState st : states) {
      if (st != null) {
        ls[k++] = st;
      }
    }
    long[] outs = plan.edgeOuts;
    long[] ins = plan.edgeIns;
    Connection[] cs = new Connection[outs.length];
    for (int e = 0; e < outs.length; e++) {
      cs[e] =
          link(
              e,
              states[(int) (outs[e] >>> 32)],
              (int) outs[e],
              states[(int) (ins[e] >>> 32)],
              (int) ins[e],
              false);
    }
    Island island = newIsland(plan.islandAttributes[0], ls, cs);
    return evalAndKick(plan, mats, new Island[] {island}, 1);
  }

  /**
   * A registered island running {@code ls} over {@code cs}, with its start event queued but not
   * yet scheduled (see {@link #evalAndKick}).
   */
  private Island newIsland(Attributes attrs, LogicState[] ls, Connection[] cs) {
    Island island = new Island(executorFor(attrs, ls), this);
    island.interpreter = new GraphInterpreter(island, ls, cs);
    for (LogicState l : ls) {
      if (l.logic instanceof FusedSource.TurnEndListener t) {
        island.addTurnEndHook(t::onTurnEnd); // a fused source continues after a yield
      }
    }
    islands.add(island);
    island.prepareStart();
    return island;
  }

  /**
   * Computes the materialized value, then schedules the {@code count} islands. The islands got
   * their start event before, so that async callbacks invoked while the value is computed (a
   * probe subscribing, say) queue behind it; if computing it fails, they are aborted instead.
   */
  private Object evalAndKick(Plan plan, Object[] mats, Island[] started, int count) {
    Object mat;
    try {
      mat = plan.mat.eval(mats);
    } catch (Exception e) {
      for (int i = 0; i < count; i++) {
        started[i].abort();
        started[i].kick();
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new CompletionException("computing the materialized value failed", e);
    }
    for (int i = 0; i < count; i++) {
      started[i].kick();
    }
    if (shutdown) {
      for (int i = 0; i < count; i++) {
        started[i].abort();
      }
    }
    return mat;
  }

  private static void add(LogicState[][] logics, int[] counts, int island, LogicState s) {
    LogicState[] a = logics[island];
    int c = counts[island];
    if (c == a.length) {
      a = Arrays.copyOf(a, c * 2);
      logics[island] = a;
    }
    a[c] = s;
    counts[island] = c + 1;
  }

  private static void connect(
      Connection[][] conns,
      int[] counts,
      int island,
      LogicState out,
      int outPort,
      LogicState in,
      int inPort,
      boolean padded) {
    Connection[] a = conns[island];
    int id = counts[island];
    if (id == a.length) {
      a = Arrays.copyOf(a, Math.max(4, id * 2));
      conns[island] = a;
    }
    a[id] = link(id, out, outPort, in, inPort, padded);
    counts[island] = id + 1;
  }

  /** A new connection {@code id} from {@code out}'s outlet to {@code in}'s inlet, with handlers. */
  static Connection link(
      int id, LogicState out, int outPort, LogicState in, int inPort, boolean padded) {
    Connection c =
        padded
            ? new Connection.Padded(id, out, outPort, in, inPort)
            : new Connection(id, out, outPort, in, inPort);
    out.conns[out.inCount + outPort] = c;
    in.conns[inPort] = c;
    Object oh = out.handlers[out.inCount + outPort];
    Object ih = in.handlers[inPort];
    if (oh == null) {
      throw new IllegalStateException(
          "No handler defined in stage [" + out.stageName() + "] for port [" + out.outlets[outPort] + "]");
    }
    if (ih == null) {
      throw new IllegalStateException(
          "No handler defined in stage [" + in.stageName() + "] for port [" + in.inlets[inPort] + "]");
    }
    c.outHandler = (OutHandler) oh;
    c.inHandler = (InHandler) ih;
    return c;
  }

  /**
   * Where an island with attributes {@code attrs} running {@code ls} runs: the dispatcher the
   * attributes name, else the executor the first of its logics asks for ({@link
   * PreferredExecutor}), else the default dispatcher.
   */
  private Executor executorFor(Attributes attrs, LogicState[] ls) {
    ActorAttributes.Dispatcher d = attrs.get(ActorAttributes.Dispatcher.class, null);
    if (d == null || d.dispatcher().equals(ActorAttributes.DEFAULT_DISPATCHER)) {
      for (LogicState l : ls) {
        if (l.logic instanceof PreferredExecutor p) {
          return p.preferredExecutor();
        }
      }
      return system.executionContext();
    }
    return executors.computeIfAbsent(
        d.dispatcher(), k -> system.dispatcher(DispatcherSelector.fromConfig(k)));
  }

  void unregister(Island island) {
    islands.remove(island);
  }

  /** The number of islands still running; for tests and the stage-leak assertion. */
  public int runningIslands() {
    return islands.size();
  }

  /** Completes when every island running now has stopped. */
  public CompletableFuture<Void> whenAllStopped() {
    return CompletableFuture.allOf(
        islands.snapshot().stream().map(Island::terminated).toArray(CompletableFuture<?>[]::new));
  }

  List<CompletableFuture<Done>> stopAll() {
    shutdown = true;
    List<CompletableFuture<Done>> pending = new ArrayList<>();
    for (Island island : islands.snapshot()) {
      pending.add(island.terminated());
      island.abort();
    }
    return pending;
  }

  @Override
  public ActorSystem<?> system() {
    return system;
  }

  @Override
  public Executor executionContext() {
    return system.executionContext();
  }

  @Override
  public Cancellable scheduleOnce(Duration delay, Runnable task) {
    return system.scheduler().scheduleOnce(delay, task, system.executionContext());
  }

  @Override
  public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task) {
    return system.scheduler()
        .scheduleWithFixedDelay(initialDelay, delay, task, system.executionContext());
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable task) {
    return system.scheduler()
        .scheduleAtFixedRate(initialDelay, interval, task, system.executionContext());
  }

  @Override
  public void shutdown() {
    stopAll();
    if (this != entry.shared) {
      entry.all.remove(this);
    }
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public String toString() {
    return "Materializer(" + system.name() + ")";
  }
}
