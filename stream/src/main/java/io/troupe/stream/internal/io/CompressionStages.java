package io.troupe.stream.internal.io;

import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.util.ByteString;
import io.troupe.util.ByteStringBuilder;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/** The stages behind {@code Compression}. Internal API. */
public final class CompressionStages {
  private CompressionStages() {}

  private static final int GZIP_MAGIC = 0x8b1f;
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  /** A compressor; gzip adds the gzip header and trailer around raw deflate data. */
  public static GraphStage<FlowShape<ByteString, ByteString>> compressor(
      int level, boolean gzip, boolean nowrap) {
    return new Compressor(level, gzip, nowrap);
  }

  /** A decompressor emitting chunks of at most {@code max} bytes. */
  public static GraphStage<FlowShape<ByteString, ByteString>> decompressor(
      int max, boolean gzip, boolean nowrap) {
    return new Decompressor(max, gzip, nowrap);
  }

  private abstract static class ByteFlow extends GraphStage<FlowShape<ByteString, ByteString>> {
    final Inlet<ByteString> in;
    final Outlet<ByteString> out;
    final FlowShape<ByteString, ByteString> shape;
    final String name;

    ByteFlow(String name) {
      this.name = name;
      this.in = Inlet.create(name + ".in");
      this.out = Outlet.create(name + ".out");
      this.shape = FlowShape.of(in, out);
    }

    @Override
    public final FlowShape<ByteString, ByteString> shape() {
      return shape;
    }

    @Override
    protected final Attributes initialAttributes() {
      return Attributes.name(name);
    }
  }

  static final class Compressor extends ByteFlow {
    private final int level;
    private final boolean gzip;
    private final boolean nowrap;

    Compressor(int level, boolean gzip, boolean nowrap) {
      super(gzip ? "gzip" : "deflate");
      this.level = level;
      this.gzip = gzip;
      this.nowrap = nowrap;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Deflater deflater = new Deflater(level, gzip || nowrap);
      private final CRC32 crc = new CRC32();
      private final byte[] buffer = new byte[8192];
      private boolean headerWritten;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape);
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        ByteString chunk = grab(in);
        ByteStringBuilder b = ByteString.createBuilder();
        header(b);
        if (chunk.nonEmpty()) {
          byte[] bytes = chunk.toArray();
          crc.update(bytes);
          deflater.setInput(bytes);
          drain(b, Deflater.SYNC_FLUSH);
        }
        ByteString result = b.result();
        if (result.isEmpty()) {
          pull(in);
        } else {
          push(out, result);
        }
      }

      private void header(ByteStringBuilder b) {
        if (gzip && !headerWritten) {
          b.putBytes(GZIP_HEADER);
          headerWritten = true;
        }
      }

      private void drain(ByteStringBuilder b, int flush) {
        int n;
        do {
          n = deflater.deflate(buffer, 0, buffer.length, flush);
          b.putBytes(buffer, 0, n);
        } while (n == buffer.length); // a full buffer may mean more output is waiting
      }

      @Override
      public void onPull() {
        pull(in);
      }

      @Override
      public void onUpstreamFinish() {
        ByteStringBuilder b = ByteString.createBuilder();
        header(b);
        deflater.finish();
        while (!deflater.finished()) {
          int n = deflater.deflate(buffer);
          b.putBytes(buffer, 0, n);
        }
        if (gzip) {
          b.putInt((int) crc.getValue(), ByteOrder.LITTLE_ENDIAN);
          b.putInt((int) deflater.getBytesRead(), ByteOrder.LITTLE_ENDIAN);
        }
        emit(out, b.result());
        completeStage();
      }

