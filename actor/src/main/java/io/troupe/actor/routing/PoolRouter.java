package io.troupe.actor.routing;

import io.troupe.actor.ActorContext;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.internal.BehaviorImpl;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Predicate;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The behavior of a router that spawns a fixed number of routees as its children and forwards
 * each message to one of them (round robin unless configured otherwise); made by
 * {@link Routers#pool}.
 *
 * <p>Routees are supervised with {@code restart} for any exception (a strategy inside the routee's
 * own behavior takes precedence), so a failed routee is restarted and the pool keeps its size. A
 * routee that stops by itself is removed; when the last one has stopped, the router stops.
 *
 * <p>The routees are spawned when the router starts. A pool router is an
 * immutable blueprint: each {@code with...} returns a new one, and one blueprint may be spawned
 * any number of times.
 *
 * @param <T> the type of message routed
 */
public final class PoolRouter<T> extends BehaviorImpl.DeferredBehavior<T> {
  private final int poolSize;
  private final Behavior<T> behavior;
  private final Props routeeProps;
  private final Supplier<RoutingLogic<T>> logic;
  private final Predicate<T> broadcastPredicate;

  PoolRouter(int poolSize, Behavior<T> behavior, Props routeeProps, Supplier<RoutingLogic<T>> logic,
      Predicate<T> broadcastPredicate) {
    this.poolSize = poolSize;
    this.behavior = behavior;
    this.routeeProps = routeeProps;
    this.logic = logic;
    this.broadcastPredicate = broadcastPredicate;
  }

  static void requirePoolSize(int poolSize) {
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be positive, was " + poolSize);
    }
  }

  static void requireVirtualNodesFactor(int virtualNodesFactor) {
    if (virtualNodesFactor < 1) {
      throw new IllegalArgumentException("virtualNodesFactor must be positive, was " + virtualNodesFactor);
    }
  }

  /** Each message to the next routee in turn (the default). */
  public PoolRouter<T> withRoundRobinRouting() {
    return new PoolRouter<>(poolSize, behavior, routeeProps, RoutingLogic.RoundRobin::new, broadcastPredicate);
  }

  /** Each message to a routee chosen at random. */
  public PoolRouter<T> withRandomRouting() {
    return new PoolRouter<>(poolSize, behavior, routeeProps, RoutingLogic.Random::new, broadcastPredicate);
  }

  /**
   * Messages with the same key (by {@code mapping}) to the same routee, on a hash ring with
   * {@code virtualNodesFactor} points per routee.
   *
   * @throws IllegalArgumentException if {@code virtualNodesFactor} is not positive
   */
  public PoolRouter<T> withConsistentHashingRouting(int virtualNodesFactor, Function<T, String> mapping) {
    requireVirtualNodesFactor(virtualNodesFactor);
    Objects.requireNonNull(mapping, "mapping");
    return new PoolRouter<>(poolSize, behavior, routeeProps,
        () -> new RoutingLogic.ConsistentHashing<>(virtualNodesFactor, mapping), broadcastPredicate);
  }

  /** Messages that match {@code predicate} go to every routee; the others are routed as usual. */
  public PoolRouter<T> withBroadcastPredicate(Predicate<T> predicate) {
    return new PoolRouter<>(poolSize, behavior, routeeProps, logic, Objects.requireNonNull(predicate, "predicate"));
  }

  /**
   * The same router with {@code poolSize} routees.
   *
   * @throws IllegalArgumentException if {@code poolSize} is not positive
   */
  public PoolRouter<T> withPoolSize(int poolSize) {
    requirePoolSize(poolSize);
    return new PoolRouter<>(poolSize, behavior, routeeProps, logic, broadcastPredicate);
  }

  /** The same router spawning its routees with {@code props}. */
  public PoolRouter<T> withRouteeProps(Props props) {
    return new PoolRouter<>(poolSize, behavior, Objects.requireNonNull(props, "props"), logic, broadcastPredicate);
  }

  /** The number of routees. */
  public int poolSize() {
    return poolSize;
  }

  // The blueprint itself: its first input creates this actor's routees and routing state.

  @Override
  public Behavior<T> create(ActorContext<T> context) {
    return new PoolRouterState<>(context, poolSize,
        Behaviors.supervise(behavior).onFailure(SupervisorStrategy.restart()),
        routeeProps, logic.get(), broadcastPredicate);
  }

  @Override
  public String toString() {
    return "PoolRouter(" + poolSize + ", " + behavior + ")";
  }
}
