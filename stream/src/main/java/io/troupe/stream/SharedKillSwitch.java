package io.troupe.stream;

import io.troupe.stream.stage.AsyncCallback;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A kill switch shared by any number of streams: each stream that includes its {@link #flow()}
 * ends when it is triggered, and a stream materialized afterwards ends at once.
 */
public final class SharedKillSwitch implements KillSwitch {
  private final String name;
  private final Set<AsyncCallback<Object>> stages = ConcurrentHashMap.newKeySet();
  /** Null while open; then {@link KillSwitches#SHUTDOWN} or the abort cause. */
  private volatile Object terminal;

  SharedKillSwitch(String name) {
    this.name = name;
  }

  /** A flow that passes elements until this switch is triggered; add it to any stream. */
  public <T> Flow<T, T, SharedKillSwitch> flow() {
    return Flow.fromGraph(new KillSwitches.SharedStage<T>(this));
  }

  @Override
  public void shutdown() {
    trigger(KillSwitches.SHUTDOWN);
  }

  @Override
  public void abort(Throwable ex) {
    Objects.requireNonNull(ex, "ex");
    trigger(ex);
  }

  private void trigger(Object how) {
    synchronized (this) {
      if (terminal != null) {
        return;
      }
      terminal = how;
    }
    for (AsyncCallback<Object> s : stages) {
      s.invoke(how);
    }
  }

  /** Registers a running stage; answers the terminal signal if the switch already fired. */
  Object register(AsyncCallback<Object> stage) {
    synchronized (this) {
      if (terminal == null) {
        stages.add(stage);
      }
      return terminal;
    }
  }

  void unregister(AsyncCallback<Object> stage) {
    stages.remove(stage);
  }

  @Override
  public String toString() {
    return "SharedKillSwitch(" + name + ")";
  }
}
