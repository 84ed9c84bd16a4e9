package io.troupe.stream;

/** Whether the publisher made by {@link Sink#asPublisher(AsPublisher)} accepts more than one subscriber. */
public enum AsPublisher {
  /** Any number of subscribers; each element goes to all of them, at the pace of the slowest. */
  WITH_FANOUT,
  /** One subscriber; later ones are rejected with an error. */
  WITHOUT_FANOUT
}
