package io.troupe.stream;

/**
 * A substream source (from {@code groupBy}, {@code splitWhen}, {@code splitAfter}) was not
 * materialized within {@code troupe.stream.materializer.subscription-timeout.timeout}: the
 * operator that made it has cancelled it, and materializing it later fails with this exception.
 */
public final class SubscriptionTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public SubscriptionTimeoutException(String message) {
    super(message);
  }
}
