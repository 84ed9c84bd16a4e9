package io.troupe.actor.internal;

/**
 * A lifecycle message between cells (watch, termination, restart timing); queued apart from
 * user messages and always processed first. Each is a node of the cell's lock-free stack.
 */
abstract class SystemMessage {
  SystemMessage next;

  /** Handles the message in the running cell. */
  abstract void process(ActorCell<?> cell);

  /** Handles the message for a cell that has already terminated. */
  void processDead(ActorCell<?> cell) {}

  /** Asks the cell to stop. */
  static final class Terminate extends SystemMessage {
    @Override
    void process(ActorCell<?> cell) {
      cell.stopRequested();
    }
  }

  /** The sender starts watching the cell. */
  static final class Watch extends SystemMessage {
    final ActorCell<?> watcher;

    Watch(ActorCell<?> watcher) {
      this.watcher = watcher;
    }

    @Override
    void process(ActorCell<?> cell) {
      cell.addWatcher(watcher);
    }

    @Override
    void processDead(ActorCell<?> cell) {
      watcher.sendSystem(new DeathWatchNotification(cell, null));
    }
  }

  /** The sender stops watching the cell. */
  static final class Unwatch extends SystemMessage {
    final ActorCell<?> watcher;

    Unwatch(ActorCell<?> watcher) {
      this.watcher = watcher;
    }

    @Override
    void process(ActorCell<?> cell) {
      cell.removeWatcher(watcher);
    }
  }

  /** A watched actor has terminated, failing with {@code cause} or not ({@code null}). */
  static final class DeathWatchNotification extends SystemMessage {
    final ActorCell<?> actor;
    final Throwable cause;

    DeathWatchNotification(ActorCell<?> actor, Throwable cause) {
      this.actor = actor;
      this.cause = cause;
    }

    @Override
    void process(ActorCell<?> cell) {
      cell.watchedTerminated(this);
    }
  }

  /** A child has terminated. */
  static final class ChildTerminated extends SystemMessage {
    final ActorCell<?> child;

    ChildTerminated(ActorCell<?> child) {
      this.child = child;
    }

    @Override
    void process(ActorCell<?> cell) {
      cell.childTerminated(child);
    }
  }

  /** A backoff delay has elapsed; restart if it is still the current one. */
  static final class BackoffElapsed extends SystemMessage {
    final int generation;

    BackoffElapsed(int generation) {
      this.generation = generation;
    }

    @Override
    void process(ActorCell<?> cell) {
      cell.backoffElapsed(generation);
    }
  }
}
