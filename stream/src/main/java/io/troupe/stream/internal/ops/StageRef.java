package io.troupe.stream.internal.ops;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStageLogic;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An actor ref whose messages go straight to a stage, as async callbacks on its island: what
 * actor-fed sources materialize and what acknowledgements are sent to. No actor is spawned.
 * Once the stage stopped, messages become dead letters. Internal API.
 */
public final class StageRef<T> implements ActorRef<T> {
  private static final AtomicLong counter = new AtomicLong();

  private final GraphStageLogic logic;
  private final String name;
  private final AsyncCallback<T> callback;
  private volatile ActorPath path;
  private volatile boolean stopped;

  /**
   * A ref named after {@code name} that hands messages to {@code callback} of {@code logic}; its
   * path is fixed on first use, once the logic is materialized.
   */
  public StageRef(GraphStageLogic logic, String name, AsyncCallback<T> callback) {
    this.logic = logic;
    this.name = name + "-" + counter.incrementAndGet();
    this.callback = callback;
  }

  private ActorSystem<?> system() {
    return logic.materializer().system();
  }

  /** Called by the stage when it stops: later messages become dead letters. */
  public void stopped() {
    stopped = true;
  }

  @Override
  public void tell(T message) {
    Objects.requireNonNull(message, "message");
    if (stopped) {
      system().deadLetters().tell(message);
    } else {
      callback.invoke(message);
    }
  }

  @Override
  public ActorPath path() {
    ActorPath p = path;
    if (p == null) {
      p = ActorPath.root(system().name()).child("system").child("stream").child(name);
      path = p;
    }
    return p;
  }

  @Override
  public String toString() {
    return "Actor[" + path() + "]";
  }
}
