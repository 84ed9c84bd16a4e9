package io.troupe.stream.internal.io;

import io.troupe.japi.Pair;
import io.troupe.japi.function.Creator;
import io.troupe.stream.AbruptStageTerminationException;
import io.troupe.stream.Attributes;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.SinkShape;
import io.troupe.stream.SourceShape;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.util.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.BaseStream;
import java.util.stream.Collector;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Bridges between streams and code that blocks a thread of its own: a sink read through an
 * {@link InputStream} or a {@link Stream}, a source written through an {@link OutputStream},
 * and a source that iterates a {@link BaseStream}. Internal API.
 *
 * <p>The stage side never blocks: it hands elements to, or takes them from, a queue bounded by
 * a fixed number of elements, and the user's thread blocks on that queue. The user's side wakes
 * the stage through async callbacks, so backpressure holds across the bridge.
 */
public final class BlockingBridges {
  private BlockingBridges() {}

  private static final Object END = new Object();

  private record Failed(Throwable cause) {}

  // ---- sink → blocking reader

  /** The user's end of a {@link QueueSink}: takes elements, blocking. */
  public static final class BlockingReader<T> {
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile AsyncCallback<Integer> consumed;
    private volatile AsyncCallback<Integer> cancel;
    private Object terminal;

    BlockingReader() {}

    /**
     * The next element, {@code null} after {@code timeout} without one (a null timeout waits
     * forever), or the end: see {@link #isEnd}. A failure of the stream is thrown.
     */
    @SuppressWarnings("unchecked")
    Object poll(Duration timeout) throws InterruptedException {
      if (terminal != null) {
        return terminal;
      }
      Object o = timeout == null
          ? queue.take()
          : queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (o == null) {
        return null;
      }
      if (o == END || o instanceof Failed) {
        terminal = o;
        return o;
      }
      consumed.invoke(1);
      return (T) o;
    }

    static boolean isEnd(Object o) {
      return o == END;
    }

    static Throwable failure(Object o) {
      return o instanceof Failed f ? f.cause() : null;
    }

    /** No more elements are wanted: cancels the stage. */
    void close() {
      if (terminal == null) {
        terminal = END;
      }
      cancel.invoke(0);
    }
  }

  /** A sink that feeds a {@link BlockingReader}, keeping at most {@code capacity} elements. */
  public static final class QueueSink<T>
      extends GraphStageWithMaterializedValue<SinkShape<T>, BlockingReader<T>> {
    private final Inlet<T> in = Inlet.create("queueSink.in");
    private final SinkShape<T> shape = SinkShape.of(in);
    private final String name;
    private final int capacity;

    /** The stage. */
    public QueueSink(String name, int capacity) {
      this.name = name;
      this.capacity = capacity;
    }

    @Override
    public SinkShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name(name);
    }

