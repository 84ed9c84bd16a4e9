package io.troupe.actor.internal;

import java.util.concurrent.Executor;

/** Runs each task at once on the calling thread; for short, non-blocking hand-offs such as a tell. */
public enum CallingThreadExecutor implements Executor {
  INSTANCE;

  @Override
  public void execute(Runnable command) {
    command.run();
  }
}
