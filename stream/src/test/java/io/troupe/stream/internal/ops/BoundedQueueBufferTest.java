package io.troupe.stream.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The buffers between Source.queue's offering threads and its stage. */
class BoundedQueueBufferTest {

  @Test
  void aRingHoldsExactlyItsBoundEvenWhenThatIsNoPowerOfTwo() {
    BoundedQueueSource.Ring ring = new BoundedQueueSource.Ring(3);
    assertThat(ring.offer("a")).isTrue();
    assertThat(ring.offer("b")).isTrue();
    assertThat(ring.offer("c")).isTrue();
    assertThat(ring.offer("d")).isFalse();
    assertThat(ring.size()).isEqualTo(3);
    assertThat(ring.poll()).isEqualTo("a");
    assertThat(ring.offer("e")).isTrue();
    assertThat(ring.offer("f")).isFalse();
    assertThat(List.of(ring.poll(), ring.poll(), ring.poll())).containsExactly("b", "c", "e");
    assertThat(ring.poll()).isNull();
    assertThat(ring.size()).isZero();
  }

  @Test
  void aRingOfOneAlternatesBetweenFullAndEmpty() {
    BoundedQueueSource.Ring ring = new BoundedQueueSource.Ring(1);
    for (int i = 0; i < 10; i++) {
      assertThat(ring.offer(i)).isTrue();
      assertThat(ring.offer(-1)).isFalse();
      assertThat(ring.poll()).isEqualTo(i);
      assertThat(ring.poll()).isNull();
    }
  }

  @Test
  void aRingLosesNothingAndKeepsEachProducersOrderUnderContention() throws Exception {
    checkUnderContention(new BoundedQueueSource.Ring(64));
  }

  @Test
  void theLinkedBufferForLargeBoundsKeepsItsBoundAndOrder() throws Exception {
    BoundedQueueSource.LinkedBuffer buffer = new BoundedQueueSource.LinkedBuffer(2);
    assertThat(buffer.offer(1)).isTrue();
    assertThat(buffer.offer(2)).isTrue();
    assertThat(buffer.offer(3)).isFalse();
    assertThat(buffer.poll()).isEqualTo(1);
    assertThat(buffer.size()).isEqualTo(1);
    assertThat(buffer.poll()).isEqualTo(2);
    assertThat(buffer.poll()).isNull();
    checkUnderContention(new BoundedQueueSource.LinkedBuffer(64));
  }

  /** Three producers offer 20,000 elements each (retrying when full); one consumer takes all. */
  private static void checkUnderContention(BoundedQueueSource.Buffer buffer) throws Exception {
    int producers = 3;
    int perProducer = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int id = p;
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perProducer; i++) {
                  long e = (long) id << 32 | i;
                  while (!buffer.offer(e)) {
                    Thread.onSpinWait();
                  }
                }
              });
      t.start();
      threads.add(t);
    }
    start.countDown();
    int[] next = new int[producers];
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int taken = 0;
    while (taken < producers * perProducer) {
      Object e = buffer.poll();
      if (e == null) {
        assertThat(System.nanoTime()).as("all elements within 10 s").isLessThan(deadline);
        Thread.onSpinWait();
        continue;
      }
      long v = (Long) e;
      int id = (int) (v >>> 32);
      assertThat((int) v).as("the next element of producer %d", id).isEqualTo(next[id]);
      next[id]++;
      taken++;
    }
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(10));
    }
    assertThat(buffer.poll()).isNull();
    assertThat(next).containsOnly(perProducer);
  }
}
