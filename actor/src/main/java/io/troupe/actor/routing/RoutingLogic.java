package io.troupe.actor.routing;

import io.troupe.actor.ActorRef;
import io.troupe.japi.function.Function;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the routee for a message; one instance per router actor, used only by that actor's turn.
 */
abstract class RoutingLogic<T> {

  /** The routee for {@code message}; {@code routees} is not empty. */
  abstract ActorRef<T> select(T message, List<ActorRef<T>> routees) throws Exception;

  /** Called after the routees changed. */
  void routeesChanged(List<ActorRef<T>> routees) {}

  /** Each routee in turn. */
  static final class RoundRobin<T> extends RoutingLogic<T> {
    private int next;

    @Override
    ActorRef<T> select(T message, List<ActorRef<T>> routees) {
      if (next >= routees.size()) {
        next = 0;
      }
      return routees.get(next++);
    }
  }

  /** A routee chosen uniformly at random. */
  static final class Random<T> extends RoutingLogic<T> {
    @Override
    ActorRef<T> select(T message, List<ActorRef<T>> routees) {
      return routees.get(ThreadLocalRandom.current().nextInt(routees.size()));
    }
  }

  /*
   * Consistent hashing: every routee owns `virtualNodesFactor` points on a 64-bit ring, placed by
   * hashing its path with the point's number; a message goes to the owner of the first point at
   * or after the hash of its key (wrapping around). Adding or removing a routee moves only the
   * keys that fall next to its own points, so the other keys keep their routee.
   */

  /** The routee owning the message key's place on a hash ring. */
  static final class ConsistentHashing<T> extends RoutingLogic<T> {
    private final int virtualNodesFactor;
    private final Function<T, String> mapping;
    private final TreeMap<Long, ActorRef<T>> ring = new TreeMap<>();

    ConsistentHashing(int virtualNodesFactor, Function<T, String> mapping) {
      this.virtualNodesFactor = virtualNodesFactor;
      this.mapping = mapping;
    }

    @Override
    void routeesChanged(List<ActorRef<T>> routees) {
      ring.clear();
      for (ActorRef<T> r : routees) {
        String path = r.path().toString();
        for (int v = 0; v < virtualNodesFactor; v++) {
          ring.put(hash(path + "#" + v), r);
        }
      }
    }

    @Override
    ActorRef<T> select(T message, List<ActorRef<T>> routees) throws Exception {
      if (ring.isEmpty()) {
        routeesChanged(routees);
      }
      String key = mapping.apply(message);
      if (key == null) {
        throw new IllegalArgumentException("the consistent-hashing mapping returned null for " + message);
      }
      Map.Entry<Long, ActorRef<T>> e = ring.ceilingEntry(hash(key));
      return (e != null ? e : ring.firstEntry()).getValue();
    }

    /** FNV-1a over the UTF-8 bytes, then a 64-bit finalizer so that near keys spread over the ring. */
    static long hash(String s) {
      long h = 0xcbf29ce484222325L;
      for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
        h ^= b & 0xff;
        h *= 0x100000001b3L;
      }
      h ^= h >>> 33;
      h *= 0xff51afd7ed558ccdL;
      h ^= h >>> 33;
      h *= 0xc4ceb9fe1a85ec53L;
      h ^= h >>> 33;
      return h;
    }
  }
}
