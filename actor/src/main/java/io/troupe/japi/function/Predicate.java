package io.troupe.japi.function;

/**
 * A test on one argument that may throw.
 *
 * <p>Troupe's Java DSL takes these instead of {@code java.util.function} types so that a lambda
 * may throw checked exceptions; the names match Pekko's {@code japi.function} package.
 */
@FunctionalInterface
public interface Predicate<T> {
  /** Applies this function. */
  boolean test(T param) throws Exception;
}
