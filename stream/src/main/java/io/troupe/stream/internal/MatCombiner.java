package io.troupe.stream.internal;

/** Computes a composite's materialized value from its children's. Internal API. */
@FunctionalInterface
public interface MatCombiner {
  /** Combines {@code childValues} (one per child, in child order). */
  Object combine(Object[] childValues) throws Exception;

  /** The combiner that keeps the value of child {@code index}. */
  static MatCombiner keep(int index) {
    return switch (index) {
      case 0 -> KeepFirst.INSTANCE;
      case 1 -> KeepSecond.INSTANCE;
      default -> values -> values[index];
    };
  }

  /** Keeps child 0's value; a named class so that plans can skip the call. */
  enum KeepFirst implements MatCombiner {
    INSTANCE;

    @Override
    public Object combine(Object[] values) {
      return values[0];
    }
  }

  /** Keeps child 1's value. */
  enum KeepSecond implements MatCombiner {
    INSTANCE;

    @Override
    public Object combine(Object[] values) {
      return values[1];
    }
  }
}
