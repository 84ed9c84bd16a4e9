package io.troupe.stream.internal;

import io.troupe.stream.ActorAttributes;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.Supervision;
import io.troupe.stream.stage.GraphStage;

/**
 * Base of the one-in one-out operators: ports, shape and name. Internal API, shared by the
 * operators in {@code internal} and {@code internal.ops}.
 */
public abstract class Linear<A, B> extends GraphStage<FlowShape<A, B>> {
  /** The inlet. */
  public final Inlet<A> in;
  /** The outlet. */
  public final Outlet<B> out;
  private final FlowShape<A, B> shape;
  private final StageNames names;

  /** A stage called {@code name} (a constant per operator kind: its port names are cached). */
  protected Linear(String name) {
    this.names = StageNames.of(name);
    this.in = Inlet.create(names.in());
    this.out = Outlet.create(names.out());
    this.shape = FlowShape.of(in, out);
  }

  /** The operator's name. */
  public final String name() {
    return names.name();
  }

  @Override
  public final FlowShape<A, B> shape() {
    return shape;
  }

  @Override
  protected final Attributes initialAttributes() {
    return names.attributes();
  }

  /** What the supervision strategy in {@code attrs} says about {@code t}; stop if it throws. */
  public static Supervision.Directive decide(Attributes attrs, Throwable t) {
    if (t instanceof VirtualMachineError e) {
      throw e;
    }
    try {
      Supervision.Directive d = ActorAttributes.decider(attrs).apply(t);
      return d == null ? Supervision.Directive.STOP : d;
    } catch (Exception e) {
      return Supervision.Directive.STOP;
    }
  }
}
