package io.troupe.stream.internal.io;

import io.troupe.japi.function.Function2;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.FramingException;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.util.ByteString;
import io.troupe.util.ByteStringBuilder;
import java.nio.ByteOrder;
import java.util.function.Supplier;

/** The stages behind {@code Framing} and {@code JsonFraming}. Internal API. */
public final class FramingStages {
  private FramingStages() {}

  /** A stage cutting at {@code delimiter} (compact, non-empty). */
  public static GraphStage<FlowShape<ByteString, ByteString>> delimiter(
      ByteString delimiter, int maximumFrameLength, boolean allowTruncation) {
    return new ParserStage("delimiterFraming",
        () -> new DelimiterParser(delimiter, maximumFrameLength, allowTruncation));
  }

  /** A stage cutting frames by a length field. */
  public static GraphStage<FlowShape<ByteString, ByteString>> lengthField(
      int fieldLength, int fieldOffset, int maximumFrameLength, ByteOrder order,
      Function2<byte[], Integer, Integer> computeFrameSize) {
    return new ParserStage("lengthFieldFraming", () -> new LengthFieldParser(
        fieldLength, fieldOffset, maximumFrameLength, order, computeFrameSize));
  }

  /** A stage emitting JSON objects. */
  public static GraphStage<FlowShape<ByteString, ByteString>> jsonObjects(int maximumObjectLength) {
    return new ParserStage("jsonObjectScanner", () -> new JsonObjectParser(maximumObjectLength));
  }

  /** A stage prefixing each message with its 4-byte big-endian length. */
  public static GraphStage<FlowShape<ByteString, ByteString>> simpleEncoder(int maximumMessageLength) {
    return new SimpleEncoder(maximumMessageLength);
  }

  /** Cuts frames out of the bytes appended to it; one instance per materialization. */
  abstract static class FrameParser {
    /** Appends between compactions: keeps a long frame of tiny chunks from a huge rope. */
    private static final int COMPACT_EVERY = 64;

    ByteString buffer = ByteString.empty();
    private int appends;

    void append(ByteString chunk) {
      buffer = buffer.concat(chunk);
      if (++appends >= COMPACT_EVERY) {
        buffer = buffer.compact();
        appends = 0;
      }
    }

    /** The next complete frame, or null when more input is needed. */
    abstract ByteString next() throws Exception;

    /** Called once no complete frame is left and the input ended: a last frame, or null. */
    abstract ByteString finish() throws Exception;
  }

  /**
   * Runs a {@link FrameParser}: pulls while no frame is complete, emits one frame per pull, and
   * asks the parser for its last word when the input ends.
   */
  static final class ParserStage extends GraphStage<FlowShape<ByteString, ByteString>> {
    private final Inlet<ByteString> in;
    private final Outlet<ByteString> out;
    private final FlowShape<ByteString, ByteString> shape;
    private final String name;
    private final Supplier<FrameParser> parsers;

    ParserStage(String name, Supplier<FrameParser> parsers) {
      this.name = name;
      this.in = Inlet.create(name + ".in");
      this.out = Outlet.create(name + ".out");
      this.shape = FlowShape.of(in, out);
      this.parsers = parsers;
    }

    @Override
    public FlowShape<ByteString, ByteString> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name(name);
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic(parsers.get());
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final FrameParser parser;

      @SuppressWarnings("this-escape")
      Logic(FrameParser parser) {
        super(shape);
        this.parser = parser;
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() throws Exception {
        parser.append(grab(in));
        if (isAvailable(out)) {
          onPull();
        }
      }

      @Override
      public void onPull() throws Exception {
        ByteString frame;
        try {
          frame = parser.next();
        } catch (FramingException e) {
          failStage(e);
          return;
        }
        if (frame != null) {
          push(out, frame);
        } else if (isClosed(in)) {
          finish();
        } else if (!hasBeenPulled(in)) {
          pull(in);
        }
      }

      @Override
      public void onUpstreamFinish() throws Exception {
        if (isAvailable(out)) {
          onPull();
        }
        // otherwise the next pull drains the remaining frames and then finishes
      }

      private void finish() throws Exception {
        ByteString last;
        try {
          last = parser.finish();
        } catch (FramingException e) {
          failStage(e);
          return;
        }
        if (last != null) {
          push(out, last);
        }
        completeStage();
      }
    }
  }

