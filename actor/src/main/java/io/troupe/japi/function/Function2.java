package io.troupe.japi.function;

/**
 * A function of two arguments that may throw.
 *
 * <p>Troupe's Java DSL takes these instead of {@code java.util.function} types so that a lambda
 * may throw checked exceptions; the names match Pekko's {@code japi.function} package.
 */
@FunctionalInterface
public interface Function2<T1, T2, R> {
  /** Applies this function. */
  R apply(T1 arg1, T2 arg2) throws Exception;
}
