package io.troupe.stream;

import io.troupe.japi.function.Function;

/**
 * What a stage does when the user's function it calls throws: stop the stream, drop the element
 * and go on ({@link #resume()}), or drop the element and its accumulated state ({@link
 * #restart()}).
 *
 * <p>Operators that call user functions per element ({@code map}, {@code filter}, {@code
 * mapAsync}, {@code scan}, {@code fold}, ...) consult the decider installed with {@link
 * ActorAttributes#withSupervisionStrategy(Function)}; the default decider stops.
 */
public final class Supervision {
  private Supervision() {}

  /** What to do about a failure. */
  public enum Directive {
    /** Fail the stream with the exception. */
    STOP,
    /** Drop the element that caused the failure and go on. */
    RESUME,
    /** Drop the element and reset the stage's accumulated state, then go on. */
    RESTART
  }

  /** The directive that fails the stream. */
  public static Directive stop() {
    return Directive.STOP;
  }

  /** The directive that drops the failing element. */
  public static Directive resume() {
    return Directive.RESUME;
  }

  /** The directive that drops the failing element and resets the stage's state. */
  public static Directive restart() {
    return Directive.RESTART;
  }

  private static final Function<Throwable, Directive> STOPPING = t -> Directive.STOP;
  private static final Function<Throwable, Directive> RESUMING = t -> Directive.RESUME;
  private static final Function<Throwable, Directive> RESTARTING = t -> Directive.RESTART;

  /** The decider that always stops; the default. */
  public static Function<Throwable, Directive> getStoppingDecider() {
    return STOPPING;
  }

  /** The decider that always resumes. */
  public static Function<Throwable, Directive> getResumingDecider() {
    return RESUMING;
  }

  /** The decider that always restarts. */
  public static Function<Throwable, Directive> getRestartingDecider() {
    return RESTARTING;
  }
}
