package io.troupe.stream.internal.io;

import io.troupe.japi.Pair;
import io.troupe.japi.function.Creator;
import io.troupe.stream.AbruptStageTerminationException;
import io.troupe.stream.ActorAttributes;
import io.troupe.stream.Attributes;
import io.troupe.stream.IOOperationIncompleteException;
import io.troupe.stream.IOResult;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.SinkShape;
import io.troupe.stream.SourceShape;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.util.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sources and sinks that read or write with blocking calls (files, {@code InputStream}, {@code
 * OutputStream}). Each runs in an island of its own on the blocking IO dispatcher, so its
 * blocking calls never hold up the threads that run other streams. Internal API.
 */
public final class BlockingIo {
  private BlockingIo() {}

  /** The attributes of a blocking stage: its name, an island of its own, the IO dispatcher. */
  static Attributes blockingStage(String name) {
    return Attributes.name(name)
        .and(Attributes.asyncBoundary())
        .and(ActorAttributes.blockingIoDispatcher());
  }

  /** Reads bytes with blocking calls. */
  public interface ByteReader extends AutoCloseable {
    /** Reads into {@code into}; returns the count, or -1 at the end. */
    int read(byte[] into) throws IOException;

    @Override
    void close() throws IOException;
  }

  /** Writes bytes with blocking calls. */
  public interface ByteWriter extends AutoCloseable {
    /** Writes all of {@code bytes}. */
    void write(ByteString bytes) throws IOException;

    @Override
    void close() throws IOException;
  }

