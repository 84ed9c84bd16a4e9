package io.troupe.util;

import java.io.OutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A mutable accumulator of bytes and byte strings that makes one {@link ByteString} of them.
 *
 * <p>Appended byte strings are kept as they are (not copied); single values and arrays are
 * written into a growing array of the builder's own. {@link #result()} may be called more than
 * once: each result holds the bytes appended so far and is never changed by later appends. Not
 * thread-safe.
 */
public final class ByteStringBuilder {
  /*
   * Completed pieces sit in `chunks`; small writes go to `buffer[0, used)`. When a result is
   * taken, the written part of `buffer` becomes a chunk shared with that result, so the builder
   * continues in a fresh array (never writing into bytes a result can see).
   */
  private static final int INITIAL_BUFFER = 64;

  private final List<ByteString.Chunk> chunks = new ArrayList<>();
  private byte[] buffer;
  private int used;
  private int frozen; // bytes of buffer already shared with a chunk in `chunks`
  private int length;

  ByteStringBuilder() {}

  /** The number of bytes appended so far. */
  public int length() {
    return length;
  }

  /** Whether nothing was appended. */
  public boolean isEmpty() {
    return length == 0;
  }

  /** Appends the bytes of {@code bytes} without copying them. */
  public ByteStringBuilder append(ByteString bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.isEmpty()) {
      return this;
    }
    growLength(bytes.length());
    flushBuffer();
    chunks.addAll(Arrays.asList(bytes.chunks()));
    return this;
  }

  /** Same as {@link #append(ByteString)}. */
  public ByteStringBuilder addAll(ByteString bytes) {
    return append(bytes);
  }

  /** Appends one byte. */
  public ByteStringBuilder putByte(byte b) {
    ensure(1);
    buffer[used++] = b;
    return this;
  }

  /** Appends a copy of {@code bytes}. */
  public ByteStringBuilder putBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return putBytes(bytes, 0, bytes.length);
  }

  /** Appends a copy of {@code length} bytes of {@code bytes} from {@code offset}. */
  public ByteStringBuilder putBytes(byte[] bytes, int offset, int length) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.checkFromIndexSize(offset, length, bytes.length);
    ensure(length);
    System.arraycopy(bytes, offset, buffer, used, length);
    used += length;
    return this;
  }

  /** Appends the low 16 bits of {@code value} in {@code order}. */
  public ByteStringBuilder putShort(int value, ByteOrder order) {
    return putNumber(value, 2, order);
  }

  /** Appends {@code value} as 4 bytes in {@code order}. */
  public ByteStringBuilder putInt(int value, ByteOrder order) {
    return putNumber(value, 4, order);
  }

  /** Appends {@code value} as 8 bytes in {@code order}. */
  public ByteStringBuilder putLong(long value, ByteOrder order) {
    return putNumber(value, 8, order);
  }

  /**
   * Appends the low {@code n} bytes of {@code value} in {@code order}.
   *
   * @throws IllegalArgumentException if {@code n} is not within 1..8
   */
  public ByteStringBuilder putLongPart(long value, int n, ByteOrder order) {
    if (n < 1 || n > 8) {
      throw new IllegalArgumentException("n must be within 1..8, was " + n);
    }
    return putNumber(value, n, order);
  }

  private ByteStringBuilder putNumber(long value, int n, ByteOrder order) {
    Objects.requireNonNull(order, "order");
    ensure(n);
    if (order == ByteOrder.BIG_ENDIAN) {
      for (int i = n - 1; i >= 0; i--) {
        buffer[used++] = (byte) (value >>> (8 * i));
      }
    } else {
      for (int i = 0; i < n; i++) {
        buffer[used++] = (byte) (value >>> (8 * i));
      }
    }
    return this;
  }

  /** An output stream that appends what is written to it to this builder. */
  public OutputStream asOutputStream() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        putByte((byte) b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        putBytes(b, off, len);
      }
    };
  }

  /** Forgets everything appended. Results taken earlier stay as they were. */
  public void clear() {
    chunks.clear();
    buffer = null;
    used = 0;
    frozen = 0;
    length = 0;
  }

  /** A byte string of everything appended so far. */
  public ByteString result() {
    flushBuffer();
    return ByteString.Rope.of(chunks.toArray(new ByteString.Chunk[0]), length);
  }

  private void growLength(int n) {
    if (length + n < 0) {
      throw new IllegalStateException("a ByteString holds at most " + Integer.MAX_VALUE
          + " bytes; this builder has " + length + " and " + n + " more were appended");
    }
    length += n;
  }

  private void ensure(int n) {
    growLength(n);
    if (buffer != null && buffer.length - used >= n) {
      return;
    }
    flushBuffer();
    int size = Math.max(n, buffer == null ? INITIAL_BUFFER : Math.min(buffer.length * 2, 1 << 20));
    buffer = new byte[size];
    used = 0;
    frozen = 0;
  }

  /** Moves the not yet shared written part of the buffer into the chunk list. */
  private void flushBuffer() {
    if (buffer != null && used > frozen) {
      chunks.add(new ByteString.Chunk(buffer, frozen, used - frozen));
      frozen = used;
    }
  }
}
