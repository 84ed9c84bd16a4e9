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
import io.troupe.stream.stage.AsyncCallback;
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
import java.util.ArrayList;
import java.util.List;
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

  /** Bytes a file source reads with one call, as whole chunks: fewer system calls per chunk. */
  static final int FILE_READ_AHEAD = 64 * 1024;

  /**
   * Bytes of chunks a file sink collects within a demand round before it writes them; also the
   * size of the buffer it writes them from, so a full batch of chunks is one system call.
   */
  static final int FILE_WRITE_BATCH = 128 * 1024;

  /** Reads bytes with blocking calls. */
  public interface ByteReader extends AutoCloseable {
    /** Reads into {@code into}; returns the count, or -1 at the end. */
    int read(byte[] into) throws IOException;

    /**
     * The next chunk of at most {@code chunkSize} bytes in an array of its own, or null at the
     * end. By default one {@link #read} per chunk.
     */
    default ByteString readChunk(int chunkSize) throws IOException {
      byte[] chunk = new byte[chunkSize];
      int n = read(chunk);
      return n < 0 ? null : ByteString.fromArrayUnsafe(chunk, 0, n);
    }

    @Override
    void close() throws IOException;
  }

  /** Writes bytes with blocking calls. */
  public interface ByteWriter extends AutoCloseable {
    /** Writes all of {@code bytes}. */
    void write(ByteString bytes) throws IOException;

    /**
     * Whether {@link #writeAll} writes several chunks at a lower cost than one {@link #write}
     * each, so that the sink should collect chunks within a demand round.
     */
    default boolean gathers() {
      return false;
    }

    /** Writes all of {@code chunks}, in order. */
    default void writeAll(List<ByteString> chunks) throws IOException {
      for (ByteString c : chunks) {
        write(c);
      }
    }

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
        // Whole chunks read ahead with one call into a buffer outside the heap (a heap buffer
        // would be copied through the JDK's own direct buffer first); each chunk is copied out
        // into an array of its own, so no chunk holds on to the buffer.
        private ByteBuffer ahead;
        private boolean eof;

        @Override
        public int read(byte[] into) throws IOException {
          return ch.read(ByteBuffer.wrap(into));
        }

        @Override
        public ByteString readChunk(int chunkSize) throws IOException {
          if (ahead == null) {
            ahead = ByteBuffer.allocateDirect(chunkSize * Math.max(1, FILE_READ_AHEAD / chunkSize));
            ahead.flip();
          }
          if (ahead.remaining() < chunkSize && !eof) {
            ahead.compact();
            while (ahead.hasRemaining()) {
              int n = ch.read(ahead);
              if (n < 0) {
                eof = true;
                break;
              }
              if (n == 0) {
                break;
              }
            }
            ahead.flip();
          }
          int n = Math.min(chunkSize, ahead.remaining());
          if (n == 0) {
            return eof ? null : ByteString.empty();
          }
          byte[] chunk = new byte[n];
          ahead.get(chunk);
          return ByteString.fromArrayUnsafe(chunk);
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
        // Chunks are copied into one buffer outside the heap that the writer owns and written
        // from there, a buffer-full per call. A write of heap buffers makes the JDK copy each
        // into a temporary direct buffer of its own first: the same copy, plus bookkeeping per
        // buffer and a scattered I/O vector (measured: a write of 256 MB in 8 KiB chunks took
        // about 15% longer as gathering writes of 16 heap buffers). Nothing stays in the buffer
        // after a call, so bytes count as written only once they are in the file.
        private ByteBuffer out;

        @Override
        public void write(ByteString bytes) throws IOException {
          writeAll(List.of(bytes));
        }

        @Override
        public boolean gathers() {
          return true;
        }

        @Override
        public void writeAll(List<ByteString> chunks) throws IOException {
          if (out == null) {
            out = ByteBuffer.allocateDirect(FILE_WRITE_BATCH);
          }
          try {
            for (ByteString c : chunks) {
              for (ByteBuffer b : c.asByteBuffers()) {
                int end = b.limit();
                while (b.hasRemaining()) {
                  if (!out.hasRemaining()) {
                    drain();
                  }
                  b.limit(Math.min(end, b.position() + out.remaining()));
                  out.put(b);
                  b.limit(end);
                }
              }
            }
            drain();
          } finally {
            out.clear(); // after a failure, what was not written is dropped with the chunks
          }
        }

        /** Writes all of the buffer, repeated if partial, and empties it. */
        private void drain() throws IOException {
          out.flip();
          while (out.hasRemaining()) {
            ch.write(out);
          }
          out.clear();
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
        ByteString chunk;
        try {
          chunk = reader.readChunk(chunkSize);
        } catch (Exception e) {
          failWith(e);
          return;
        }
        if (chunk == null) {
          result.complete(new IOResult(count));
          completeStage();
          return;
        }
        count += chunk.length();
        push(out, chunk);
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

    /*
     * A writer that gathers gets the chunks of one demand round in one call: a chunk is added to
     * `pending` and, unless FILE_WRITE_BATCH bytes are pending (then they are written at once), a
     * flush is queued to this island through an async callback; it runs once the island has
     * handled what is queued now, i.e. after the chunks that were ready arrived. Bytes count as
     * written only once written.
     */
    private final class Logic extends GraphStageLogic implements InHandler {
      private final CompletableFuture<IOResult> result;
      private final AsyncCallback<Object> flush;
      private final List<ByteString> pending = new ArrayList<>();
      private int pendingBytes;
      private boolean flushQueued;
      private ByteWriter writer;
      private long count;

      @SuppressWarnings("this-escape")
      Logic(CompletableFuture<IOResult> result) {
        super(shape);
        this.result = result;
        this.flush = getAsyncCallback(x -> {
          flushQueued = false;
          writePending();
        });
        setHandler(in, this);
      }

      /** Writes what is pending; false if that failed the stage. */
      private boolean writePending() {
        if (pending.isEmpty() || writer == null) {
          return true;
        }
        try {
          writer.writeAll(pending);
        } catch (Exception e) {
          pending.clear();
          failWith(e);
          return false;
        }
        count += pendingBytes;
        pending.clear();
        pendingBytes = 0;
        return true;
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
        if (writer.gathers()) {
          if (bytes.nonEmpty()) {
            pending.add(bytes);
            pendingBytes += bytes.length();
            if (pendingBytes >= FILE_WRITE_BATCH) {
              if (!writePending()) {
                return;
              }
            } else if (!flushQueued) {
              flushQueued = true;
              flush.invoke(Boolean.TRUE);
            }
          }
          pull(in);
          return;
        }
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
        if (!writePending()) {
          return;
        }
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
        if (!writePending()) {
          return; // failed with the write's own error
        }
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
