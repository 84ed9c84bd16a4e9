package io.troupe.stream.internal;

import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;

/**
 * The wire between one outlet and one inlet inside an island: its state bits, the element in
 * flight, and the handlers of both ends. Internal API.
 */
public sealed class Connection permits Connection.Padded {
  /** The inlet's owner has asked for an element that has not been pushed yet. */
  static final int PULLED = 1;
  /** An element sits in {@link #slot} and has not been grabbed. */
  static final int AVAILABLE = 2;
  /** The outlet's owner completed or failed the connection. */
  static final int OUT_CLOSED = 4;
  /** The inlet's owner cancelled the connection. */
  static final int IN_CLOSED = 8;
  /** The inlet side counts the connection as closed (cancelled or completion delivered). */
  static final int IN_DONE = 16;
  /** The outlet side counts the connection as closed (completed or cancellation delivered). */
  static final int OUT_DONE = 32;
  /** A push is queued and not yet delivered to the inlet's owner. */
  static final int PUSH_QUEUED = 64;
  /**
   * A pull event is queued and not yet delivered to the outlet's owner. While it is, a new pull
   * (after a push answered the first one from inside a handler) is served by that event instead
   * of queueing a second one, so one demand never reaches {@code onPull} twice.
   */
  static final int PULL_QUEUED = 128;

  final int id;
  final LogicState inOwner;
  final int inPort;
  final LogicState outOwner;
  final int outPort;
  InHandler inHandler;
  OutHandler outHandler;
  int state;
  Object slot;
  Throwable failure;
  Throwable cancelCause;

  /**
   * A connection next to an async boundary, with 64 bytes after its fields. The connections on
   * the two sides of a boundary are made one after the other and are written on every element
   * by two threads; without the gap they can share a cache line (measured: a third less
   * throughput across the boundary).
   */
  static final class Padded extends Connection {
    long p1, p2, p3, p4, p5, p6, p7, p8;

    Padded(int id, LogicState outOwner, int outPort, LogicState inOwner, int inPort) {
      super(id, outOwner, outPort, inOwner, inPort);
    }
  }

  Connection(int id, LogicState outOwner, int outPort, LogicState inOwner, int inPort) {
    this.id = id;
    this.outOwner = outOwner;
    this.outPort = outPort;
    this.inOwner = inOwner;
    this.inPort = inPort;
  }

  String inName() {
    return inOwner.inlets[inPort].name();
  }

  String outName() {
    return outOwner.outlets[outPort].name();
  }

  // Queries from the inlet owner's point of view.

  /** Whether an element can be grabbed. */
  public boolean isAvailableIn() {
    return (state & AVAILABLE) != 0;
  }

  /** Whether the inlet is closed for its owner. */
  public boolean isClosedIn() {
    return (state & IN_DONE) != 0;
  }

  /** Whether the inlet's owner pulled and got nothing yet. */
  public boolean hasBeenPulled() {
    return (state & (PULLED | PUSH_QUEUED)) != 0 && (state & IN_DONE) == 0;
  }

  // Queries from the outlet owner's point of view.

  /** Whether the outlet may be pushed. */
  public boolean isAvailableOut() {
    return (state & (PULLED | OUT_DONE | IN_CLOSED)) == PULLED;
  }

  /** Whether the outlet is closed for its owner. */
  public boolean isClosedOut() {
    return (state & (OUT_DONE | IN_CLOSED)) != 0;
  }

  @Override
  public String toString() {
    return "Connection(" + outName() + " -> " + inName() + ", state=" + state + ")";
  }
}
