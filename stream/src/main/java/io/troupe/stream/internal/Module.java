package io.troupe.stream.internal;

import io.troupe.stream.Attributes;

/**
 * The runtime's description of a blueprint: either one stage ({@link AtomicModule}) or a
 * composition of modules with wiring between their ports ({@link CompositeModule}).
 *
 * <p>Internal API. Modules are immutable and refer to their children's ports by position, so one
 * module may appear many times in a larger one.
 */
public abstract sealed class Module permits AtomicModule, CompositeModule {
  private final Attributes attributes;

  Module(Attributes attributes) {
    this.attributes = attributes;
  }

  /** The attributes set on this module itself (not those inherited from enclosing ones). */
  public final Attributes attributes() {
    return attributes;
  }

  /** The number of open inlets. */
  public abstract int inCount();

  /** The number of open outlets. */
  public abstract int outCount();

  /** The number of stages in this module, counting every occurrence of a shared child. */
  abstract int stageCount();

  /** The number of internal edges in this module and all its children. */
  abstract int edgeCount();

  /** This module with its own attributes replaced. */
  public abstract Module withAttributes(Attributes attributes);

  private volatile Plan plan;

  /** The flattened plan of this module, computed once and reused by every run. */
  public final Plan plan() {
    Plan p = plan;
    if (p == null) {
      p = Plan.of(this);
      plan = p;
    }
    return p;
  }
}
