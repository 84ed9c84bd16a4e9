package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Function2;
import io.troupe.stream.internal.io.FramingStages;
import io.troupe.util.ByteString;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Flows that cut a stream of byte chunks into frames, whatever the chunk boundaries: by a
 * delimiter, by a length field in a header, or by the simple framing protocol (a 4-byte
 * big-endian length before each message).
 *
 * <p>Every framing flow fails the stream with a {@link FramingException} that says why when a
 * frame is longer than allowed or the input ends inside a frame (unless truncation is allowed);
 * nothing is silently cut. Emitted frames are compact copies, so they do not keep the
 * (possibly large) input chunks alive.
 */
public final class Framing {
  private Framing() {}

  /**
   * Splits the input at each occurrence of {@code delimiter}, which is not part of the frames; the
   * input must end with a delimiter.
   *
   * <p><b>Emits when</b> a delimiter has been seen and downstream pulls. <b>Backpressures
   * when</b> downstream backpressures. <b>Completes when</b> upstream completes and all frames are
   * emitted. <b>Fails when</b> a frame exceeds {@code maximumFrameLength} bytes or the input ends
   * after a partial frame. <b>Cancels when</b> downstream cancels.
   *
   * @throws IllegalArgumentException if {@code delimiter} is empty or {@code maximumFrameLength}
   *     is not positive
   */
  public static Flow<ByteString, ByteString, NotUsed> delimiter(
      ByteString delimiter, int maximumFrameLength) {
    return delimiter(delimiter, maximumFrameLength, FramingTruncation.DISALLOW);
  }

  /**
   * Like {@link #delimiter(ByteString, int)}; with {@link FramingTruncation#ALLOW} the bytes after
   * the last delimiter (if any) are emitted as a last frame instead of failing the stream.
   */
  public static Flow<ByteString, ByteString, NotUsed> delimiter(
      ByteString delimiter, int maximumFrameLength, FramingTruncation allowTruncation) {
    Objects.requireNonNull(delimiter, "delimiter");
    Objects.requireNonNull(allowTruncation, "allowTruncation");
    if (delimiter.isEmpty()) {
      throw new IllegalArgumentException("delimiter must not be empty");
    }
    requirePositive("maximumFrameLength", maximumFrameLength);
    return Flow.fromGraph(FramingStages.delimiter(
        delimiter.compact(), maximumFrameLength, allowTruncation == FramingTruncation.ALLOW));
  }

  /** Like {@link #delimiter(ByteString, int, FramingTruncation)} with a boolean, as in Scala. */
  public static Flow<ByteString, ByteString, NotUsed> delimiter(
      ByteString delimiter, int maximumFrameLength, boolean allowTruncation) {
    return delimiter(delimiter, maximumFrameLength,
        allowTruncation ? FramingTruncation.ALLOW : FramingTruncation.DISALLOW);
  }

  /**
   * Cuts frames that carry their own length in a big-endian field; see {@link #lengthField(int,
   * int, int, ByteOrder)}.
   */
  public static Flow<ByteString, ByteString, NotUsed> lengthField(
      int fieldLength, int fieldOffset, int maximumFrameLength) {
    return lengthField(fieldLength, fieldOffset, maximumFrameLength, ByteOrder.BIG_ENDIAN);
  }

  /**
   * Cuts frames laid out as {@code fieldOffset} bytes, a length field of {@code fieldLength}
   * bytes in {@code byteOrder}, and as many payload bytes as the field says. Emitted frames
   * include the header. Fields of 1 to 3 bytes are unsigned; a 4-byte field is a signed int and a
   * negative value fails the stream.
   *
   * <p><b>Emits when</b> a whole frame has arrived and downstream pulls. <b>Backpressures
   * when</b> downstream backpressures. <b>Completes when</b> upstream completes and all frames
   * are emitted. <b>Fails when</b> a frame (header included) would exceed {@code
   * maximumFrameLength}, the length is negative, or the input ends inside a frame. <b>Cancels
   * when</b> downstream cancels.
   *
   * @throws IllegalArgumentException if {@code fieldLength} is not within 1..4, {@code
   *     fieldOffset} is negative, or {@code maximumFrameLength} is not positive
   */
  public static Flow<ByteString, ByteString, NotUsed> lengthField(
      int fieldLength, int fieldOffset, int maximumFrameLength, ByteOrder byteOrder) {
    return lengthField(fieldLength, fieldOffset, maximumFrameLength, byteOrder, null);
  }