  /** A reader of {@code path} from {@code position}. */
  public static Creator<ByteReader> fileReader(Path path, long position) {
    return () -> {
      FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
      try {
        ch.position(position);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      return new ByteReader() {
        @Override
        public int read(byte[] into) throws IOException {
          return ch.read(ByteBuffer.wrap(into));
        }

        @Override
        public void close() throws IOException {
          ch.close();
        }
      };
    };
  }

  /** A writer to {@code path}, opened with {@code options}, from {@code position}. */
  public static Creator<ByteWriter> fileWriter(Path path, Set<? extends OpenOption> options,
      long position) {
    return () -> {
      FileChannel ch = FileChannel.open(path, options);
      try {
        if (position > 0) {
          ch.position(position);
        }
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      return new ByteWriter() {
        @Override
        public void write(ByteString bytes) throws IOException {
          ByteBuffer[] buffers = bytes.asByteBuffers().toArray(new ByteBuffer[0]);
          long left = bytes.length();
          while (left > 0) {
            left -= ch.write(buffers);
          }
        }

        @Override
        public void close() throws IOException {
          ch.close();
        }
      };
    };
  }

  /** A reader of the stream {@code in} creates. */
  public static Creator<ByteReader> streamReader(Creator<? extends InputStream> in) {
    return () -> {
      InputStream s = java.util.Objects.requireNonNull(in.create(), "the created InputStream");
      return new ByteReader() {
        @Override
        public int read(byte[] into) throws IOException {
          return s.read(into, 0, into.length);
        }

        @Override
        public void close() throws IOException {
          s.close();
        }
      };
    };
  }

  /** A writer to the stream {@code out} creates, flushing after each write if asked. */
  public static Creator<ByteWriter> streamWriter(Creator<? extends OutputStream> out,
      boolean autoFlush) {
    return () -> {
      OutputStream s = java.util.Objects.requireNonNull(out.create(), "the created OutputStream");
      return new ByteWriter() {
        @Override
        public void write(ByteString bytes) throws IOException {
          bytes.writeToOutputStream(s);
          if (autoFlush) {
            s.flush();
          }
        }

        @Override
        public void close() throws IOException {
          s.close();
        }
      };
    };
  }

  /**
   * Emits chunks of at most {@code chunkSize} bytes read from a reader opened at start, and
   * materializes the number of bytes read.
   */
  public static final class ReadSource
      extends GraphStageWithMaterializedValue<SourceShape<ByteString>, CompletionStage<IOResult>> {
    private final Outlet<ByteString> out;
    private final SourceShape<ByteString> shape;
    private final String name;
    private final Creator<ByteReader> opener;
    private final int chunkSize;

    /** The stage. */
    public ReadSource(String name, Creator<ByteReader> opener, int chunkSize) {
      this.name = name;
      this.out = Outlet.create(name + ".out");
      this.shape = SourceShape.of(out);
      this.opener = opener;
      this.chunkSize = chunkSize;
    }

    @Override
    public SourceShape<ByteString> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return blockingStage(name);
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<IOResult>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      CompletableFuture<IOResult> result = new CompletableFuture<>();
      return Pair.create(new Logic(result), result);
    }

    private final class Logic extends GraphStageLogic implements OutHandler {
      private final CompletableFuture<IOResult> result;
      private ByteReader reader;
      private long count;

      @SuppressWarnings("this-escape")
      Logic(CompletableFuture<IOResult> result) {
        super(shape);
        this.result = result;
        setHandler(out, this);
      }

      @Override
      public void preStart() {
        try {
          reader = opener.create();
        } catch (Exception e) {
          failWith(e);
        }
      }

      @Override
      public void onPull() {
        byte[] chunk = new byte[chunkSize];
        int n;
        try {
          n = reader.read(chunk);
        } catch (Exception e) {
          failWith(e);
          return;
        }
        if (n < 0) {
          result.complete(new IOResult(count));
          completeStage();
          return;
        }
        count += n;
        push(out, ByteString.fromArrayUnsafe(chunk, 0, n));
      }

      @Override
      public void onDownstreamFinish(Throwable cause) {
        if (cause == noMoreElementsNeeded()) {
          result.complete(new IOResult(count));
        } else {
          result.completeExceptionally(new IOOperationIncompleteException(count, cause));
        }
        cancelStage(cause);
      }

      private void failWith(Exception e) {
        result.completeExceptionally(new IOOperationIncompleteException(count, e));
        failStage(e);
      }

      @Override
      public void postStop() {
        closeQuietly(reader);
        result.completeExceptionally(new IOOperationIncompleteException(count,
            abrupt(name)));
      }
    }
  }

  /** Writes every chunk with a writer opened at start; materializes the number of bytes written. */
  public static final class WriteSink
      extends GraphStageWithMaterializedValue<SinkShape<ByteString>, CompletionStage<IOResult>> {
    private final Inlet<ByteString> in;
    private final SinkShape<ByteString> shape;
    private final String name;
    private final Creator<ByteWriter> opener;

    /** The stage. */
    public WriteSink(String name, Creator<ByteWriter> opener) {
      this.name = name;
      this.in = Inlet.create(name + ".in");
      this.shape = SinkShape.of(in);
      this.opener = opener;
    }

    @Override
    public SinkShape<ByteString> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return blockingStage(name);
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<IOResult>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      CompletableFuture<IOResult> result = new CompletableFuture<>();
      return Pair.create(new Logic(result), result);
    }

    private final class Logic extends GraphStageLogic implements InHandler {
      private final CompletableFuture<IOResult> result;
      private ByteWriter writer;
      private long count;

      @SuppressWarnings("this-escape")
      Logic(CompletableFuture<IOResult> result) {
        super(shape);
        this.result = result;
        setHandler(in, this);
      }

      @Override
      public void preStart() {
        try {
          writer = opener.create();
        } catch (Exception e) {
          failWith(e);
          return;
        }
        pull(in);
      }

      @Override
      public void onPush() {
        ByteString bytes = grab(in);
        try {
          writer.write(bytes);
        } catch (Exception e) {
          failWith(e);
          return;
        }
        count += bytes.length();
        pull(in);
      }

      @Override
      public void onUpstreamFinish() {
        try {
          ByteWriter w = writer;
          writer = null;
          w.close();
        } catch (Exception e) {
          failWith(e);
          return;
        }
        result.complete(new IOResult(count));
        completeStage();
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        result.completeExceptionally(new IOOperationIncompleteException(count, ex));
        failStage(ex);
      }

      private void failWith(Exception e) {
        result.completeExceptionally(new IOOperationIncompleteException(count, e));
        failStage(e);
      }

      @Override
      public void postStop() {
        closeQuietly(writer);
        result.completeExceptionally(new IOOperationIncompleteException(count,
            abrupt(name)));
      }
    }
  }

  private static AbruptStageTerminationException abrupt(String name) {
    return new AbruptStageTerminationException("stage " + name + " stopped before it finished");
  }

  static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing after the outcome is decided; nothing left to report it to
      }
    }
  }
}
