package io.troupe.stream;

/** {@code groupBy} met a new key while {@code maxSubstreams} substreams were open already. */
public final class TooManySubstreamsOpenException extends IllegalStateException {
  /** The exception for the limit {@code maxSubstreams} and the key that would have exceeded it. */
  public TooManySubstreamsOpenException(int maxSubstreams, Object key) {
    super(
        "cannot open a new substream for key ["
            + key
            + "]: maxSubstreams ("
            + maxSubstreams
            + ") substreams are open already; raise maxSubstreams or close substreams sooner");
  }
}
