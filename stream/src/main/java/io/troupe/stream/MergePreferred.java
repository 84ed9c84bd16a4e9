package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.stream.internal.ops.FanInOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fan-in junction that emits the elements of all its inputs as they arrive, taking the element
 * of its {@link MergePreferredShape#preferred() preferred} input whenever that one has an element
 * ready; the secondary inputs are served in the order their elements arrived.
 *
 * <pre>{@code
 * MergePreferred.MergePreferredShape<Alert> m = b.add(MergePreferred.create(1));
 * b.from(b.add(urgent)).toInlet(m.preferred());
 * b.from(b.add(routine)).toInlet(m.in(0));
 * }</pre>
 *
 * <p>Emits when one of the inputs has an element available, the preferred one first; backpressures
 * when downstream backpressures; completes when all inputs complete (or any, with {@code
 * eagerComplete}), after the elements already taken; cancels when downstream cancels.
 */
public final class MergePreferred {
  private MergePreferred() {}

  /** A preferred merge with {@code secondaryPorts} secondary inputs and one preferred input. */
  public static <T> Graph<MergePreferredShape<T>, NotUsed> create(int secondaryPorts) {
    return create(secondaryPorts, false);
  }

  /** Like {@link #create(int)}; with {@code eagerComplete} it completes when any input completes. */
  public static <T> Graph<MergePreferredShape<T>, NotUsed> create(
      int secondaryPorts, boolean eagerComplete) {
    return FanInOps.<T>preferred(secondaryPorts, eagerComplete);
  }

  /** Like {@link #create(int)}; the class only fixes the element type. */
  public static <T> Graph<MergePreferredShape<T>, NotUsed> create(Class<T> clazz, int secondaryPorts) {
    return create(secondaryPorts, false);
  }

  /** Like {@link #create(int, boolean)}; the class only fixes the element type. */
  public static <T> Graph<MergePreferredShape<T>, NotUsed> create(
      Class<T> clazz, int secondaryPorts, boolean eagerComplete) {
    return create(secondaryPorts, eagerComplete);
  }

  /**
   * The shape of a {@link MergePreferred}: secondary inlets {@code in(0) ... in(n-1)}, one
   * {@link #preferred()} inlet, and an outlet.
   */
  public static final class MergePreferredShape<T> extends Shape {
    private final List<Inlet<T>> secondaries;
    private final Inlet<T> preferred;
    private final Outlet<T> out;

    private MergePreferredShape(List<Inlet<T>> secondaries, Inlet<T> preferred, Outlet<T> out) {
      this.secondaries = List.copyOf(secondaries);
      this.preferred = Objects.requireNonNull(preferred, "preferred");
      this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * A shape with {@code secondaryPorts} inlets {@code name.in0 ...}, an inlet {@code
     * name.preferred} and an outlet {@code name.out}.
     *
     * @throws IllegalArgumentException if {@code secondaryPorts} is not positive
     */
    public static <T> MergePreferredShape<T> create(int secondaryPorts, String name) {
      if (secondaryPorts < 1) {
        throw new IllegalArgumentException("secondaryPorts must be > 0, was " + secondaryPorts);
      }
      Objects.requireNonNull(name, "name");
      List<Inlet<T>> ins = new ArrayList<>(secondaryPorts);
      for (int i = 0; i < secondaryPorts; i++) {
        ins.add(Inlet.create(name + ".in" + i));
      }
      return new MergePreferredShape<>(ins, Inlet.create(name + ".preferred"), Outlet.create(name + ".out"));
    }

    /** The preferred inlet. */
    public Inlet<T> preferred() {
      return preferred;
    }

    /** The secondary inlet at {@code i}. */
    public Inlet<T> in(int i) {
      return secondaries.get(i);
    }

    /** The secondary inlets. */
    public List<Inlet<T>> getInlets() {
      return secondaries;
    }

    /** The number of secondary inlets. */
    public int secondaryPorts() {
      return secondaries.size();
    }

    /** The outlet. */
    public Outlet<T> out() {
      return out;
    }

    @Override
    public List<Inlet<?>> inlets() {
      List<Inlet<?>> all = new ArrayList<>(secondaries);
      all.add(preferred);
      return List.copyOf(all);
    }

    @Override
    public List<Outlet<?>> outlets() {
      return List.of(out);
    }

    @Override
    public MergePreferredShape<T> deepCopy() {
      return new MergePreferredShape<>(
          secondaries.stream().map(Inlet::carbonCopy).toList(), preferred.carbonCopy(), out.carbonCopy());
    }
  }
}
