package io.troupe.stream;

/**
 * What a full {@code buffer} does with the next element from upstream.
 *
 * <ul>
 *   <li>{@link #backpressure()}: stop pulling upstream until there is room;
 *   <li>{@link #dropHead()}: drop the oldest buffered element;
 *   <li>{@link #dropTail()}: drop the youngest buffered element;
 *   <li>{@link #dropBuffer()}: drop everything buffered;
 *   <li>{@link #dropNew()}: drop the arriving element;
 *   <li>{@link #fail()}: fail the stream with a {@link BufferOverflowException}.
 * </ul>
 */
public final class OverflowStrategy {
  /** The kinds of strategy. */
  public enum Kind {
    BACKPRESSURE,
    DROP_HEAD,
    DROP_TAIL,
    DROP_BUFFER,
    DROP_NEW,
    FAIL
  }

  private static final OverflowStrategy[] ALL = {
    new OverflowStrategy(Kind.BACKPRESSURE),
    new OverflowStrategy(Kind.DROP_HEAD),
    new OverflowStrategy(Kind.DROP_TAIL),
    new OverflowStrategy(Kind.DROP_BUFFER),
    new OverflowStrategy(Kind.DROP_NEW),
    new OverflowStrategy(Kind.FAIL)
  };

  private final Kind kind;

  private OverflowStrategy(Kind kind) {
    this.kind = kind;
  }

  /** Stop pulling upstream while the buffer is full. */
  public static OverflowStrategy backpressure() {
    return ALL[0];
  }

  /** Drop the oldest element in the buffer to make room. */
  public static OverflowStrategy dropHead() {
    return ALL[1];
  }

  /** Drop the youngest element in the buffer to make room. */
  public static OverflowStrategy dropTail() {
    return ALL[2];
  }

  /** Drop all buffered elements to make room. */
  public static OverflowStrategy dropBuffer() {
    return ALL[3];
  }

  /** Drop the arriving element. */
  public static OverflowStrategy dropNew() {
    return ALL[4];
  }

  /** Fail the stream. */
  public static OverflowStrategy fail() {
    return ALL[5];
  }

  /** Which strategy this is. */
  public Kind kind() {
    return kind;
  }

  @Override
  public String toString() {
    return "OverflowStrategy." + kind;
  }
}
