package io.troupe.japi.function;

/**
 * A factory of values that may throw.
 *
 * <p>Troupe's Java DSL takes these instead of {@code java.util.function} types so that a lambda
 * may throw checked exceptions; the names match Pekko's {@code japi.function} package.
 */
@FunctionalInterface
public interface Creator<T> {
  /** Applies this function. */
  T create() throws Exception;
}
