package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.NotUsed;
import io.troupe.util.ByteString;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The example of the "Protocol stacks: BidiFlow" section of docs/streams.md, run. */
class BidiFlowDocTest extends StreamTestBase {

  @Test
  void aProtocolStackJoinedWithAClientAndAServer() throws Exception {
    // one layer: numbers ⇄ text
    BidiFlow<Integer, String, String, Integer, NotUsed> codec =
        BidiFlow.fromFunctions(i -> Integer.toString(i), Integer::parseInt);

    // a layer closer to the wire: text ⇄ bytes, each message behind a 4-byte length
    BidiFlow<String, ByteString, ByteString, String, NotUsed> framing =
        BidiFlow.<String, ByteString, ByteString, String>fromFunctions(
                ByteString::fromString, ByteString::utf8String)
            .atop(Framing.simpleFramingProtocol(1024));

    BidiFlow<Integer, ByteString, ByteString, Integer, NotUsed> stack = codec.atop(framing);

    // server side: the application closes the stack's left side; what is left faces the wire
    Flow<ByteString, ByteString, NotUsed> handler =
        Flow.<Integer>create().map(i -> i * 2).join(stack);

    // client side: a transport closes the right side (here the handler itself stands in for
    // Tcp.get(system).outgoingConnection(host, port) to a server running it)
    Flow<Integer, Integer, NotUsed> client = stack.join(handler);

    CompletionStage<List<Integer>> doubled =
        Source.range(1, 3).via(client).runWith(Sink.seq(), system);

    assertThat(await(doubled)).containsExactly(2, 4, 6);
  }
}
