package io.troupe.actor;

import java.util.Objects;

/** The {@link Terminated} signal a watching parent gets when its child stopped by failing. */
public final class ChildFailed extends Terminated {
  private final Throwable cause;

  /** Creates the signal for {@code ref}, which failed with {@code cause}. */
  public ChildFailed(ActorRef<?> ref, Throwable cause) {
    super(ref);
    this.cause = Objects.requireNonNull(cause, "cause");
  }

  /** Why the child stopped. */
  public Throwable getCause() {
    return cause;
  }

  /** Why the child stopped; record-style accessor. */
  public Throwable cause() {
    return cause;
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o) && ((ChildFailed) o).cause.equals(cause);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + cause.hashCode();
  }

  @Override
  public String toString() {
    return "ChildFailed(" + getRef() + ", " + cause + ")";
  }
}
