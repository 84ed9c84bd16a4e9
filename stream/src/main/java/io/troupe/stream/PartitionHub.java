package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.stream.internal.ops.PartitionHubStage;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToLongBiFunction;

/**
 * A dynamic fan-out that routes each element to one of its consumers: a sink that materializes a
 * source, which any number of consumers may run, at any time; a partitioner function picks the
 * consumer of each element.
 *
 * <p>The hub buffers up to {@code bufferSize} elements in total, over all consumers; each element
 * waits in its consumer's queue until that consumer takes it, and when the buffer is full the hub
 * backpressures its upstream (it resumes once the consumers took half of it). So a slow consumer
 * slows all others down once its queue fills the buffer. Until {@code startAfterNrOfConsumers}
 * consumers have attached the hub does not pull; later, while no consumer is attached, elements
 * wait in the hub (within the same buffer) for the next one.
 *
 * <p>A consumer that cancels leaves; elements already routed to it are dropped. When the upstream
 * completes, each consumer completes after the elements routed to it, and consumers that attach
 * later complete at once; elements that were still waiting for a consumer keep the hub running
 * until one attaches. When the upstream fails, or the partitioner throws or answers an index or
 * id that is not a current consumer, all consumers fail at once (skipping what they had buffered)
 * and later ones fail at once.
 *
 * <pre>{@code
 * Source<Order, NotUsed> byCustomer =
 *     orders.runWith(
 *         PartitionHub.of(Order.class, (size, order) -> Math.floorMod(order.customerId().hashCode(), size), 2, 256),
 *         system);
 * byCustomer.runForeach(shipping::handle, system);
 * byCustomer.runForeach(shipping::handle, system);
 * }</pre>
 */
public final class PartitionHub {
  private static final int DEFAULT_BUFFER_SIZE = 256;

  private PartitionHub() {}

  /**
   * What a stateful partitioner knows of the consumers when it routes an element. Consumers are
   * ordered by id, and ids grow in the order consumers were materialized. Valid only during the
   * call it is passed to; not for users to implement.
   */
  public interface ConsumerInfo {
    /** The ids of the current consumers, in ascending order. */
    List<Long> getConsumerIds();

    /**
     * The id of the consumer at {@code idx}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= idx < size()}
     */
    long consumerIdByIdx(int idx);

    /**
     * How many elements routed to consumer {@code consumerId} it has not taken yet; approximate,
     * as consumers take elements concurrently.
     *
     * @throws IllegalArgumentException if {@code consumerId} is not a current consumer
     */
    int queueSize(long consumerId);

    /** The number of current consumers; at least 1 whenever a partitioner is called. */
    int size();
  }

  /** Like {@link #of(Class, BiFunction, int, int)} with a buffer of 256 elements. */
  public static <T> Sink<T, Source<T, NotUsed>> of(
      Class<T> clazz, BiFunction<Integer, T, Integer> partitioner, int startAfterNrOfConsumers) {
    return of(clazz, partitioner, startAfterNrOfConsumers, DEFAULT_BUFFER_SIZE);
  }

  /**
   * A partition hub that routes each element to the consumer at the index {@code
   * partitioner.apply(numberOfConsumers, element)} returns; a negative index drops the element,
   * an index of {@code numberOfConsumers} or more fails the hub with an {@link
   * IndexOutOfBoundsException}.
   *
   * <p><b>Emits when</b> (each consumer) an element routed to it is there and it pulls.
   * <b>Backpressures when</b> {@code bufferSize} elements are buffered, or fewer than {@code
   * startAfterNrOfConsumers} consumers have attached so far. <b>Completes when</b> upstream
   * completes: each consumer after its elements. <b>Cancels when</b> never by itself: consumers
   * come and go; a failure of the partitioner cancels upstream.
   *
   * @throws IllegalArgumentException if {@code startAfterNrOfConsumers} is negative or {@code
   *     bufferSize} not positive
   */
  public static <T> Sink<T, Source<T, NotUsed>> of(
      Class<T> clazz, BiFunction<Integer, T, Integer> partitioner, int startAfterNrOfConsumers, int bufferSize) {
    Objects.requireNonNull(partitioner, "partitioner");
    return ofStateful(clazz, () -> new IndexPartitioner<T>(partitioner), startAfterNrOfConsumers, bufferSize);
  }

  /** Like {@link #ofStateful(Class, Supplier, int, int)} with a buffer of 256 elements. */
  public static <T> Sink<T, Source<T, NotUsed>> ofStateful(
      Class<T> clazz, Supplier<ToLongBiFunction<ConsumerInfo, T>> partitioner, int startAfterNrOfConsumers) {
    return ofStateful(clazz, partitioner, startAfterNrOfConsumers, DEFAULT_BUFFER_SIZE);
  }

  /**
   * A partition hub whose partitioner may keep state (round robin, sticky sessions): {@code
   * partitioner} is called once per materialization of the hub, and the function it returns maps
   * each element to the id of its consumer, given the current {@link ConsumerInfo}; a negative id
   * drops the element, an id that is not a current consumer fails the hub with an {@link
   * IllegalArgumentException}.
   *
   * <p><b>Emits when</b> (each consumer) an element routed to it is there and it pulls.
   * <b>Backpressures when</b> {@code bufferSize} elements are buffered, or fewer than {@code
   * startAfterNrOfConsumers} consumers have attached so far. <b>Completes when</b> upstream
   * completes: each consumer after its elements. <b>Cancels when</b> never by itself: consumers
   * come and go; a failure of the partitioner cancels upstream.
   *
   * @throws IllegalArgumentException if {@code startAfterNrOfConsumers} is negative or {@code
   *     bufferSize} not positive
   */
  public static <T> Sink<T, Source<T, NotUsed>> ofStateful(
      Class<T> clazz,
      Supplier<ToLongBiFunction<ConsumerInfo, T>> partitioner,
      int startAfterNrOfConsumers,
      int bufferSize) {
    Objects.requireNonNull(clazz, "clazz");
    Objects.requireNonNull(partitioner, "partitioner");
    if (startAfterNrOfConsumers < 0) {
      throw new IllegalArgumentException(
          "PartitionHub: startAfterNrOfConsumers must be >= 0, was " + startAfterNrOfConsumers);
    }
    if (bufferSize <= 0) {
      throw new IllegalArgumentException("PartitionHub: bufferSize must be > 0, was " + bufferSize);
    }
    return Sink.fromGraph(new PartitionHubStage<T>(partitioner, startAfterNrOfConsumers, bufferSize));
  }

  /** Turns an index partitioner into an id partitioner. */
  private static final class IndexPartitioner<T> implements ToLongBiFunction<ConsumerInfo, T> {
    private final BiFunction<Integer, T, Integer> partitioner;

    IndexPartitioner(BiFunction<Integer, T, Integer> partitioner) {
      this.partitioner = partitioner;
    }

    @Override
    public long applyAsLong(ConsumerInfo info, T element) {
      int size = info.size();
      Integer idx = partitioner.apply(size, element);
      if (idx == null) {
        throw new NullPointerException("PartitionHub: the partitioner returned null for element " + element);
      }
      if (idx < 0) {
        return -1;
      }
      if (idx >= size) {
        throw new IndexOutOfBoundsException(
            "PartitionHub: the partitioner returned index " + idx + " for element " + element + ", but there are "
                + size + " consumers (valid indexes 0.." + (size - 1) + ", or negative to drop)");
      }
      return info.consumerIdByIdx(idx);
    }
  }
}
