package io.troupe.actor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class TestInboxTest {

  record Msg(int n) {}

  @Test
  void collectsMessagesInArrivalOrder() {
    TestInbox<Msg> inbox = TestInbox.create("orders");
    assertThat(inbox.hasMessages()).isFalse();
    inbox.getRef().tell(new Msg(1));
    inbox.getRef().tell(new Msg(2));
    inbox.getRef().tell(new Msg(3));
    assertThat(inbox.hasMessages()).isTrue();
    assertThat(inbox.receiveMessage()).isEqualTo(new Msg(1));
    assertThat(inbox.expectMessage(new Msg(2))).isSameAs(inbox);
    assertThat(inbox.getAllReceived()).containsExactly(new Msg(3));
    assertThat(inbox.getAllReceived()).isEmpty();
    assertThat(inbox.getRef().path().toString()).isEqualTo("troupe://anonymous/orders");
  }

  @Test
  void failuresSayWhatWasExpectedAndWhatWasThere() {
    TestInbox<Object> inbox = TestInbox.create();
    assertThatThrownBy(inbox::receiveMessage)
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("receiveMessage: the inbox troupe://anonymous/inbox is empty");
    assertThatThrownBy(() -> inbox.expectMessage(new Msg(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expectMessage: expected [Msg[n=1]] (" + Msg.class.getName()
            + ") in the inbox troupe://anonymous/inbox, but it is empty");
    inbox.getRef().tell(new Msg(2));
    assertThatThrownBy(() -> inbox.expectMessage(new Msg(1)))
        .hasMessage("expectMessage: expected [Msg[n=1]], but got [Msg[n=2]]");
    inbox.getRef().tell("Msg[n=1]");
    assertThatThrownBy(() -> inbox.expectMessage(new Msg(1)))
        .hasMessage("expectMessage: expected [Msg[n=1]] (" + Msg.class.getName()
            + "), but got [Msg[n=1]] (java.lang.String)");
  }

  @Test
  void refsOfDifferentInboxesDiffer() {
    TestInbox<String> a = TestInbox.create("same");
    TestInbox<String> b = TestInbox.create("same");
    assertThat(a.getRef()).isNotEqualTo(b.getRef()).isEqualTo(a.getRef());
    assertThatThrownBy(() -> a.getRef().tell(null)).isInstanceOf(NullPointerException.class);
  }
}