    @Override
    public Pair<GraphStageLogic, BlockingReader<T>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      BlockingReader<T> reader = new BlockingReader<>();
      return Pair.create(new Logic(reader), reader);
    }

    private final class Logic extends GraphStageLogic implements InHandler {
      private final BlockingReader<T> reader;
      private int inFlight;
      private boolean finished;

      @SuppressWarnings("this-escape")
      Logic(BlockingReader<T> reader) {
        super(shape);
        this.reader = reader;
        reader.consumed = getAsyncCallback(this::onConsumed);
        reader.cancel = getAsyncCallback(x -> completeStage());
        setHandler(in, this);
      }

      @Override
      public void preStart() {
        pull(in);
      }

      @Override
      public void onPush() {
        reader.queue.add(grab(in));
        inFlight++;
        if (inFlight < capacity) {
          pull(in);
        }
      }

      private void onConsumed(int n) {
        inFlight -= n;
        if (inFlight < capacity && !isClosed(in) && !hasBeenPulled(in)) {
          pull(in);
        }
      }

      @Override
      public void onUpstreamFinish() {
        finished = true;
        reader.queue.add(END);
        completeStage();
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        finished = true;
        reader.queue.add(new Failed(ex));
        failStage(ex);
      }

      @Override
      public void postStop() {
        if (!finished) {
          reader.queue.add(new Failed(new AbruptStageTerminationException(
              "stage " + name + " stopped before its upstream finished")));
        }
      }
    }
  }

  /** An input stream over the chunks a {@link BlockingReader} yields. */
  public static InputStream inputStream(BlockingReader<ByteString> reader, Duration readTimeout) {
    return new ChunkInputStream(reader, readTimeout);
  }

  private static final class ChunkInputStream extends InputStream {
    private final BlockingReader<ByteString> reader;
    private final Duration timeout;
    private ByteString current = ByteString.empty();
    private int pos;
    private boolean closed;

    ChunkInputStream(BlockingReader<ByteString> reader, Duration timeout) {
      this.reader = reader;
      this.timeout = timeout;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (closed) {
        throw new IOException("this InputStream is closed");
      }
      if (len == 0) {
        return 0;
      }
      while (pos >= current.length()) {
        Object o;
        try {
          o = reader.poll(timeout);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for data from the stream");
        }
        if (o == null) {
          throw new IOException("no data from the stream within the read timeout of " + timeout);
        }
        if (BlockingReader.isEnd(o)) {
          return -1;
        }
        Throwable failure = BlockingReader.failure(o);
        if (failure != null) {
          throw new IOException("the stream feeding this InputStream failed: " + failure, failure);
        }
        current = (ByteString) o;
        pos = 0;
      }
      int n = Math.min(len, current.length() - pos);
      current.slice(pos, pos + n).copyToArray(b, off);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return closed ? 0 : current.length() - pos;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        reader.close();
      }
    }
  }

  /** A sequential stream of what a {@link BlockingReader} yields; closing it cancels the sink. */
  public static <T> Stream<T> javaStream(BlockingReader<T> reader) {
    Iterator<T> it = new Iterator<>() {
      private Object next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          try {
            next = reader.poll(null);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stream", e);
          }
        }
        Throwable failure = BlockingReader.failure(next);
        if (failure instanceof RuntimeException r) {
          throw r;
        } else if (failure != null) {
          throw new CompletionException(failure);
        }
        return !BlockingReader.isEnd(next);
      }

      @Override
      @SuppressWarnings("unchecked")
      public T next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        T t = (T) next;
        next = null;
        return t;
      }
    };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(reader::close);
  }

  // ---- blocking writer → source

  /** The user's end of a {@link QueueSource}: offers elements, blocking while the buffer is full. */
  public static final class BlockingWriter<T> {
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore room;
    private volatile AsyncCallback<Integer> wakeUp;
    private volatile boolean stopped;
    private volatile boolean completed;

    BlockingWriter(int capacity) {
      this.room = new Semaphore(capacity);
    }

    /** Adds {@code elem}, waiting at most {@code timeout} for room. */
    void offer(T elem, Duration timeout) throws IOException {
      if (completed) {
        throw new IOException("this OutputStream is closed");
      }
      if (stopped) {
        throw new IOException("the stream this OutputStream feeds has stopped");
      }
      boolean got;
      try {
        got = room.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for downstream demand");
      }
      if (!got) {
        throw new IOException("no downstream demand within the write timeout of " + timeout);
      }
      if (stopped) {
        throw new IOException("the stream this OutputStream feeds has stopped");
      }
      queue.add(elem);
      wakeUp.invoke(0);
    }

    /** Ends the source after the elements offered so far. */
    void complete() {
      if (!completed) {
        completed = true;
        queue.add(END);
        wakeUp.invoke(0);
      }
    }
  }

  /** A source that emits what its {@link BlockingWriter} is given, buffering at most {@code capacity}. */
  public static final class QueueSource<T>
      extends GraphStageWithMaterializedValue<SourceShape<T>, BlockingWriter<T>> {
    private final Outlet<T> out = Outlet.create("queueSource.out");
    private final SourceShape<T> shape = SourceShape.of(out);
    private final String name;
    private final int capacity;

    /** The stage. */
    public QueueSource(String name, int capacity) {
      this.name = name;
      this.capacity = capacity;
    }

    @Override
    public SourceShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name(name);
    }

    @Override
    public Pair<GraphStageLogic, BlockingWriter<T>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      BlockingWriter<T> writer = new BlockingWriter<>(capacity);
      return Pair.create(new Logic(writer), writer);
    }

    private final class Logic extends GraphStageLogic implements OutHandler {
      private final BlockingWriter<T> writer;

      @SuppressWarnings("this-escape")
      Logic(BlockingWriter<T> writer) {
        super(shape);
        this.writer = writer;
        writer.wakeUp = getAsyncCallback(x -> drain());
        setHandler(out, this);
      }

      @Override
      public void onPull() {
        drain();
      }

      @SuppressWarnings("unchecked")
      private void drain() {
        Object head = writer.queue.peek();
        if (head == END) {
          completeStage();
        } else if (head != null && isAvailable(out)) {
          writer.queue.poll();
          writer.room.release();
          push(out, (T) head);
          if (writer.queue.peek() == END) {
            completeStage();
          }
        }
      }

      @Override
      public void postStop() {
        writer.stopped = true;
        writer.room.release(Integer.MAX_VALUE / 2); // wake every blocked writer; they see stopped
      }
    }
  }

  /** An output stream that offers a copy of each write to {@code writer}. */
  public static OutputStream outputStream(BlockingWriter<ByteString> writer, Duration writeTimeout) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        writer.offer(ByteString.fromInts(b), writeTimeout);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len > 0) {
          writer.offer(ByteString.fromArray(b, off, len), writeTimeout);
        }
      }

      @Override
      public void close() {
        writer.complete();
      }
    };
  }

  // ---- java.util.stream source and collector sink

  /** Emits the elements of the stream {@code creator} makes; closes it when the stage stops. */
  public static final class JavaStreamSource<T> extends GraphStage<SourceShape<T>> {
    private final Outlet<T> out = Outlet.create("fromJavaStream.out");
    private final SourceShape<T> shape = SourceShape.of(out);
    private final Creator<? extends BaseStream<T, ?>> creator;

    /** The stage. */
    public JavaStreamSource(Creator<? extends BaseStream<T, ?>> creator) {
      this.creator = creator;
    }

    @Override
    public SourceShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return BlockingIo.blockingStage("fromJavaStream");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new GraphStageLogic(shape) {
        private BaseStream<T, ?> stream;
        private Iterator<T> it;

        {
          setHandler(out, this::next);
        }

        @Override
        public void preStart() throws Exception {
          stream = Objects.requireNonNull(creator.create(), "the created stream");
          it = stream.iterator();
        }

        private void next() {
          if (it.hasNext()) {
            push(out, it.next());
          } else {
            completeStage();
          }
        }

        @Override
        public void postStop() {
          if (stream != null) {
            stream.close();
          }
        }
      };
    }
  }

  /** Folds the elements into a {@link Collector}'s container; materializes the finished result. */
  public static final class CollectorSink<T, A, R>
      extends GraphStageWithMaterializedValue<SinkShape<T>, CompletionStage<R>> {
    private final Inlet<T> in = Inlet.create("javaCollector.in");
    private final SinkShape<T> shape = SinkShape.of(in);
    private final Creator<? extends Collector<T, A, R>> creator;

    /** The stage. */
    public CollectorSink(Creator<? extends Collector<T, A, R>> creator) {
      this.creator = creator;
    }

    @Override
    public SinkShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("javaCollector");
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<R>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      CompletableFuture<R> result = new CompletableFuture<>();
      GraphStageLogic logic = new GraphStageLogic(shape) {
        private Collector<T, A, R> collector;
        private A container;
        private Consumer<T> add;

        {
          setHandler(in, new InHandler() {
            @Override
            public void onPush() {
              try {
                add.accept(grab(in));
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
                failStage(e);
                return;
              }
              pull(in);
            }

            @Override
            public void onUpstreamFinish() {
              result.complete(collector.finisher().apply(container));
              completeStage();
            }

            @Override
            public void onUpstreamFailure(Throwable ex) {
              result.completeExceptionally(ex);
              failStage(ex);
            }
          });
        }

        @Override
        public void preStart() {
          try {
            collector = Objects.requireNonNull(creator.create(), "the created collector");
            container = collector.supplier().get();
          } catch (Exception e) {
            result.completeExceptionally(e);
            failStage(e);
            return;
          }
          A c = container;
          java.util.function.BiConsumer<A, T> acc = collector.accumulator();
          add = t -> acc.accept(c, t);
          pull(in);
        }

        @Override
        public void postStop() {
          result.completeExceptionally(new AbruptStageTerminationException(
              "javaCollector stopped before its upstream finished"));
        }
      };
      return Pair.create(logic, result);
    }
  }
}
