package io.troupe.stream;

import io.troupe.japi.function.Function;
import java.util.Objects;

/** Attributes that concern how stages run: their dispatcher and their supervision strategy. */
public final class ActorAttributes {
  private ActorAttributes() {}

  /** The dispatcher, by configuration path, that runs the island of the graph it is set on. */
  public record Dispatcher(String dispatcher) implements Attributes.Attribute {
    /** Validates the path. */
    public Dispatcher {
      Objects.requireNonNull(dispatcher, "dispatcher");
      if (dispatcher.isBlank()) {
        throw new IllegalArgumentException("dispatcher must not be blank");
      }
    }
  }

  /** The decider that operators consult when a user function throws. */
  public record SupervisionStrategy(Function<Throwable, Supervision.Directive> decider)
      implements Attributes.Attribute {
    /** Validates the decider. */
    public SupervisionStrategy {
      Objects.requireNonNull(decider, "decider");
    }
  }

  /** The default dispatcher's configuration path. */
  public static final String DEFAULT_DISPATCHER = "troupe.actor.default-dispatcher";

  /**
   * Runs the island of the graph on the dispatcher configured at {@code path}; an async boundary
   * is needed for the setting to apply to part of a stream only.
   */
  public static Attributes dispatcher(String path) {
    return Attributes.of(new Dispatcher(path));
  }

  /** Runs the island on {@code troupe.actor.default-blocking-io-dispatcher}. */
  public static Attributes blockingIoDispatcher() {
    return dispatcher("troupe.actor.default-blocking-io-dispatcher");
  }

  /** Installs {@code decider} for the operators of the graph it is set on. */
  public static Attributes withSupervisionStrategy(
      Function<Throwable, Supervision.Directive> decider) {
    return Attributes.of(new SupervisionStrategy(decider));
  }

  /** The decider in {@code attributes}, or the stopping decider. */
  public static Function<Throwable, Supervision.Directive> decider(Attributes attributes) {
    return attributes
        .get(SupervisionStrategy.class)
        .map(SupervisionStrategy::decider)
        .orElse(Supervision.getStoppingDecider());
  }
}
