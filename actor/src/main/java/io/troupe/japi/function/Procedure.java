package io.troupe.japi.function;

/**
 * A side effect on one argument that may throw.
 *
 * <p>Troupe's Java DSL takes these instead of {@code java.util.function} types so that a lambda
 * may throw checked exceptions; the names match Pekko's {@code japi.function} package.
 */
@FunctionalInterface
public interface Procedure<T> {
  /** Applies this function. */
  void apply(T param) throws Exception;
}