  /**
   * Frames end at a delimiter.
   *
   * <p>The buffer is scanned once: {@code start} is where the current frame begins and {@code
   * searchFrom} where a delimiter may still begin, both indexes into {@code buffer}. Cutting a
   * frame only moves them; the consumed prefix is dropped when the next chunk is appended, so a
   * chunk holding many frames is not re-sliced per frame. A one-byte delimiter is searched with
   * {@link ByteString#indexOf(byte, int)}, which scans each chunk eight bytes at a time.
   */
  static final class DelimiterParser extends FrameParser {
    private final ByteString delimiter;
    private final int delimiterLength;
    private final byte firstByte;
    private final int max;
    private final boolean allowTruncation;
    private int start;
    private int searchFrom;

    DelimiterParser(ByteString delimiter, int max, boolean allowTruncation) {
      this.delimiter = delimiter;
      this.delimiterLength = delimiter.length();
      this.firstByte = delimiter.byteAt(0);
      this.max = max;
      this.allowTruncation = allowTruncation;
    }

    @Override
    void append(ByteString chunk) {
      if (start > 0) {
        buffer = buffer.drop(start);
        searchFrom -= start;
        start = 0;
      }
      super.append(chunk);
    }

    @Override
    ByteString next() {
      int at = delimiterLength == 1
          ? buffer.indexOf(firstByte, searchFrom)
          : buffer.indexOfSlice(delimiter, searchFrom);
      if (at < 0) {
        int buffered = buffer.length() - start;
        // The frame is at least as long as the bytes that cannot start a delimiter.
        if (buffered - delimiterLength + 1 > max) {
          throw new FramingException("Read " + buffered + " bytes which is more than "
              + max + " without seeing a delimiter");
        }
        searchFrom = Math.max(start, buffer.length() - delimiterLength + 1);
        return null;
      }
      int frameLength = at - start;
      if (frameLength > max) {
        throw new FramingException("Read a frame of " + frameLength + " bytes which is more than "
            + max + " before the delimiter");
      }
      ByteString frame = buffer.slice(start, at).compact();
      start = at + delimiterLength;
      searchFrom = start;
      if (start == buffer.length()) {
        buffer = ByteString.empty();
        start = 0;
        searchFrom = 0;
      }
      return frame;
    }

    @Override
    ByteString finish() {
      ByteString rest = buffer.drop(start);
      buffer = ByteString.empty();
      start = 0;
      searchFrom = 0;
      if (rest.isEmpty()) {
        return null;
      }
      if (!allowTruncation) {
        throw new FramingException("Stream finished but there was a truncated final frame of "
            + rest.length() + " bytes in the buffer (no delimiter after it)");
      }
      if (rest.length() > max) {
        throw new FramingException("The truncated final frame of " + rest.length()
            + " bytes is longer than " + max);
      }
      return rest.compact();
    }
  }

  /** Frames carry their length in a header field. */
  static final class LengthFieldParser extends FrameParser {
    private final int fieldLength;
    private final int fieldOffset;
    private final int max;
    private final ByteOrder order;
    private final Function2<byte[], Integer, Integer> computeFrameSize;
    private final int headerLength;

    LengthFieldParser(int fieldLength, int fieldOffset, int max, ByteOrder order,
        Function2<byte[], Integer, Integer> computeFrameSize) {
      this.fieldLength = fieldLength;
      this.fieldOffset = fieldOffset;
      this.max = max;
      this.order = order;
      this.computeFrameSize = computeFrameSize;
      this.headerLength = fieldOffset + fieldLength;
    }

    @Override
    ByteString next() throws Exception {
      if (buffer.length() < headerLength) {
        return null;
      }
      int value = readField();
      if (value < 0) {
        throw new FramingException("Decoded frame header reported a negative size: " + value);
      }
      long frameSize;
      if (computeFrameSize != null) {
        Integer computed = computeFrameSize.apply(buffer.take(fieldOffset).toArray(), value);
        if (computed == null || computed < headerLength) {
          throw new FramingException("Computed frame size " + computed
              + " is less than the header length " + headerLength);
        }
        frameSize = computed;
      } else {
        frameSize = (long) value + headerLength;
      }
      if (frameSize > max) {
        throw new FramingException(
            "Maximum allowed frame length exceeded: " + frameSize + " > " + max);
      }
      if (buffer.length() < frameSize) {
        return null;
      }
      ByteString frame = buffer.slice(0, (int) frameSize).compact();
      buffer = buffer.drop((int) frameSize);
      return frame;
    }

