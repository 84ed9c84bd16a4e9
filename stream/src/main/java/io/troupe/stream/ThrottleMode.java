package io.troupe.stream;

/**
 * What {@code throttle} does with an element that comes faster than the rate allows: {@link
 * #SHAPING} holds it back until the rate allows it, {@link #ENFORCING} fails the stream with a
 * {@link RateExceededException}.
 */
public enum ThrottleMode {
  /** Delay elements (and backpressure upstream) to keep to the rate. */
  SHAPING,
  /** Fail the stream when the rate is exceeded. */
  ENFORCING;

  /** {@link #SHAPING}, under Pekko's Java name. */
  public static ThrottleMode shaping() {
    return SHAPING;
  }

  /** {@link #ENFORCING}, under Pekko's Java name. */
  public static ThrottleMode enforcing() {
    return ENFORCING;
  }
}
