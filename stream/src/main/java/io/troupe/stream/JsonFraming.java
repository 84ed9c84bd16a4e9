package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.stream.internal.io.FramingStages;
import io.troupe.util.ByteString;

/** Flows that cut a stream of bytes holding JSON into one element per JSON object. */
public final class JsonFraming {
  private JsonFraming() {}

  /**
   * Emits each top-level JSON object (<code>{...}</code>) found in the input, which may be a JSON
   * array of objects or objects one after another (separated by whitespace, commas or newlines).
   * The scanner follows strings and escapes, so braces inside strings do not count; it does not
   * validate the objects' content.
   *
   * <p><b>Emits when</b> an object is complete and downstream pulls. <b>Backpressures when</b>
   * downstream backpressures. <b>Completes when</b> upstream completes and all objects are
   * emitted. <b>Fails when</b> an object exceeds {@code maximumObjectLength} bytes, a byte other
   * than whitespace, {@code ,}, {@code [} or {@code ]} appears between objects, or the input ends
   * inside an object. <b>Cancels when</b> downstream cancels.
   *
   * @throws IllegalArgumentException if {@code maximumObjectLength} is not positive
   */
  public static Flow<ByteString, ByteString, NotUsed> objectScanner(int maximumObjectLength) {
    if (maximumObjectLength <= 0) {
      throw new IllegalArgumentException(
          "maximumObjectLength must be > 0, was " + maximumObjectLength);
    }
    return Flow.fromGraph(FramingStages.jsonObjects(maximumObjectLength));
  }
}
