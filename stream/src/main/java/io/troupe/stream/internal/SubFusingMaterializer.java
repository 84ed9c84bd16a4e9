package io.troupe.stream.internal;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.Cancellable;
import io.troupe.japi.function.Procedure;
import io.troupe.stream.ActorAttributes;
import io.troupe.stream.Attributes;
import io.troupe.stream.ClosedShape;
import io.troupe.stream.Graph;
import io.troupe.stream.Materializer;
import io.troupe.stream.stage.GraphStageLogic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A materializer that runs a graph inside the island of a running stage, as a guest interpreter
 * on the island's thread (Pekko's sub-fusing materializer). Internal API.
 *
 * <p>Stages that run substreams (flatMapMerge, mergeSubstreams, ...) materialize them with it, so
 * that a substream and its parent talk on one thread, without a wake-up per element. A graph with
 * an async boundary or a dispatcher of its own, or one materialized from another thread than the
 * island's, is materialized normally instead (its own islands).
 *
 * <p>A guest is materialized even when the materializer was just shut down: the island's abort is
 * already on its way and stops the guest with its owner, as if it had started a moment earlier.
 */
public final class SubFusingMaterializer extends Materializer {
  private final MaterializerImpl delegate;
  private final LogicState owner;

  private SubFusingMaterializer(MaterializerImpl delegate, LogicState owner) {
    this.delegate = delegate;
    this.owner = owner;
  }

  /** The sub-fusing materializer of {@code logic}, which must be materialized. */
  public static Materializer of(GraphStageLogic logic) {
    LogicState s = LogicState.of(logic);
    if (!(s.materializer instanceof MaterializerImpl m)) {
      return logic.materializer();
    }
    return new SubFusingMaterializer(m, s);
  }

  /** How many handlers {@link #runHere} nests at most inside each other. */
  static final int MAX_DIRECT_DEPTH = 4;

  /**
   * Runs {@code handler} with {@code value} as a callback of the logic {@code target} right now,
   * on the calling thread, if that is safe: the thread is running the turn of the target's island,
   * the target has started, has not stopped, is not inside one of its own handlers, and direct
   * calls are not nested too deeply. Answers whether it ran; if not, hand the value over through
   * an async callback instead. Substream ports use it so that a substream and its parent on one
   * island call each other instead of queueing a task per element.
   */
  public static boolean runHere(LogicState target, Procedure<Object> handler, Object value) {
    GraphInterpreter i = target.interpreter;
    if (i == null) {
      return false;
    }
    Island island = i.island;
    if (!island.isRunningOnThisThread()
        || !target.started
        || target.stopped
        || target.running
        || island.directDepth >= MAX_DIRECT_DEPTH) {
      return false;
    }
    island.directDepth++;
    try {
      i.runCallback(target, handler, value, null);
    } finally {
      island.directDepth--;
    }
    return true;
  }

  /** Whether the calling thread runs the turn of {@code target}'s island now. */
  public static boolean onIslandOf(LogicState target) {
    GraphInterpreter i = target.interpreter;
    return i != null && i.island.isRunningOnThisThread();
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
    Island island = owner.island();
    Plan plan = runnable.module().plan();
    if (island == null
        || owner.stopped
        || plan.islandCount != 1
        || plan.islandAttributes[0].contains(ActorAttributes.Dispatcher.class)
        || !island.isRunningOnThisThread()) {
      return delegate.materialize(runnable, defaultAttributes);
    }
    int n = plan.stageCount();
    Object[] mats = new Object[n];
    LogicState[] states = MaterializerImpl.createLogics(plan, defaultAttributes, mats, delegate);
    List<LogicState> logics = new ArrayList<>(n);
    List<Runnable> hooks = new ArrayList<>(0);
    for (LogicState s : states) {
      if (s == null) {
        continue;
      }
      if (s.logic instanceof FusedSource.TurnEndListener t) {
        hooks.add(t::onTurnEnd);
      }
      logics.add(s);
    }
    Connection[] conns = new Connection[plan.edgeOuts.length];
    for (int e = 0; e < conns.length; e++) {
      long eo = plan.edgeOuts[e];
      long ei = plan.edgeIns[e];
      conns[e] =
          MaterializerImpl.link(
              e, states[(int) (eo >>> 32)], (int) eo, states[(int) (ei >>> 32)], (int) ei, false);
    }
    GraphInterpreter guest = new GraphInterpreter(island, logics.toArray(new LogicState[0]), conns);
    // Queued before the materialized value is computed, so callbacks invoked meanwhile follow it.
    island.addGuest(guest, hooks.toArray(new Runnable[0]));
    try {
      return (M) plan.mat.eval(mats);
    } catch (Exception e) {
      island.enqueue(guest::abort);
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new CompletionException("computing the materialized value failed", e);
    }
  }



  @Override
  public ActorSystem<?> system() {
    return delegate.system();
  }

  @Override
  public Executor executionContext() {
    return delegate.executionContext();
  }

  @Override
  public Cancellable scheduleOnce(Duration delay, Runnable task) {
    return delegate.scheduleOnce(delay, task);
  }

  @Override
  public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task) {
    return delegate.scheduleWithFixedDelay(initialDelay, delay, task);
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable task) {
    return delegate.scheduleAtFixedRate(initialDelay, interval, task);
  }

  /** Shuts down the underlying materializer, stopping all its streams. */
  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  @Override
  public boolean isShutdown() {
    return delegate.isShutdown();
  }

  @Override
  public String toString() {
    return "SubFusingMaterializer(" + owner.stageName() + ")";
  }
}
