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
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.time.Duration;
import java.util.ArrayList;
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
    final Set<MaterializerImpl> all = ConcurrentHashMap.newKeySet();
    final MaterializerImpl shared;
    volatile boolean terminating;

    SystemEntry(ActorSystem<?> system) {
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

  private static SystemEntry entryOf(ActorSystem<?> system) {
    Objects.requireNonNull(system, "system");
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
          s.getWhenTerminated().whenComplete((d, t) -> SYSTEMS.remove(s));
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
  private final Set<Island> islands = ConcurrentHashMap.newKeySet();
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
    LogicState[] states = new LogicState[n];
    Object[] mats = new Object[n];
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
        Pair<GraphStageLogic, ?> p;
        try {
          p = stage.createLogicAndMaterializedValuePair(attrs);
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new CompletionException("creating the logic of " + stage + " failed", e);
        }
        logic = p.first();
        mats[i] = p.second();
      }
      LogicState s = LogicState.of(logic);
      s.attributes = attrs;
      s.materializer = this;
      s.stageName =
          stage instanceof Fusion.Fused f ? f.name() : attrs.nameOf().orElseGet(stage::toString);
      states[i] = s;
    }
    int islandCount = plan.islandCount;
    List<List<LogicState>> logics = new ArrayList<>(islandCount);
    List<List<Connection>> conns = new ArrayList<>(islandCount);
    for (int i = 0; i < islandCount; i++) {
      logics.add(new ArrayList<>());
      conns.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      if (states[i] != null) {
        logics.get(plan.islandOf[i]).add(states[i]);
      }
    }
    List<LogicState> upEnds = new ArrayList<>(0);
    for (int e = 0; e < plan.edgeOuts.length; e++) {
      long eo = plan.edgeOuts[e];
      long ei = plan.edgeIns[e];
      int os = (int) (eo >>> 32);
      int is = (int) (ei >>> 32);
      int upIsland = plan.islandOf[os];
      int downIsland = plan.islandOf[is];
      if (upIsland == downIsland) {
        connect(conns.get(upIsland), states[os], (int) eo, states[is], (int) ei);
      } else {
        int capacity =
            states[is].attributes.get(Attributes.InputBuffer.class)
                .map(Attributes.InputBuffer::max)
                .orElse(DEFAULT_BUFFER);
        AsyncBoundary.Channel ch = new AsyncBoundary.Channel(capacity);
        LogicState upEnd = LogicState.of(new AsyncBoundary.Upstream(ch));
        LogicState downEnd = LogicState.of(new AsyncBoundary.Downstream(ch));
        for (LogicState b : new LogicState[] {upEnd, downEnd}) {
          b.materializer = this;
          b.stageName = "async-boundary";
        }
        upEnds.add(upEnd);
        logics.get(upIsland).add(upEnd);
        logics.get(downIsland).add(downEnd);
        connect(conns.get(upIsland), states[os], (int) eo, upEnd, 0);
        connect(conns.get(downIsland), downEnd, 0, states[is], (int) ei);
      }
    }
    // Islands get their start event before the materialized value is computed, so that async
    // callbacks invoked while it is computed (a probe subscribing, say) queue behind it.
    List<Island> started = new ArrayList<>(islandCount);
    for (int i = 0; i < islandCount; i++) {
      List<LogicState> ls = logics.get(i);
      if (ls.isEmpty()) {
        continue;
      }
      Island island = new Island(executorFor(plan.islandAttributes[i]), this);
      island.interpreter =
          new GraphInterpreter(
              island, ls.toArray(new LogicState[0]), conns.get(i).toArray(new Connection[0]));
      for (LogicState l : ls) {
        if (l.logic instanceof FusedSource.TurnEndListener t) {
          island.addTurnEndHook(t::onTurnEnd); // a fused source continues after a yield
        }
      }
      for (LogicState up : upEnds) {
        if (up.interpreter == island.interpreter) {
          island.addTurnEndHook(((AsyncBoundary.Upstream) up.logic)::flush);
        }
      }
      islands.add(island);
      started.add(island);
      island.prepareStart();
    }
    Object mat;
    try {
      mat = plan.mat.eval(mats);
    } catch (Exception e) {
      for (Island island : started) {
        island.abort();
        island.kick();
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new CompletionException("computing the materialized value failed", e);
    }
    for (Island island : started) {
      island.kick();
    }
    if (shutdown) {
      for (Island island : started) {
        island.abort();
      }
    }
    return (M) mat;
  }

  private static void connect(
      List<Connection> list, LogicState out, int outPort, LogicState in, int inPort) {
    Connection c = new Connection(list.size(), out, outPort, in, inPort);
    list.add(c);
    out.conns[out.inCount + outPort] = c;
    in.conns[inPort] = c;
    Object oh = out.handlers[out.inCount + outPort];
    Object ih = in.handlers[inPort];
    if (oh == null) {
      throw new IllegalStateException(
          "No handler defined in stage [" + out.stageName + "] for port [" + out.outlets[outPort] + "]");
    }
    if (ih == null) {
      throw new IllegalStateException(
          "No handler defined in stage [" + in.stageName + "] for port [" + in.inlets[inPort] + "]");
    }
    c.outHandler = (OutHandler) oh;
    c.inHandler = (InHandler) ih;
  }

  private Executor executorFor(Attributes attrs) {
    return attrs.get(ActorAttributes.Dispatcher.class)
        .map(d -> d.dispatcher())
        .filter(p -> !p.equals(ActorAttributes.DEFAULT_DISPATCHER))
        .map(p -> executors.computeIfAbsent(p, k -> system.dispatcher(DispatcherSelector.fromConfig(k))))
        .orElseGet(system::executionContext);
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
        islands.stream().map(Island::terminated).toArray(CompletableFuture<?>[]::new));
  }

  List<CompletableFuture<Done>> stopAll() {
    shutdown = true;
    List<CompletableFuture<Done>> pending = new ArrayList<>();
    for (Island island : islands) {
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
