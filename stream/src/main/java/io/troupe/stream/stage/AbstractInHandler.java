package io.troupe.stream.stage;

/** An {@link InHandler} as an abstract class, for Pekko-style anonymous subclasses. */
public abstract class AbstractInHandler implements InHandler {
  /** For subclasses. */
  protected AbstractInHandler() {}
}
