package io.troupe.actor.routing;

import io.troupe.actor.Behavior;
import io.troupe.actor.Props;
import io.troupe.actor.receptionist.ServiceKey;
import java.util.Objects;

/**
 * Factories for routers: actors that forward each message to one (or, for a broadcast, each) of
 * several routees.
 *
 * <pre>{@code
 * ActorRef<Work> pool = context.spawn(Routers.pool(4, Worker.create()).withRoundRobinRouting(), "workers");
 * ActorRef<Work> group = context.spawn(Routers.group(Worker.KEY), "worker-group");
 * }</pre>
 */
public final class Routers {
  private Routers() {}

  /**
   * A router that spawns {@code poolSize} children running {@code behavior} and routes to them
   * round robin; see {@link PoolRouter}.
   *
   * @throws IllegalArgumentException if {@code poolSize} is not positive
   */
  public static <T> PoolRouter<T> pool(int poolSize, Behavior<T> behavior) {
    PoolRouter.requirePoolSize(poolSize);
    Objects.requireNonNull(behavior, "behavior");
    return new PoolRouter<>(poolSize, behavior, Props.empty(), RoutingLogic.RoundRobin::new, null);
  }

  /**
   * A router to the actors registered under {@code key} with the receptionist, routing at random;
   * see {@link GroupRouter}.
   */
  public static <T> GroupRouter<T> group(ServiceKey<T> key) {
    return new GroupRouter<>(Objects.requireNonNull(key, "key"), RoutingLogic.Random::new);
  }
}
