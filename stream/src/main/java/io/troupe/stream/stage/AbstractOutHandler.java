package io.troupe.stream.stage;

/** An {@link OutHandler} as an abstract class, for Pekko-style anonymous subclasses. */
public abstract class AbstractOutHandler implements OutHandler {
  /** For subclasses. */
  protected AbstractOutHandler() {}
}
