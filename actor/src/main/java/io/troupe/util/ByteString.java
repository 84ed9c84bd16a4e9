package io.troupe.util;

import io.troupe.japi.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * An immutable sequence of bytes that concatenates and slices without copying the bytes.
 *
 * <p>A byte string is either one <em>chunk</em> (a window on an array that no one writes to any
 * more) or a <em>rope</em> of chunks. {@link #concat} and {@link #slice} build new chunks and
 * ropes that share the arrays; only {@link #toArray()}, {@link #compact()} and decoding copy.
 * Factories that take an array or buffer from the caller copy it, except the {@code Unsafe} ones,
 * whose caller promises never to write to the array again.
 *
 * <p>Two byte strings are equal when they hold the same bytes, however they are made up.
 */
public abstract sealed class ByteString permits ByteString.Chunk, ByteString.Rope {
  /*
   * Representation. A Chunk is (array, offset, length). A Rope holds an array of at least two
   * non-empty Chunks and the start index of each within the rope, so that random access is a
   * binary search over the chunk starts. Concatenating two ropes copies their chunk references
   * (not their bytes); a builder collects many pieces and makes one rope at the end, which keeps
   * the chunk count of a long accumulation linear instead of quadratic.
   */

  private static final byte[] NO_BYTES = new byte[0];
  private static final ByteString EMPTY = new Chunk(NO_BYTES, 0, 0);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  ByteString() {}

  // ---- factories

  /** The empty byte string. */
  public static ByteString empty() {
    return EMPTY;
  }

  /** The empty byte string; Pekko's Java name. */
  public static ByteString emptyByteString() {
    return EMPTY;
  }

  /** A byte string holding a copy of {@code bytes}. */
  public static ByteString fromArray(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return fromArray(bytes, 0, bytes.length);
  }

  /**
   * A byte string holding a copy of {@code length} bytes of {@code bytes} from {@code offset}.
   *
   * @throws IndexOutOfBoundsException if the range is not within the array
   */
  public static ByteString fromArray(byte[] bytes, int offset, int length) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length == 0) {
      return EMPTY;
    }
    return new Chunk(Arrays.copyOfRange(bytes, offset, offset + length), 0, length);
  }

  /**
   * A byte string that wraps {@code bytes} without copying; the caller must never change the
   * array afterwards.
   */
  public static ByteString fromArrayUnsafe(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return bytes.length == 0 ? EMPTY : new Chunk(bytes, 0, bytes.length);
  }

  /**
   * A byte string that wraps {@code length} bytes of {@code bytes} from {@code offset} without
   * copying; the caller must never change that part of the array afterwards.
   */
  public static ByteString fromArrayUnsafe(byte[] bytes, int offset, int length) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return length == 0 ? EMPTY : new Chunk(bytes, offset, length);
  }

  /** A byte string holding a copy of the remaining bytes of {@code buffer}; its position stays. */
  public static ByteString fromByteBuffer(ByteBuffer buffer) {
    Objects.requireNonNull(buffer, "buffer");
    int n = buffer.remaining();
    if (n == 0) {
      return EMPTY;
    }
    byte[] copy = new byte[n];
    buffer.duplicate().get(copy);
    return new Chunk(copy, 0, n);
  }

  /** The UTF-8 encoding of {@code string}. */
  public static ByteString fromString(String string) {
    return fromString(string, StandardCharsets.UTF_8);
  }

  /** The encoding of {@code string} in {@code charset}. */
  public static ByteString fromString(String string, Charset charset) {
    Objects.requireNonNull(string, "string");
    Objects.requireNonNull(charset, "charset");
    return fromArrayUnsafe(string.getBytes(charset));
  }

  /**
   * The encoding of {@code string} in the charset named {@code charsetName}.
   *
   * @throws java.nio.charset.UnsupportedCharsetException if no such charset is available
   */
  public static ByteString fromString(String string, String charsetName) {
    Objects.requireNonNull(charsetName, "charsetName");
    return fromString(string, Charset.forName(charsetName));
  }

  /** The low byte of each of {@code values}, in order. */
  public static ByteString fromInts(int... values) {
    Objects.requireNonNull(values, "values");
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return fromArrayUnsafe(bytes);
  }

  /** A builder that appends bytes and byte strings and makes one byte string of them. */
  public static ByteStringBuilder createBuilder() {
    return new ByteStringBuilder();
  }

  /** Same as {@link #createBuilder()}. */
  public static ByteStringBuilder newBuilder() {
    return new ByteStringBuilder();
  }

  // ---- size and access

  /** The number of bytes. */
  public abstract int length();

  /** The number of bytes; same as {@link #length()}. */
  public final int size() {
    return length();
  }

  /** Whether there are no bytes. */
  public final boolean isEmpty() {
    return length() == 0;
  }

  /** Whether there is at least one byte. */
  public final boolean nonEmpty() {
    return length() != 0;
  }

  /**
   * The byte at {@code index}.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not within {@code [0, length())}
   */
  public abstract byte byteAt(int index);

  /** The byte at {@code index}; Pekko's name. */
  public final byte apply(int index) {
    return byteAt(index);
  }

  /**
   * The first byte.
   *
   * @throws java.util.NoSuchElementException if empty
   */
  public final byte head() {
    if (isEmpty()) {
      throw new java.util.NoSuchElementException("head of an empty ByteString");
    }
    return byteAt(0);
  }

  // ---- building new byte strings (no copying)

  /** These bytes followed by {@code that}'s bytes; shares both, copies nothing. */
  public final ByteString concat(ByteString that) {
    Objects.requireNonNull(that, "that");
    if (that.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return that;
    }
    int total = length() + that.length();
    if (total < 0) {
      throw new IllegalArgumentException(
          "concatenated length overflows an int: " + length() + " + " + that.length());
    }
    Chunk[] mine = chunks();
    Chunk[] theirs = that.chunks();
    Chunk[] all = Arrays.copyOf(mine, mine.length + theirs.length);
    System.arraycopy(theirs, 0, all, mine.length, theirs.length);
    return Rope.of(all, total);
  }

  /**
   * The bytes from {@code from} (inclusive) to {@code until} (exclusive); both are clamped to
   * {@code [0, length()]}, as in Pekko, and an empty range gives the empty byte string.
   */
  public abstract ByteString slice(int from, int until);

  /** The first {@code n} bytes (all if fewer). */
  public final ByteString take(int n) {
    return slice(0, n);
  }

  /** All but the first {@code n} bytes. */
  public final ByteString drop(int n) {
    return slice(n, length());
  }

  /** The last {@code n} bytes (all if fewer). */
  public final ByteString takeRight(int n) {
    return slice(length() - Math.max(n, 0), length());
  }

  /** All but the last {@code n} bytes. */
  public final ByteString dropRight(int n) {
    return slice(0, length() - Math.max(n, 0));
  }

  /** The first {@code n} bytes and the rest. */
  public final Pair<ByteString, ByteString> splitAt(int n) {
    return Pair.create(take(n), drop(n));
  }

  /**
   * The same bytes in one array of exactly this length: returns {@code this} when it already is,
   * otherwise copies. Keeps a small slice of a big buffer from holding the big buffer.
   */
  public abstract ByteString compact();

  /** Whether the bytes sit in one array that holds nothing else. */
  public abstract boolean isCompact();

  // ---- searching

  /** The index of the first {@code b}, or -1. */
  public final int indexOf(byte b) {
    return indexOf(b, 0);
  }

  /** The index of the first {@code b} at or after {@code from}, or -1. */
  public int indexOf(byte b, int from) {
    int start = Math.max(from, 0);
    for (int i = start; i < length(); i++) {
      if (byteAt(i) == b) {
        return i;
      }
    }
    return -1;
  }

  /** The index of the first occurrence of {@code slice}, or -1; an empty slice is found at 0. */
  public final int indexOfSlice(ByteString slice) {
    return indexOfSlice(slice, 0);
  }

  /** The index of the first occurrence of {@code slice} at or after {@code from}, or -1. */
  public final int indexOfSlice(ByteString slice, int from) {
    Objects.requireNonNull(slice, "slice");
    int start = Math.max(from, 0);
    int n = slice.length();
    if (n == 0) {
      return start <= length() ? start : -1;
    }
    byte first = slice.byteAt(0);
    int last = length() - n;
    int i = indexOf(first, start);
    while (i >= 0 && i <= last) {
      if (regionMatches(i, slice)) {
        return i;
      }
      i = indexOf(first, i + 1);
    }
    return -1;
  }

  /** Whether these bytes begin with {@code prefix}. */
  public final boolean startsWith(ByteString prefix) {
    return startsWith(prefix, 0);
  }

  /** Whether {@code prefix} occurs at {@code offset}. */
  public final boolean startsWith(ByteString prefix, int offset) {
    Objects.requireNonNull(prefix, "prefix");
    return offset >= 0 && offset + prefix.length() <= length() && regionMatches(offset, prefix);
  }

  /** Whether these bytes end with {@code suffix}. */
  public final boolean endsWith(ByteString suffix) {
    Objects.requireNonNull(suffix, "suffix");
    return startsWith(suffix, length() - suffix.length());
  }

  private boolean regionMatches(int offset, ByteString other) {
    int n = other.length();
    for (int i = 0; i < n; i++) {
      if (byteAt(offset + i) != other.byteAt(i)) {
        return false;
      }
    }
    return true;
  }

  // ---- copying out and decoding

  /** A new array holding these bytes. */
  public final byte[] toArray() {
    byte[] out = new byte[length()];
    copyToArray(out, 0);
    return out;
  }

  /**
   * Copies all bytes into {@code dest} from {@code destOffset}.
   *
   * @throws IndexOutOfBoundsException if they do not fit
   */
  public final void copyToArray(byte[] dest, int destOffset) {
    Objects.requireNonNull(dest, "dest");
    Objects.checkFromIndexSize(destOffset, length(), dest.length);
    for (Chunk c : chunks()) {
      System.arraycopy(c.bytes, c.offset, dest, destOffset, c.length);
      destOffset += c.length;
    }
  }

  /**
   * A read-only buffer over these bytes: a view of the array when compact or a single chunk,
   * otherwise over a copy.
   */
  public abstract ByteBuffer asByteBuffer();

  /** Same as {@link #asByteBuffer()}; Pekko's other name. */
  public final ByteBuffer toByteBuffer() {
    return asByteBuffer();
  }

  /** Read-only buffers, one per chunk, without copying; for gathering writes. */
  public final List<ByteBuffer> asByteBuffers() {
    Chunk[] cs = chunks();
    List<ByteBuffer> out = new ArrayList<>(cs.length);
    for (Chunk c : cs) {
      if (c.length > 0) {
        out.add(c.asByteBuffer());
      }
    }
    return out;
  }

  /** The bytes decoded as UTF-8. */
  public final String utf8String() {
    return decodeString(StandardCharsets.UTF_8);
  }

  /** The bytes decoded in {@code charset}; malformed input becomes replacement characters. */
  public final String decodeString(Charset charset) {
    Objects.requireNonNull(charset, "charset");
    if (this instanceof Chunk c) {
      return new String(c.bytes, c.offset, c.length, charset);
    }
    return new String(toArray(), charset);
  }

  /** The bytes decoded in the charset named {@code charsetName}. */
  public final String decodeString(String charsetName) {
    Objects.requireNonNull(charsetName, "charsetName");
    return decodeString(Charset.forName(charsetName));
  }

  /** These bytes encoded in standard Base64 (with padding). */
  public final ByteString encodeBase64() {
    return fromArrayUnsafe(Base64.getEncoder().encode(toArray()));
  }

  /**
   * These bytes, read as standard Base64, decoded.
   *
   * @throws IllegalArgumentException if they are not valid Base64
   */
  public final ByteString decodeBase64() {
    return fromArrayUnsafe(Base64.getDecoder().decode(toArray()));
  }

  /** Writes all bytes to {@code out}, chunk by chunk. */
  public final void writeToOutputStream(OutputStream out) throws IOException {
    Objects.requireNonNull(out, "out");
    for (Chunk c : chunks()) {
      out.write(c.bytes, c.offset, c.length);
    }
  }

  /** An input stream that reads these bytes. */
  public final InputStream asInputStream() {
    return new ByteStringInputStream(this);
  }

  /** An iterator that reads these bytes in order, also as numbers; see {@link ByteIterator}. */
  public final ByteIterator iterator() {
    return new ByteIterator(this);
  }

  /**
   * A cursor over a byte string that reads bytes, numbers in a given byte order, and slices, in
   * order; for decoding binary frames. Reading past the end throws {@link
   * java.util.NoSuchElementException}. Not thread-safe.
   */
  public static final class ByteIterator {
    private final ByteString bytes;
    private int pos;

    ByteIterator(ByteString bytes) {
      this.bytes = bytes;
    }

    /** Whether a byte is left. */
    public boolean hasNext() {
      return pos < bytes.length();
    }

    /** The number of bytes left. */
    public int len() {
      return bytes.length() - pos;
    }

    private void need(int n) {
      if (len() < n) {
        throw new java.util.NoSuchElementException(
            "needed " + n + " bytes but only " + len() + " are left");
      }
    }

    /** The next byte. */
    public byte next() {
      return getByte();
    }

    /** The next byte. */
    public byte getByte() {
      need(1);
      return bytes.byteAt(pos++);
    }

    /** The next 2 bytes as a short in {@code order}. */
    public short getShort(java.nio.ByteOrder order) {
      return (short) getNumber(2, order);
    }

    /** The next 4 bytes as an int in {@code order}. */
    public int getInt(java.nio.ByteOrder order) {
      return (int) getNumber(4, order);
    }

    /** The next 8 bytes as a long in {@code order}. */
    public long getLong(java.nio.ByteOrder order) {
      return getNumber(8, order);
    }

    /** The next {@code n} (1..8) bytes as an unsigned number in {@code order}. */
    public long getLongPart(int n, java.nio.ByteOrder order) {
      if (n < 1 || n > 8) {
        throw new IllegalArgumentException("n must be within 1..8, was " + n);
      }
      return getNumber(n, order);
    }

    private long getNumber(int n, java.nio.ByteOrder order) {
      Objects.requireNonNull(order, "order");
      need(n);
      long v = 0;
      if (order == java.nio.ByteOrder.BIG_ENDIAN) {
        for (int i = 0; i < n; i++) {
          v = (v << 8) | (bytes.byteAt(pos + i) & 0xffL);
        }
      } else {
        for (int i = n - 1; i >= 0; i--) {
          v = (v << 8) | (bytes.byteAt(pos + i) & 0xffL);
        }
      }
      pos += n;
      return v;
    }

    /** The next {@code n} bytes in a new array. */
    public byte[] getBytes(int n) {
      return getByteString(n).toArray();
    }

    /** The next {@code n} bytes as a byte string (shared, not copied). */
    public ByteString getByteString(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("n must be >= 0, was " + n);
      }
      need(n);
      ByteString out = bytes.slice(pos, pos + n);
      pos += n;
      return out;
    }

    /** Skips {@code n} bytes (or all that are left). */
    public ByteIterator drop(int n) {
      pos += Math.min(Math.max(n, 0), len());
      return this;
    }

    /** The bytes not read yet (shared, not copied). */
    public ByteString toByteString() {
      return bytes.drop(pos);
    }
  }

  /** The chunks this byte string is made of, in order; internal to the package. */
  abstract Chunk[] chunks();

  // ---- equality

  @Override
  public final boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ByteString that) || that.length() != length()) {
      return false;
    }
    if (this instanceof Chunk a && that instanceof Chunk b) {
      return Arrays.equals(a.bytes, a.offset, a.offset + a.length,
          b.bytes, b.offset, b.offset + b.length);
    }
    return regionMatches(0, that);
  }

  @Override
  public final int hashCode() {
    int h = 1;
    for (Chunk c : chunks()) {
      for (int i = c.offset, end = c.offset + c.length; i < end; i++) {
        h = 31 * h + c.bytes[i];
      }
    }
    return h;
  }

  /** {@code ByteString(n bytes: hex...)}, showing at most the first 64 bytes. */
  @Override
  public final String toString() {
    int shown = Math.min(length(), 64);
    StringBuilder sb = new StringBuilder(24 + shown * 2);
    sb.append("ByteString(").append(length()).append(" bytes");
    if (shown > 0) {
      sb.append(": ");
      for (int i = 0; i < shown; i++) {
        byte b = byteAt(i);
        sb.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
      if (shown < length()) {
        sb.append("...");
      }
    }
    return sb.append(')').toString();
  }

  // ---- scanning

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * The index of the first {@code b} in {@code a[from, until)}, or -1. Eight bytes at a time
   * (SWAR): XOR with {@code b} in every byte turns a match into a zero byte, and {@code (x - ONES)
   * & ~x & HIGHS} sets the high bit of every zero byte; a borrow can only mark bytes above the
   * first zero, so in little-endian order the lowest marked byte is the first match.
   */
  static int scan(byte[] a, int from, int until, byte b) {
    int i = from;
    if (until - i >= Long.BYTES) {
      long pattern = (b & 0xFFL) * ONES;
      for (int last = until - Long.BYTES; i <= last; i += Long.BYTES) {
        long x = (long) LONGS.get(a, i) ^ pattern;
        long hits = (x - ONES) & ~x & HIGHS;
        if (hits != 0) {
          return i + (Long.numberOfTrailingZeros(hits) >>> 3);
        }
      }
    }
    for (; i < until; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  // ---- representations

  /** A window on one array. */
  static final class Chunk extends ByteString {
    final byte[] bytes;
    final int offset;
    final int length;

    Chunk(byte[] bytes, int offset, int length) {
      this.bytes = bytes;
      this.offset = offset;
      this.length = length;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public byte byteAt(int index) {
      Objects.checkIndex(index, length);
      return bytes[offset + index];
    }

    @Override
    public ByteString slice(int from, int until) {
      int f = Math.max(from, 0);
      int u = Math.min(until, length);
      if (f >= u) {
        return EMPTY;
      }
      if (f == 0 && u == length) {
        return this;
      }
      return new Chunk(bytes, offset + f, u - f);
    }

    @Override
    public int indexOf(byte b, int from) {
      int start = Math.max(from, 0);
      if (start >= length) {
        return -1;
      }
      int found = scan(bytes, offset + start, offset + length, b);
      return found < 0 ? -1 : found - offset;
    }

    @Override
    public ByteString compact() {
      return isCompact() ? this : new Chunk(Arrays.copyOfRange(bytes, offset, offset + length), 0, length);
    }

    @Override
    public boolean isCompact() {
      return offset == 0 && length == bytes.length;
    }

    @Override
    public ByteBuffer asByteBuffer() {
      return ByteBuffer.wrap(bytes, offset, length).slice().asReadOnlyBuffer();
    }

    @Override
    Chunk[] chunks() {
      return length == 0 ? new Chunk[0] : new Chunk[] {this};
    }
  }

  /** Two or more non-empty chunks. */
  static final class Rope extends ByteString {
    private final Chunk[] chunks;
    private final int[] starts;
    private final int length;

    private Rope(Chunk[] chunks, int[] starts, int length) {
      this.chunks = chunks;
      this.starts = starts;
      this.length = length;
    }

    /** A byte string of the non-empty {@code chunks} (owned by the caller no more). */
    static ByteString of(Chunk[] chunks, int length) {
      if (chunks.length == 0) {
        return EMPTY;
      }
      if (chunks.length == 1) {
        return chunks[0];
      }
      int[] starts = new int[chunks.length];
      int pos = 0;
      for (int i = 0; i < chunks.length; i++) {
        starts[i] = pos;
        pos += chunks[i].length;
      }
      return new Rope(chunks, starts, length);
    }

    private int chunkIndex(int index) {
      int i = Arrays.binarySearch(starts, index);
      return i >= 0 ? i : -i - 2;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public byte byteAt(int index) {
      Objects.checkIndex(index, length);
      int i = chunkIndex(index);
      Chunk c = chunks[i];
      return c.bytes[c.offset + index - starts[i]];
    }

    @Override
    public ByteString slice(int from, int until) {
      int f = Math.max(from, 0);
      int u = Math.min(until, length);
      if (f >= u) {
        return EMPTY;
      }
      if (f == 0 && u == length) {
        return this;
      }
      int first = chunkIndex(f);
      int last = chunkIndex(u - 1);
      if (first == last) {
        return chunks[first].slice(f - starts[first], u - starts[first]);
      }
      Chunk[] out = new Chunk[last - first + 1];
      out[0] = (Chunk) chunks[first].slice(f - starts[first], chunks[first].length);
      for (int i = first + 1; i < last; i++) {
        out[i - first] = chunks[i];
      }
      out[out.length - 1] = (Chunk) chunks[last].slice(0, u - starts[last]);
      return of(out, u - f);
    }

    @Override
    public int indexOf(byte b, int from) {
      int start = Math.max(from, 0);
      if (start >= length) {
        return -1;
      }
      for (int i = chunkIndex(start); i < chunks.length; i++) {
        int found = chunks[i].indexOf(b, start - starts[i]);
        if (found >= 0) {
          return starts[i] + found;
        }
      }
      return -1;
    }

    @Override
    public ByteString compact() {
      return new Chunk(toArray(), 0, length);
    }

    @Override
    public boolean isCompact() {
      return false;
    }

    @Override
    public ByteBuffer asByteBuffer() {
      return ByteBuffer.wrap(toArray()).asReadOnlyBuffer();
    }

    @Override
    Chunk[] chunks() {
      return chunks;
    }
  }

  /** Reads a byte string chunk by chunk. */
  private static final class ByteStringInputStream extends InputStream {
    private final Chunk[] chunks;
    private int chunk;
    private int pos;
    private int mark;
    private int markChunk;

    ByteStringInputStream(ByteString bytes) {
      this.chunks = bytes.chunks();
    }

    @Override
    public int read() {
      while (chunk < chunks.length) {
        Chunk c = chunks[chunk];
        if (pos < c.length) {
          return c.bytes[c.offset + pos++] & 0xff;
        }
        chunk++;
        pos = 0;
      }
      return -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      int done = 0;
      while (done < len && chunk < chunks.length) {
        Chunk c = chunks[chunk];
        int n = Math.min(len - done, c.length - pos);
        System.arraycopy(c.bytes, c.offset + pos, b, off + done, n);
        done += n;
        pos += n;
        if (pos == c.length) {
          chunk++;
          pos = 0;
        }
      }
      return done == 0 ? -1 : done;
    }

    @Override
    public int available() {
      long n = 0;
      for (int i = chunk; i < chunks.length; i++) {
        n += chunks[i].length;
      }
      return (int) Math.min(Integer.MAX_VALUE, n - pos);
    }

    @Override
    public boolean markSupported() {
      return true;
    }

    @Override
    public synchronized void mark(int readlimit) {
      mark = pos;
      markChunk = chunk;
    }

    @Override
    public synchronized void reset() {
      pos = mark;
      chunk = markChunk;
    }
  }
}
