package io.troupe.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteStringTest {

  private static ByteString rope(String... parts) {
    ByteString out = ByteString.empty();
    for (String p : parts) {
      out = out.concat(ByteString.fromString(p));
    }
    return out;
  }

  @Test
  void fromArrayCopiesSoLaterWritesToTheArrayDoNotShow() {
    byte[] bytes = {1, 2, 3};
    ByteString bs = ByteString.fromArray(bytes);
    bytes[0] = 9;
    assertThat(bs.toArray()).containsExactly(1, 2, 3);
    assertThat(ByteString.fromArray(bytes, 1, 2).toArray()).containsExactly(2, 3);
  }

  @Test
  void badRangesAreRejectedWithIndexOutOfBounds() {
    assertThatThrownBy(() -> ByteString.fromArray(new byte[3], 2, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> ByteString.fromString("ab").byteAt(2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> rope("ab", "cd").byteAt(-1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> ByteString.empty().head())
        .isInstanceOf(java.util.NoSuchElementException.class);
  }

  @Test
  void concatenationSharesChunksAndReadsBackInOrder() {
    ByteString bs = rope("hello", " ", "world");
    assertThat(bs.length()).isEqualTo(11);
    assertThat(bs.utf8String()).isEqualTo("hello world");
    assertThat(bs.isCompact()).isFalse();
    assertThat(bs.byteAt(6)).isEqualTo((byte) 'w');
    assertThat(bs.asByteBuffers()).hasSize(3);
    assertThat(bs.compact().isCompact()).isTrue();
    assertThat(bs.compact()).isEqualTo(bs);
  }

  @Test
  void slicesAcrossChunkBoundariesHoldTheRightBytes() {
    ByteString bs = rope("abc", "def", "ghi");
    assertThat(bs.slice(2, 7).utf8String()).isEqualTo("cdefg");
    assertThat(bs.slice(3, 6).utf8String()).isEqualTo("def");
    assertThat(bs.slice(4, 5).utf8String()).isEqualTo("e");
    assertThat(bs.take(4).utf8String()).isEqualTo("abcd");
    assertThat(bs.drop(4).utf8String()).isEqualTo("efghi");
    assertThat(bs.takeRight(2).utf8String()).isEqualTo("hi");
    assertThat(bs.dropRight(2).utf8String()).isEqualTo("abcdefg");
    assertThat(bs.splitAt(5).first().utf8String()).isEqualTo("abcde");
    assertThat(bs.splitAt(5).second().utf8String()).isEqualTo("fghi");
  }

  @Test
  void sliceClampsOutOfRangeBoundsLikePekko() {
    ByteString bs = ByteString.fromString("abc");
    assertThat(bs.slice(-5, 100)).isEqualTo(bs);
    assertThat(bs.slice(2, 1)).isEqualTo(ByteString.empty());
    assertThat(bs.take(-1).isEmpty()).isTrue();
    assertThat(bs.drop(10).isEmpty()).isTrue();
  }

  @Test
  void equalityAndHashDependOnlyOnTheBytes() {
    ByteString flat = ByteString.fromString("abcdef");
    ByteString split = rope("ab", "cd", "ef");
    ByteString sliced = ByteString.fromString("xxabcdefyy").slice(2, 8);
    assertThat(split).isEqualTo(flat).hasSameHashCodeAs(flat);
    assertThat(sliced).isEqualTo(flat).hasSameHashCodeAs(flat);
    assertThat(split).isNotEqualTo(ByteString.fromString("abcdeg"));
    assertThat(split).isNotEqualTo(ByteString.fromString("abcde"));
  }

  @Test
  void searchFindsBytesAndSlicesAcrossChunks() {
    ByteString bs = rope("ab\r", "\ncd\r", "\n");
    ByteString crlf = ByteString.fromString("\r\n");
    assertThat(bs.indexOf((byte) '\n')).isEqualTo(3);
    assertThat(bs.indexOf((byte) '\n', 4)).isEqualTo(7);
    assertThat(bs.indexOf((byte) 'z')).isEqualTo(-1);
    assertThat(bs.indexOfSlice(crlf)).isEqualTo(2);
    assertThat(bs.indexOfSlice(crlf, 3)).isEqualTo(6);
    assertThat(bs.indexOfSlice(crlf, 7)).isEqualTo(-1);
    assertThat(bs.startsWith(ByteString.fromString("ab\r\nc"))).isTrue();
    assertThat(bs.startsWith(ByteString.fromString("cd"), 4)).isTrue();
    assertThat(bs.endsWith(ByteString.fromString("d\r\n"))).isTrue();
  }

  @Test
  void indexOfFindsTheFirstMatchAtEveryPositionOfAWindowOnALargerArray() {
    // bytes around the match that trip naive eight-at-a-time scans: the byte searched for minus
    // one, zero, and bytes with the high bit set
    byte[] fillers = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xfe, '\n' - 1};
    for (byte wanted : new byte[] {'\n', 0, 1, (byte) 0x80, (byte) 0xff}) {
      for (byte filler : fillers) {
        if (filler == wanted) {
          continue;
        }
        for (int length = 0; length <= 40; length++) {
          byte[] backing = new byte[length + 6];
          java.util.Arrays.fill(backing, wanted); // outside the window: must never be found
          java.util.Arrays.fill(backing, 3, 3 + length, filler);
          ByteString window = ByteString.fromArrayUnsafe(backing, 3, length);
          assertThat(window.indexOf(wanted)).isEqualTo(-1);
          for (int at = 0; at < length; at++) {
            backing[3 + at] = wanted;
            if (at + 5 < length) {
              backing[3 + at + 5] = wanted; // a later match must not hide the first
            }
            for (int from = 0; from <= at; from += Math.max(1, at / 3)) {
              assertThat(window.indexOf(wanted, from)).as("at %d from %d", at, from).isEqualTo(at);
            }
            assertThat(window.indexOf(wanted, at + 1))
                .isEqualTo(at + 5 < length ? at + 5 : -1);
            java.util.Arrays.fill(backing, 3, 3 + length, filler);
          }
        }
      }
    }
  }

  @Test
  void randomSlicesOfRandomRopesMatchTheFlatArray() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      byte[] all = new byte[random.nextInt(200)];
      random.nextBytes(all);
      ByteString bs = ByteString.empty();
      int pos = 0;
      while (pos < all.length) {
        int n = Math.min(all.length - pos, 1 + random.nextInt(20));
        bs = bs.concat(ByteString.fromArray(all, pos, n));
        pos += n;
      }
      int from = random.nextInt(all.length + 1);
      int until = from + random.nextInt(all.length - from + 1);
      assertThat(bs.slice(from, until).toArray())
          .isEqualTo(java.util.Arrays.copyOfRange(all, from, until));
      for (int i = 0; i < all.length; i++) {
        assertThat(bs.byteAt(i)).isEqualTo(all[i]);
      }
    }
  }

  @Test
  void decodesAndEncodesStringsInTheGivenCharset() {
    ByteString latin = ByteString.fromString("é", StandardCharsets.ISO_8859_1);
    assertThat(latin.length()).isEqualTo(1);
    assertThat(latin.decodeString("ISO-8859-1")).isEqualTo("é");
    ByteString utf8 = rope("gr", "ü", "ße");
    assertThat(utf8.utf8String()).isEqualTo("grüße");
    assertThat(ByteString.fromString("hi").encodeBase64().utf8String()).isEqualTo("aGk=");
    assertThat(ByteString.fromString("aGk=").decodeBase64().utf8String()).isEqualTo("hi");
  }

  @Test
  void byteBuffersAreReadOnlyViews() {
    ByteString bs = ByteString.fromString("xabcx").slice(1, 4);
    ByteBuffer buf = bs.asByteBuffer();
    assertThat(buf.isReadOnly()).isTrue();
    assertThat(buf.remaining()).isEqualTo(3);
    assertThat(buf.get(0)).isEqualTo((byte) 'a');
    ByteBuffer src = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
    src.position(1);
    assertThat(ByteString.fromByteBuffer(src).toArray()).containsExactly(2, 3, 4);
    assertThat(src.position()).isEqualTo(1);
  }

  @Test
  void streamsOutAndIn() throws Exception {
    ByteString bs = rope("one", "two", "three");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bs.writeToOutputStream(out);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("onetwothree");
    try (InputStream in = bs.asInputStream()) {
      assertThat(in.read()).isEqualTo('o');
      byte[] rest = in.readAllBytes();
      assertThat(new String(rest, StandardCharsets.UTF_8)).isEqualTo("netwothree");
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void builderCollectsValuesInTheRequestedByteOrder() {
    ByteString bs = ByteString.createBuilder()
        .putByte((byte) 7)
        .putShort(0x0102, ByteOrder.BIG_ENDIAN)
        .putInt(0x01020304, ByteOrder.LITTLE_ENDIAN)
        .putLong(1L, ByteOrder.BIG_ENDIAN)
        .append(ByteString.fromString("z"))
        .putBytes(new byte[] {9, 9})
        .result();
    assertThat(bs.toArray()).containsExactly(
        7, 1, 2, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 1, 'z', 9, 9);
  }

  @Test
  void builderResultsStayUnchangedByLaterAppends() {
    ByteStringBuilder b = ByteString.createBuilder();
    b.putBytes("abc".getBytes(StandardCharsets.UTF_8));
    ByteString first = b.result();
    b.putByte((byte) 'd');
    ByteString second = b.result();
    assertThat(first.utf8String()).isEqualTo("abc");
    assertThat(second.utf8String()).isEqualTo("abcd");
    b.clear();
    assertThat(b.result().isEmpty()).isTrue();
    assertThat(second.utf8String()).isEqualTo("abcd");
    assertThatThrownBy(() -> b.putLongPart(1, 9, ByteOrder.BIG_ENDIAN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 9");
  }

  @Test
  void builderGrowsAcrossManySmallWrites() {
    ByteStringBuilder b = ByteString.createBuilder();
    for (int i = 0; i < 10_000; i++) {
      b.putByte((byte) i);
    }
    ByteString bs = b.result();
    assertThat(bs.length()).isEqualTo(10_000);
    assertThat(bs.byteAt(9_999)).isEqualTo((byte) 9_999);
    assertThat(b.length()).isEqualTo(10_000);
  }

  @Test
  void iteratorDecodesNumbersInEitherByteOrderAcrossChunks() {
    ByteString bs = ByteString.createBuilder()
        .putInt(0x01020304, ByteOrder.BIG_ENDIAN)
        .putShort(0xfffe, ByteOrder.LITTLE_ENDIAN)
        .putLong(-2L, ByteOrder.LITTLE_ENDIAN)
        .result()
        .concat(ByteString.fromString("tail"));
    ByteString.ByteIterator it = bs.take(3).concat(bs.drop(3)).iterator(); // split mid-int
    assertThat(it.getInt(ByteOrder.BIG_ENDIAN)).isEqualTo(0x01020304);
    assertThat(it.getShort(ByteOrder.LITTLE_ENDIAN)).isEqualTo((short) 0xfffe);
    assertThat(it.getLong(ByteOrder.LITTLE_ENDIAN)).isEqualTo(-2L);
    assertThat(it.len()).isEqualTo(4);
    assertThat(it.getByteString(2).utf8String()).isEqualTo("ta");
    assertThat(it.toByteString().utf8String()).isEqualTo("il");
    assertThat(it.getByte()).isEqualTo((byte) 'i');
    assertThatThrownBy(() -> it.getInt(ByteOrder.BIG_ENDIAN))
        .isInstanceOf(java.util.NoSuchElementException.class)
        .hasMessage("needed 4 bytes but only 1 are left");
    assertThat(ByteString.fromInts(0x12, 0x34, 0x56).iterator().getLongPart(3, ByteOrder.BIG_ENDIAN))
        .isEqualTo(0x123456L);
  }

  @Test
  void toStringShowsLengthAndHex() {
    assertThat(ByteString.fromInts(0xca, 0xfe).toString()).isEqualTo("ByteString(2 bytes: cafe)");
    assertThat(ByteString.empty().toString()).isEqualTo("ByteString(0 bytes)");
  }
}
