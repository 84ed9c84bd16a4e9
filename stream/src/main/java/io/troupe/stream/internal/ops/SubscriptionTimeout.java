package io.troupe.stream.internal.ops;

import com.typesafe.config.Config;
import io.troupe.stream.Materializer;
import java.time.Duration;

/**
 * What a stage does with a substream source it handed out and nobody materialized in time, read
 * from {@code troupe.stream.materializer.subscription-timeout}. Internal API.
 *
 * @param mode what to do then
 * @param timeout how long to wait
 */
public record SubscriptionTimeout(Mode mode, Duration timeout) {
  /** The config path of the section. */
  public static final String PATH = "troupe.stream.materializer.subscription-timeout";

  /** What to do with a substream source not materialized in time. */
  public enum Mode {
    /** Cancel it, as if it had been materialized and cancelled; a later run fails. */
    CANCEL,
    /** Log a warning and keep waiting. */
    WARN,
    /** Keep waiting. */
    NOOP
  }

  /**
   * The settings of the system {@code materializer} belongs to.
   *
   * @throws IllegalArgumentException naming the key and value if one is malformed
   */
  public static SubscriptionTimeout of(Materializer materializer) {
    return fromConfig(materializer.system().settings().config());
  }

  /** The settings in {@code root} (falling back to this module's reference.conf). */
  public static SubscriptionTimeout fromConfig(Config root) {
    Config c = root.getConfig(PATH);
    String mode = c.getString("mode");
    Mode m = switch (mode) {
      case "cancel" -> Mode.CANCEL;
      case "warn" -> Mode.WARN;
      case "noop" -> Mode.NOOP;
      default -> throw new IllegalArgumentException(
          PATH + ".mode must be cancel, warn or noop, was " + mode);
    };
    Duration timeout;
    try {
      timeout = c.getDuration("timeout");
    } catch (com.typesafe.config.ConfigException.BadValue e) {
      throw new IllegalArgumentException(
          PATH + ".timeout must be a duration, was " + c.getValue("timeout").unwrapped(), e);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(PATH + ".timeout must be positive, was " + timeout);
    }
    return new SubscriptionTimeout(m, timeout);
  }
}
