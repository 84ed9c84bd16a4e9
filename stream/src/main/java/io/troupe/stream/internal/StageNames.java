package io.troupe.stream.internal;

import io.troupe.stream.Attributes;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The port names and name attribute of a built-in stage kind, made once per kind instead of once
 * per stage: a tiny stream builds a handful of stages, and concatenating their port names was a
 * measurable part of materializing it. Internal API; names come from Troupe's own stage classes,
 * so the cache stays as small as the set of operators.
 */
record StageNames(String name, String in, String out, Attributes attributes) {
  private static final ConcurrentHashMap<String, StageNames> CACHE = new ConcurrentHashMap<>();
  /**
   * A direct-mapped front for {@link #CACHE}, keyed by the identity of the name: the names are
   * string literals, so a stage kind always passes the same instance. Entries are immutable, so
   * racy writes are harmless (a miss just goes to the map).
   */
  private static final StageNames[] RECENT = new StageNames[128];

  static StageNames of(String name) {
    int slot = System.identityHashCode(name) & (RECENT.length - 1);
    StageNames n = RECENT[slot];
    if (n != null && n.name == name) {
      return n;
    }
    n = CACHE.get(name);
    if (n == null) {
      n = CACHE.computeIfAbsent(
          name, k -> new StageNames(k, k + ".in", k + ".out", Attributes.name(k)));
    }
    RECENT[slot] = n;
    return n;
  }
}
