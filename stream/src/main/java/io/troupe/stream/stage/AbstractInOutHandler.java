package io.troupe.stream.stage;

/** A handler for one inlet and one outlet at once, set with {@code setHandlers(in, out, this)}. */
public abstract class AbstractInOutHandler implements InHandler, OutHandler {
  /** For subclasses. */
  protected AbstractInOutHandler() {}
}