      @Override
      public void postStop() {
        deflater.end();
      }
    }
  }

  static final class Decompressor extends ByteFlow {
    private final int max;
    private final boolean gzip;
    private final boolean nowrap;

    Decompressor(int max, boolean gzip, boolean nowrap) {
      super(gzip ? "gunzip" : "inflate");
      this.max = max;
      this.gzip = gzip;
      this.nowrap = nowrap;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private enum State { HEADER, INFLATING, TRAILER }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Inflater inflater = new Inflater(gzip || nowrap);
      private final CRC32 crc = new CRC32();
      private State state = gzip ? State.HEADER : State.INFLATING;
      private ByteString buffer = ByteString.empty(); // input not yet given to the inflater
      private ByteString fed = ByteString.empty(); // input the inflater is working on
      private boolean atBoundary = true; // between members: the input may end here

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape);
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() throws Exception {
        buffer = buffer.concat(grab(in));
        if (isAvailable(out)) {
          onPull();
        }
      }

      @Override
      public void onUpstreamFinish() throws Exception {
        if (isAvailable(out)) {
          onPull();
        }
      }

      @Override
      public void onPull() throws Exception {
        try {
          produce();
        } catch (DataFormatException | ZipException e) {
          failStage(e);
        }
      }

      /** Pushes one chunk, or pulls for more input, or completes. */
      private void produce() throws DataFormatException, ZipException {
        while (true) {
          switch (state) {
            case HEADER -> {
              if (buffer.isEmpty() || !readHeader()) {
                needInput();
                return;
              }
            }
            case TRAILER -> {
              if (buffer.length() < 8) {
                needInput();
                return;
              }
              checkTrailer();
            }
            case INFLATING -> {
              if (inflater.needsInput() && buffer.nonEmpty()) {
                fed = buffer.compact();
                buffer = ByteString.empty();
                inflater.setInput(fed.toArray());
                atBoundary = false;
              }
              byte[] chunk = new byte[max];
              int n = inflater.inflate(chunk);
              if (n > 0) {
                if (gzip) {
                  crc.update(chunk, 0, n);
                }
                push(out, ByteString.fromArrayUnsafe(chunk, 0, n));
                return;
              }
              if (inflater.finished()) {
                // give back the bytes after the end of the compressed data
                buffer = fed.takeRight(inflater.getRemaining()).concat(buffer);
                fed = ByteString.empty();
                if (gzip) {
                  state = State.TRAILER;
                } else {
                  endOfMember();
                }
              } else if (inflater.needsDictionary()) {
                throw new ZipException("the deflate stream needs a preset dictionary");
              } else if (inflater.needsInput()) {
                needInput();
                return;
              }
            }
          }
        }
      }

      private void needInput() throws ZipException {
        if (!isClosed(in)) {
          if (!hasBeenPulled(in)) {
            pull(in);
          }
          return;
        }
        if (atBoundary && buffer.isEmpty()) {
          completeStage();
        } else {
          throw new ZipException(
              "Truncated " + (gzip ? "GZIP" : "deflate") + " stream: the input ended inside it");
        }
      }

      private void endOfMember() {
        inflater.reset();
        crc.reset();
        atBoundary = true;
        state = gzip ? State.HEADER : State.INFLATING;
      }

      /** Consumes the gzip header if all of it is there; false if more input is needed. */
      private boolean readHeader() throws ZipException {
        atBoundary = false;
        if (buffer.length() < 10) {
          return false;
        }
        int magic = (buffer.byteAt(0) & 0xff) | (buffer.byteAt(1) & 0xff) << 8;
        if (magic != GZIP_MAGIC) {
          throw new ZipException("Not in GZIP format: the stream does not start with 1f 8b");
        }
        if (buffer.byteAt(2) != 8) {
          throw new ZipException("Unsupported GZIP compression method " + buffer.byteAt(2));
        }
        int flags = buffer.byteAt(3) & 0xff;
        int pos = 10;
        if ((flags & FEXTRA) != 0) {
          if (buffer.length() < pos + 2) {
            return false;
          }
          pos += 2 + ((buffer.byteAt(pos) & 0xff) | (buffer.byteAt(pos + 1) & 0xff) << 8);
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
          if ((flags & flag) != 0) {
            int zero = buffer.indexOf((byte) 0, pos);
            if (zero < 0) {
              return false;
            }
            pos = zero + 1;
          }
        }
        if ((flags & FHCRC) != 0) {
          pos += 2;
        }
        if (buffer.length() < pos) {
          return false;
        }
        buffer = buffer.drop(pos);
        state = State.INFLATING;
        return true;
      }

      private void checkTrailer() throws ZipException {
        long crcValue = readIntLe(0) & 0xffffffffL;
        long size = readIntLe(4) & 0xffffffffL;
        if (crcValue != crc.getValue()) {
          throw new ZipException("Corrupt GZIP trailer: CRC32 mismatch");
        }
        if (size != (inflater.getBytesWritten() & 0xffffffffL)) {
          throw new ZipException("Corrupt GZIP trailer: size mismatch");
        }
        buffer = buffer.drop(8);
        endOfMember();
      }

      private int readIntLe(int at) {
        int v = 0;
        for (int i = 3; i >= 0; i--) {
          v = (v << 8) | (buffer.byteAt(at + i) & 0xff);
        }
        return v;
      }

      @Override
      public void postStop() {
        inflater.end();
      }
    }
  }
}
