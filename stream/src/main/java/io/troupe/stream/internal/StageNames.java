package io.troupe.stream.internal;

import io.troupe.stream.Attributes;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The port names and name attribute of a built-in stage kind, made once per kind instead of once
 * per stage: a tiny stream builds a handful of stages, and concatenating their port names was a
 * measurable part of materializing it. Internal API; names come from Troupe's own stage classes,
 * so the cache stays as small as the set of operators.
 */
record StageNames(String in, String out, Attributes attributes) {
  private static final ConcurrentHashMap<String, StageNames> CACHE = new ConcurrentHashMap<>();

  static StageNames of(String name) {
    StageNames n = CACHE.get(name);
    if (n == null) {
      n = CACHE.computeIfAbsent(
          name, k -> new StageNames(k + ".in", k + ".out", Attributes.name(k)));
    }
    return n;
  }
}
