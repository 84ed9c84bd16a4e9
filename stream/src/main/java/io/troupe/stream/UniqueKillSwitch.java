package io.troupe.stream;

import io.troupe.stream.stage.AsyncCallback;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** The kill switch of one materialization of {@link KillSwitches#single()}. */
public final class UniqueKillSwitch implements KillSwitch {
  private final AtomicBoolean used = new AtomicBoolean();
  private final AsyncCallback<Object> stage;

  UniqueKillSwitch(AsyncCallback<Object> stage) {
    this.stage = stage;
  }

  @Override
  public void shutdown() {
    if (used.compareAndSet(false, true)) {
      stage.invoke(KillSwitches.SHUTDOWN);
    }
  }

  @Override
  public void abort(Throwable ex) {
    Objects.requireNonNull(ex, "ex");
    if (used.compareAndSet(false, true)) {
      stage.invoke(ex);
    }
  }

  @Override
  public String toString() {
    return "UniqueKillSwitch";
  }
}
