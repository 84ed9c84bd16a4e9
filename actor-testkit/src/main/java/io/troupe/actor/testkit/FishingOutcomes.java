package io.troupe.actor.testkit;

/** The answers a fisher gives {@link TestProbe#fishForMessage} for each message. */
public final class FishingOutcomes {
  private static final FishingOutcome COLLECT = new FishingOutcome.ContinueAndCollect();
  private static final FishingOutcome IGNORE = new FishingOutcome.ContinueAndIgnore();
  private static final FishingOutcome COMPLETE = new FishingOutcome.Complete();

  private FishingOutcomes() {}

  /** Keep this message in the result and look at the next one. */
  public static FishingOutcome continueAndCollect() {
    return COLLECT;
  }

  /** Drop this message and look at the next one. */
  public static FishingOutcome continueAndIgnore() {
    return IGNORE;
  }

  /** Keep this message in the result and return the result. */
  public static FishingOutcome complete() {
    return COMPLETE;
  }

  /** Fail the test with {@code error}; the failure also names the message. */
  public static FishingOutcome fail(String error) {
    return new FishingOutcome.Fail(error);
  }
}