  /**
   * Like {@link #lengthField(int, int, int, ByteOrder)}, but the whole frame's size (header
   * included) is {@code computeFrameSize.apply(bytesBeforeTheField, fieldValue)}: for protocols
   * whose length field does not count the header, or counts more than the payload.
   */
  public static Flow<ByteString, ByteString, NotUsed> lengthField(
      int fieldLength,
      int fieldOffset,
      int maximumFrameLength,
      ByteOrder byteOrder,
      Function2<byte[], Integer, Integer> computeFrameSize) {
    if (fieldLength < 1 || fieldLength > 4) {
      throw new IllegalArgumentException("fieldLength must be within 1..4, was " + fieldLength);
    }
    if (fieldOffset < 0) {
      throw new IllegalArgumentException("fieldOffset must be >= 0, was " + fieldOffset);
    }
    requirePositive("maximumFrameLength", maximumFrameLength);
    Objects.requireNonNull(byteOrder, "byteOrder");
    return Flow.fromGraph(FramingStages.lengthField(
        fieldLength, fieldOffset, maximumFrameLength, byteOrder, computeFrameSize));
  }

  /**
   * Prefixes each message with its length as a 4-byte big-endian int (the simple framing
   * protocol).
   *
   * <p><b>Emits when</b> a message arrives and downstream pulls. <b>Fails when</b> a message is
   * longer than {@code maximumMessageLength}.
   *
   * @throws IllegalArgumentException if {@code maximumMessageLength} is not positive
   */
  public static Flow<ByteString, ByteString, NotUsed> simpleFramingProtocolEncoder(
      int maximumMessageLength) {
    requirePositive("maximumMessageLength", maximumMessageLength);
    return Flow.fromGraph(FramingStages.simpleEncoder(maximumMessageLength));
  }

  /**
   * Reads messages written by {@link #simpleFramingProtocolEncoder(int)}: emits each payload
   * without its 4-byte length header.
   *
   * <p><b>Fails when</b> a message is longer than {@code maximumMessageLength}, its length is
   * negative, or the input ends inside a message.
   *
   * @throws IllegalArgumentException if {@code maximumMessageLength} is not positive
   */
  public static Flow<ByteString, ByteString, NotUsed> simpleFramingProtocolDecoder(
      int maximumMessageLength) {
    requirePositive("maximumMessageLength", maximumMessageLength);
    if (maximumMessageLength > Integer.MAX_VALUE - 4) {
      throw new IllegalArgumentException(
          "maximumMessageLength must be <= " + (Integer.MAX_VALUE - 4) + ", was " + maximumMessageLength);
    }
    return lengthField(4, 0, maximumMessageLength + 4, ByteOrder.BIG_ENDIAN).map(f -> f.drop(4));
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }

  /**
   * The simple framing protocol as one protocol layer: the top direction encodes (prefixes each
   * outgoing message with its length as a 4-byte big-endian int, like {@link
   * #simpleFramingProtocolEncoder(int)}), the bottom direction decodes (cuts the incoming bytes
   * into messages without their headers, like {@link #simpleFramingProtocolDecoder(int)}).
   *
   * <pre>{@code
   * Flow<ByteString, ByteString, ?> messages =
   *     Framing.simpleFramingProtocol(64 * 1024).join(Tcp.get(system).outgoingConnection(host, port));
   * }</pre>
   *
   * <p>Each direction: <b>emits when</b> a whole message is ready and downstream pulls;
   * <b>backpressures when</b> downstream backpressures; <b>completes when</b> its upstream
   * completes and all messages are emitted; <b>fails when</b> a message is longer than {@code
   * maximumMessageLength} (with a {@link FramingException} saying so), a length is negative, or
   * the input ends inside a message; <b>cancels when</b> its downstream cancels.
   *
   * @throws IllegalArgumentException if {@code maximumMessageLength} is not positive or leaves
   *     no room for the 4-byte header within an int
   */
  public static BidiFlow<ByteString, ByteString, ByteString, ByteString, NotUsed>
      simpleFramingProtocol(int maximumMessageLength) {
    return BidiFlow.fromFlowsMat(
        simpleFramingProtocolEncoder(maximumMessageLength),
        simpleFramingProtocolDecoder(maximumMessageLength),
        Keep.left());
  }
}
