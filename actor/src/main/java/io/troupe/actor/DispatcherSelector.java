package io.troupe.actor;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Chooses the dispatcher (the threads) an actor runs on.
 *
 * <ul>
 *   <li>{@link #defaultDispatcher()}: the work-stealing pool, for actors that never block;
 *   <li>{@link #blocking()}: a fixed pool for actors that do blocking I/O;
 *   <li>{@link #virtualThreads()}: each turn on a virtual thread, so an actor may block without
 *       taking a platform thread from others;
 *   <li>{@link #fromConfig(String)}: a dispatcher described in the configuration;
 *   <li>{@link #fromExecutor(Executor)}: any executor of the caller's;
 *   <li>{@link #sameAsParent()}: whatever the parent runs on.
 * </ul>
 */
public final class DispatcherSelector extends Props {
  /** The kinds of selection. */
  public enum Kind {
    DEFAULT,
    BLOCKING,
    VIRTUAL_THREADS,
    FROM_CONFIG,
    EXECUTOR,
    SAME_AS_PARENT
  }

  /** The configuration path of the default dispatcher. */
  public static final String DEFAULT_DISPATCHER_ID = "troupe.actor.default-dispatcher";

  /** The configuration path of the dispatcher for blocking work. */
  public static final String BLOCKING_DISPATCHER_ID = "troupe.actor.default-blocking-io-dispatcher";

  /** The configuration path of the virtual-thread dispatcher. */
  public static final String VIRTUAL_THREAD_DISPATCHER_ID = "troupe.actor.virtual-thread-dispatcher";

  private static final DispatcherSelector DEFAULT =
      new DispatcherSelector(Kind.DEFAULT, DEFAULT_DISPATCHER_ID, null);
  private static final DispatcherSelector BLOCKING =
      new DispatcherSelector(Kind.BLOCKING, BLOCKING_DISPATCHER_ID, null);
  private static final DispatcherSelector VIRTUAL =
      new DispatcherSelector(Kind.VIRTUAL_THREADS, VIRTUAL_THREAD_DISPATCHER_ID, null);
  private static final DispatcherSelector SAME_AS_PARENT =
      new DispatcherSelector(Kind.SAME_AS_PARENT, null, null);

  private final Kind kind;
  private final String configPath;
  private final Executor executor;

  private DispatcherSelector(Kind kind, String configPath, Executor executor) {
    super(null, null);
    this.kind = kind;
    this.configPath = configPath;
    this.executor = executor;
  }

  /** The work-stealing pool that runs actors by default. */
  public static DispatcherSelector defaultDispatcher() {
    return DEFAULT;
  }

  /** The dispatcher for actors that block, {@code troupe.actor.default-blocking-io-dispatcher}. */
  public static DispatcherSelector blocking() {
    return BLOCKING;
  }

  /** The dispatcher that runs each turn on a virtual thread. */
  public static DispatcherSelector virtualThreads() {
    return VIRTUAL;
  }

  /** The parent's dispatcher. */
  public static DispatcherSelector sameAsParent() {
    return SAME_AS_PARENT;
  }

  /**
   * The dispatcher configured at {@code path}; an unknown path fails the spawn with an {@link
   * IllegalArgumentException}.
   */
  public static DispatcherSelector fromConfig(String path) {
    Objects.requireNonNull(path, "path");
    if (path.isBlank()) {
      throw new IllegalArgumentException("dispatcher path must not be blank");
    }
    return new DispatcherSelector(Kind.FROM_CONFIG, path, null);
  }

  /** Runs the actor on the caller's executor, which the caller also shuts down. */
  public static DispatcherSelector fromExecutor(Executor executor) {
    return new DispatcherSelector(Kind.EXECUTOR, null, Objects.requireNonNull(executor, "executor"));
  }

  /** What was selected. */
  public Kind kind() {
    return kind;
  }

  /** The configuration path, for the kinds that have one; otherwise {@code null}. */
  public String configPath() {
    return configPath;
  }

  /** The caller's executor, for {@link Kind#EXECUTOR}; otherwise {@code null}. */
  public Executor executor() {
    return executor;
  }

  @Override
  public DispatcherSelector dispatcherSelector() {
    return this;
  }

  @Override
  public String toString() {
    return kind == Kind.EXECUTOR ? "DispatcherSelector(" + executor + ")"
        : "DispatcherSelector(" + kind + (configPath == null ? "" : ", " + configPath) + ")";
  }
}
