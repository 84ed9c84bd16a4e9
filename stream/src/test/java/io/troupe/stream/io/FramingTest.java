package io.troupe.stream.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.stream.Flow;
import io.troupe.stream.Framing;
import io.troupe.stream.FramingException;
import io.troupe.stream.FramingTruncation;
import io.troupe.stream.JsonFraming;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import io.troupe.actor.NotUsed;
import io.troupe.util.ByteString;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FramingTest extends IoTestBase {

  private static List<String> run(Flow<ByteString, ByteString, NotUsed> flow, List<ByteString> in)
      throws Exception {
    return strings(await(Source.from(in).via(flow).runWith(Sink.seq(), system)));
  }

  private static Throwable fail(Flow<ByteString, ByteString, NotUsed> flow, List<ByteString> in)
      throws Exception {
    return awaitFailure(Source.from(in).via(flow).runWith(Sink.seq(), system));
  }

  @Test
  void delimiterFramingFindsLinesWhateverTheChunkBoundaries() throws Exception {
    ByteString input = bs("first\r\nsecond\r\n\r\nlast one\r\n");
    for (int size = 1; size <= input.length(); size++) {
      assertThat(run(Framing.delimiter(bs("\r\n"), 100), chunks(input, size)))
          .as("chunk size %d", size)
          .containsExactly("first", "second", "", "last one");
    }
  }

  @Test
  void delimiterFramingWithoutTrailingDelimiterFailsUnlessTruncationIsAllowed() throws Exception {
    List<ByteString> in = List.of(bs("a\nb\nrest"));
    Throwable t = fail(Framing.delimiter(bs("\n"), 100), in);
    assertThat(t).isInstanceOf(FramingException.class).hasMessageContaining("truncated");
    assertThat(run(Framing.delimiter(bs("\n"), 100, FramingTruncation.ALLOW), in))
        .containsExactly("a", "b", "rest");
    assertThat(run(Framing.delimiter(bs("\n"), 100, true), List.of(bs("a\n"))))
        .containsExactly("a");
  }

  @Test
  void delimiterFramingFailsOnAFrameLongerThanTheMaximum() throws Exception {
    assertThat(run(Framing.delimiter(bs("\n"), 5), List.of(bs("12345\n")))).containsExactly("12345");
    Throwable t = fail(Framing.delimiter(bs("\n"), 5), List.of(bs("123456\n")));
    assertThat(t).isInstanceOf(FramingException.class).hasMessageContaining("more than 5");
    // without a delimiter in sight the stream fails as soon as the buffer is too long
    Throwable endless = awaitFailure(Source.repeat(bs("xxxx")).via(Framing.delimiter(bs("\n"), 64))
        .runWith(Sink.ignore(), system));
    assertThat(endless).isInstanceOf(FramingException.class)
        .hasMessageContaining("without seeing a delimiter");
  }

  @Test
  void badFramingArgumentsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> Framing.delimiter(ByteString.empty(), 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delimiter");
    assertThatThrownBy(() -> Framing.delimiter(bs("\n"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maximumFrameLength must be > 0, was 0");
    assertThatThrownBy(() -> Framing.lengthField(5, 0, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fieldLength must be within 1..4, was 5");
    assertThatThrownBy(() -> Framing.lengthField(2, -1, 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> JsonFraming.objectScanner(-3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-3");
  }

  private static ByteString lengthFramed(int offset, int fieldLength, ByteOrder order, String payload) {
    var b = ByteString.createBuilder();
    for (int i = 0; i < offset; i++) {
      b.putByte((byte) 0x7f);
    }
    b.putLongPart(payload.length(), fieldLength, order);
    b.append(bs(payload));
    return b.result();
  }

  @Test
  void lengthFieldFramingEmitsWholeFramesWithHeadersForEveryLayout() throws Exception {
    for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
      for (int fieldLength = 1; fieldLength <= 4; fieldLength++) {
        for (int offset = 0; offset <= 2; offset++) {
          List<String> payloads = List.of("hello", "", "a longer payload than the others");
          ByteString all = ByteString.empty();
          List<ByteString> expected = new ArrayList<>();
          for (String p : payloads) {
            ByteString frame = lengthFramed(offset, fieldLength, order, p);
            expected.add(frame);
            all = all.concat(frame);
          }
          for (int size : new int[] {1, 3, 1000}) {
            List<ByteString> frames = await(Source.from(chunks(all, size))
                .via(Framing.lengthField(fieldLength, offset, 1000, order))
                .runWith(Sink.seq(), system));
            assertThat(frames).as("%s field %d offset %d chunks %d", order, fieldLength, offset, size)
                .isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void lengthFieldFramingFailsOnOversizedNegativeOrTruncatedFrames() throws Exception {
    Throwable tooLong = fail(Framing.lengthField(2, 0, 10),
        List.of(lengthFramed(0, 2, ByteOrder.BIG_ENDIAN, "123456789")));
    assertThat(tooLong).isInstanceOf(FramingException.class)
        .hasMessageContaining("Maximum allowed frame length exceeded: 11 > 10");
    Throwable negative = fail(Framing.lengthField(4, 0, 100), List.of(ByteString.fromInts(0xff, 0xff, 0xff, 0xfe)));
    assertThat(negative).isInstanceOf(FramingException.class).hasMessageContaining("negative");
    Throwable truncated = fail(Framing.lengthField(2, 0, 100),
        List.of(lengthFramed(0, 2, ByteOrder.BIG_ENDIAN, "abc").take(4)));
    assertThat(truncated).isInstanceOf(FramingException.class).hasMessageContaining("truncated");
  }

  @Test
  void lengthFieldFramingUsesTheComputedFrameSize() throws Exception {
    // a 1-byte type, a 1-byte length of the payload, payload, and a 2-byte trailer
    ByteString frame = ByteString.fromInts(9, 3, 'a', 'b', 'c', 0, 0);
    List<ByteString> out = await(Source.from(chunks(frame.concat(frame), 2))
        .via(Framing.lengthField(1, 1, 100, ByteOrder.BIG_ENDIAN,
            (before, len) -> before.length + 1 + len + 2))
        .runWith(Sink.seq(), system));
    assertThat(out).containsExactly(frame, frame);
  }

  @Test
  void simpleFramingProtocolRoundTripsMessages() throws Exception {
    List<ByteString> msgs = List.of(bs("one"), ByteString.empty(), bs("three"));
    List<ByteString> encoded = await(Source.from(msgs)
        .via(Framing.simpleFramingProtocolEncoder(10)).runWith(Sink.seq(), system));
    assertThat(encoded.get(0)).isEqualTo(ByteString.fromInts(0, 0, 0, 3, 'o', 'n', 'e'));
    ByteString wire = encoded.stream().reduce(ByteString.empty(), ByteString::concat);
    assertThat(run(Framing.simpleFramingProtocolDecoder(10), chunks(wire, 2)))
        .containsExactly("one", "", "three");
    Throwable t = awaitFailure(Source.single(bs("eleven bytes"))
        .via(Framing.simpleFramingProtocolEncoder(10)).runWith(Sink.seq(), system));
    assertThat(t).isInstanceOf(FramingException.class)
        .hasMessageContaining("Maximum allowed message size is 10 but tried to send 12 bytes");
  }

  @Test
  void jsonScannerEmitsObjectsFromArraysAndConcatenatedInput() throws Exception {
    ByteString json = bs("[ {\"a\": 1, \"s\": \"}{\\\"\"},\n  {\"nested\": {\"b\": [1, {\"c\": 2}]}} ]\n{\"x\":\"y\"}");
    for (int size = 1; size <= 7; size++) {
      assertThat(run(JsonFraming.objectScanner(1000), chunks(json, size)))
          .containsExactly("{\"a\": 1, \"s\": \"}{\\\"\"}",
              "{\"nested\": {\"b\": [1, {\"c\": 2}]}}", "{\"x\":\"y\"}");
    }
  }

  @Test
  void jsonScannerFailsOnGarbageOversizedOrUnfinishedObjects() throws Exception {
    assertThat(fail(JsonFraming.objectScanner(100), List.of(bs("{} x {}"))))
        .isInstanceOf(FramingException.class).hasMessageContaining("byte 3");
    assertThat(fail(JsonFraming.objectScanner(10), List.of(bs("{\"a\":\"0123456789\"}"))))
        .isInstanceOf(FramingException.class).hasMessageContaining("maximum object length of 10");
    assertThat(fail(JsonFraming.objectScanner(100), List.of(bs("{\"a\": {}"))))
        .isInstanceOf(FramingException.class).hasMessageContaining("inside a JSON object");
  }

  @Test
  void randomChunkingNeverChangesTheFrames() throws Exception {
    Random random = new Random(7);
    StringBuilder sb = new StringBuilder();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String line = "line-" + i + "-" + "x".repeat(random.nextInt(40));
      lines.add(line);
      sb.append(line).append("||");
    }
    ByteString all = bs(sb.toString());
    List<ByteString> pieces = new ArrayList<>();
    int pos = 0;
    while (pos < all.length()) {
      int n = 1 + random.nextInt(50);
      pieces.add(all.slice(pos, pos + n));
      pos += n;
    }
    assertThat(run(Framing.delimiter(bs("||"), 64), pieces)).isEqualTo(lines);
  }
}