    private int readField() {
      int v = 0;
      for (int i = 0; i < fieldLength; i++) {
        int b = buffer.byteAt(fieldOffset + i) & 0xff;
        if (order == ByteOrder.BIG_ENDIAN) {
          v = (v << 8) | b;
        } else {
          v |= b << (8 * i);
        }
      }
      return v;
    }

    @Override
    ByteString finish() {
      if (buffer.isEmpty()) {
        return null;
      }
      throw new FramingException("Stream finished but there was a truncated final frame of "
          + buffer.length() + " bytes in the buffer");
    }
  }

  /** Emits each top-level JSON object. */
  static final class JsonObjectParser extends FrameParser {
    private final int max;
    private int pos; // next byte to scan
    private int depth;
    private boolean inString;
    private boolean escaped;
    private long consumed; // bytes dropped from the buffer so far, for error positions

    JsonObjectParser(int max) {
      this.max = max;
    }

    @Override
    ByteString next() {
      int n = buffer.length();
      while (pos < n) {
        byte b = buffer.byteAt(pos);
        if (depth == 0) {
          if (b == '{') {
            buffer = buffer.drop(pos);
            consumed += pos;
            n = buffer.length();
            pos = 0;
            depth = 1;
          } else if (!(b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == ','
              || b == '[' || b == ']')) {
            throw new FramingException("Invalid JSON encountered at byte " + (consumed + pos)
                + ": '" + (char) (b & 0xff) + "' outside of an object");
          }
        } else if (inString) {
          if (escaped) {
            escaped = false;
          } else if (b == '\\') {
            escaped = true;
          } else if (b == '"') {
            inString = false;
          }
        } else if (b == '"') {
          inString = true;
        } else if (b == '{') {
          depth++;
        } else if (b == '}') {
          depth--;
          if (depth == 0) {
            ByteString object = buffer.slice(0, pos + 1).compact();
            buffer = buffer.drop(pos + 1);
            consumed += pos + 1;
            pos = 0;
            return object;
          }
        }
        pos++;
        if (depth > 0 && pos > max) {
          throw new FramingException("JSON object at byte " + consumed
              + " exceeded the maximum object length of " + max + " bytes");
        }
      }
      if (depth == 0) {
        consumed += pos;
        buffer = ByteString.empty();
        pos = 0;
      }
      return null;
    }

    @Override
    ByteString finish() {
      if (depth > 0) {
        throw new FramingException("Stream finished inside a JSON object of at least "
            + buffer.length() + " bytes (starting at byte " + consumed + ")");
      }
      return null;
    }
  }

  /** Prefixes messages with a 4-byte big-endian length. */
  static final class SimpleEncoder extends GraphStage<FlowShape<ByteString, ByteString>> {
    private final Inlet<ByteString> in = Inlet.create("simpleFramingEncoder.in");
    private final Outlet<ByteString> out = Outlet.create("simpleFramingEncoder.out");
    private final FlowShape<ByteString, ByteString> shape = FlowShape.of(in, out);
    private final int max;

    SimpleEncoder(int max) {
      this.max = max;
    }

    @Override
    public FlowShape<ByteString, ByteString> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("simpleFramingEncoder");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      @SuppressWarnings("this-escape")
      Logic() {
        super(shape);
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        ByteString msg = grab(in);
        if (msg.length() > max) {
          failStage(new FramingException("Maximum allowed message size is " + max
              + " but tried to send " + msg.length() + " bytes"));
          return;
        }
        ByteStringBuilder b = ByteString.createBuilder();
        b.putInt(msg.length(), ByteOrder.BIG_ENDIAN).append(msg);
        push(out, b.result());
      }

      @Override
      public void onPull() {
        pull(in);
      }
    }
  }
}
