package io.troupe.stream.internal.ops;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behaviors;
import io.troupe.actor.Terminated;
import io.troupe.stream.stage.AsyncCallback;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Death watch for a stage: a small system actor that watches a target and tells the stage (by
 * async callback) when the target stopped. Stop it when the stage stops. Internal API.
 */
final class TargetWatch {
  private static final AtomicLong counter = new AtomicLong();
  private static final Object STOP = new Object();

  private final ActorRef<Object> watcher;

  private TargetWatch(ActorRef<Object> watcher) {
    this.watcher = watcher;
  }

  /** Starts watching {@code target}; {@code onTerminated} gets the target once it stopped. */
  static TargetWatch start(ActorSystem<?> system, ActorRef<?> target, AsyncCallback<ActorRef<?>> onTerminated) {
    ActorRef<Object> watcher =
        system.systemActorOf(
            Behaviors.<Object>setup(
                ctx -> {
                  ctx.watch(target);
                  return Behaviors.receive(
                      (c, msg) -> Behaviors.stopped(),
                      (c, signal) -> {
                        if (signal instanceof Terminated) {
                          onTerminated.invoke(target);
                          return Behaviors.stopped();
                        }
                        return Behaviors.same();
                      });
                }),
            "streamTargetWatch-" + counter.incrementAndGet());
    return new TargetWatch(watcher);
  }

  /** Stops watching. */
  void stop() {
    watcher.tell(STOP);
  }
}
