package io.troupe.stream;

/**
 * What a full {@code delay} or {@code delayWith} buffer does when another element arrives from
 * upstream.
 *
 * <ul>
 *   <li>{@link #emitEarly()}: send the oldest element downstream before its time to make room;
 *   <li>{@link #dropHead()}: drop the oldest buffered element;
 *   <li>{@link #dropTail()}: drop the youngest buffered element;
 *   <li>{@link #dropBuffer()}: drop everything buffered;
 *   <li>{@link #dropNew()}: drop the arriving element;
 *   <li>{@link #backpressure()}: stop pulling upstream until there is room;
 *   <li>{@link #fail()}: fail the stream with a {@link BufferOverflowException}.
 * </ul>
 */
public final class DelayOverflowStrategy {
  /** The kinds of strategy. */
  public enum Kind {
    EMIT_EARLY,
    DROP_HEAD,
    DROP_TAIL,
    DROP_BUFFER,
    DROP_NEW,
    BACKPRESSURE,
    FAIL
  }

  private static final DelayOverflowStrategy[] ALL = new DelayOverflowStrategy[Kind.values().length];

  static {
    for (Kind k : Kind.values()) {
      ALL[k.ordinal()] = new DelayOverflowStrategy(k);
    }
  }

  private final Kind kind;

  private DelayOverflowStrategy(Kind kind) {
    this.kind = kind;
  }

  /**
   * When full, emit the oldest element at once, before its delay is over, if downstream waits
   * for one; otherwise stop pulling upstream until downstream asks.
   */
  public static DelayOverflowStrategy emitEarly() {
    return ALL[Kind.EMIT_EARLY.ordinal()];
  }

  /** When full, drop the oldest buffered element to make room for the arriving one. */
  public static DelayOverflowStrategy dropHead() {
    return ALL[Kind.DROP_HEAD.ordinal()];
  }

  /** When full, drop the youngest buffered element to make room for the arriving one. */
  public static DelayOverflowStrategy dropTail() {
    return ALL[Kind.DROP_TAIL.ordinal()];
  }

  /** When full, drop every buffered element to make room for the arriving one. */
  public static DelayOverflowStrategy dropBuffer() {
    return ALL[Kind.DROP_BUFFER.ordinal()];
  }

  /** When full, drop the arriving element. */
  public static DelayOverflowStrategy dropNew() {
    return ALL[Kind.DROP_NEW.ordinal()];
  }

  /** Stop pulling upstream while the buffer is full. */
  public static DelayOverflowStrategy backpressure() {
    return ALL[Kind.BACKPRESSURE.ordinal()];
  }

  /** When full, fail the stream with a {@link BufferOverflowException}. */
  public static DelayOverflowStrategy fail() {
    return ALL[Kind.FAIL.ordinal()];
  }

  /** Which strategy this is. */
  public Kind kind() {
    return kind;
  }

  @Override
  public String toString() {
    return "DelayOverflowStrategy." + kind;
  }
}
