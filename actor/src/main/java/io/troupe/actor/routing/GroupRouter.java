package io.troupe.actor.routing;

import io.troupe.actor.ActorContext;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.internal.BehaviorImpl;
import io.troupe.actor.receptionist.ServiceKey;
import io.troupe.japi.function.Function;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The behavior of a router that forwards each message to one of the actors the
 * {@link io.troupe.actor.receptionist.Receptionist} lists under a service key (randomly unless
 * configured otherwise); made by {@link Routers#group}.
 *
 * <p>The router subscribes to the key's listing when it starts; messages that
 * arrive before the first listing wait (at most {@value #STASH_CAPACITY}; more become dead
 * letters), messages that arrive while the listing is empty become dead letters.
 *
 * <p>A group router is an immutable blueprint: each {@code with...} returns a new one.
 *
 * @param <T> the type of message routed
 */
public final class GroupRouter<T> extends BehaviorImpl.DeferredBehavior<T> {
  /** How many messages wait for the first listing. */
  public static final int STASH_CAPACITY = 10_000;

  private final ServiceKey<T> key;
  private final Supplier<RoutingLogic<T>> logic;

  GroupRouter(ServiceKey<T> key, Supplier<RoutingLogic<T>> logic) {
    this.key = key;
    this.logic = logic;
  }

  /** Each message to a routee chosen at random (the default). */
  public GroupRouter<T> withRandomRouting() {
    return new GroupRouter<>(key, RoutingLogic.Random::new);
  }

  /** Each message to the next routee in turn, in the order of their paths. */
  public GroupRouter<T> withRoundRobinRouting() {
    return new GroupRouter<>(key, RoutingLogic.RoundRobin::new);
  }

  /**
   * Messages with the same key (by {@code mapping}) to the same routee, on a hash ring with
   * {@code virtualNodesFactor} points per routee.
   *
   * @throws IllegalArgumentException if {@code virtualNodesFactor} is not positive
   */
  public GroupRouter<T> withConsistentHashingRouting(int virtualNodesFactor, Function<T, String> mapping) {
    PoolRouter.requireVirtualNodesFactor(virtualNodesFactor);
    Objects.requireNonNull(mapping, "mapping");
    return new GroupRouter<>(key, () -> new RoutingLogic.ConsistentHashing<>(virtualNodesFactor, mapping));
  }

  /** The service key whose listing gives the routees. */
  public ServiceKey<T> serviceKey() {
    return key;
  }

  @Override
  public Behavior<T> create(ActorContext<T> context) {
    return new GroupRouterState<>(context, key, logic.get());
  }

  @Override
  public String toString() {
    return "GroupRouter(" + key + ")";
  }
}
