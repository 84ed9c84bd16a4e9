package io.troupe.actor.testkit;

import java.util.Objects;

/**
 * What {@link TestProbe#fishForMessage} does with the message the fisher just looked at; made by
 * {@link FishingOutcomes}.
 */
public sealed interface FishingOutcome {

  /** Keep the message in the result and fish on. */
  record ContinueAndCollect() implements FishingOutcome {}

  /** Drop the message and fish on. */
  record ContinueAndIgnore() implements FishingOutcome {}

  /** Keep the message in the result and stop fishing. */
  record Complete() implements FishingOutcome {}

  /** Fail the test with {@code error}. */
  record Fail(String error) implements FishingOutcome {
    public Fail {
      Objects.requireNonNull(error, "error");
    }
  }
}
