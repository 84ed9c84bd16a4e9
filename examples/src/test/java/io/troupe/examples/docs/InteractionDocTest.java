package io.troupe.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.AskPattern;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.StatusReply;
import io.troupe.examples.TestInbox;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The examples of the interaction-patterns section of docs/actors.md. */
class InteractionDocTest {
  private final ActorSystem<Void> system = ActorSystem.create("interaction");

  @AfterEach
  void shutdown() throws Exception {
    TestInbox.shutdown(system);
  }

  // #status-reply
  public sealed interface Account {}

  public record Withdraw(long cents, ActorRef<StatusReply<Long>> replyTo) implements Account {}

  public record GetBalance(ActorRef<Long> replyTo) implements Account {}

  static Behavior<Account> account(long balance) {
    return Behaviors.receive(Account.class)
        .onMessage(Withdraw.class, w -> {
          if (w.cents() > balance) {
            w.replyTo().tell(StatusReply.error("insufficient funds: " + balance + " < " + w.cents()));
            return Behaviors.same();
          }
          w.replyTo().tell(StatusReply.success(balance - w.cents()));
          return account(balance - w.cents());
        })
        .onMessage(GetBalance.class, g -> {
          g.replyTo().tell(balance);
          return Behaviors.same();
        })
        .build();
  }
  // #status-reply

  @Test
  void askWithStatusCompletesWithTheValueOrFailsWithTheError() throws Exception {
    ActorRef<Account> account = system.systemActorOf(account(1_000), "account");
    // #ask-with-status
    CompletionStage<Long> left = AskPattern.askWithStatus(
        account, replyTo -> new Withdraw(300, replyTo), Duration.ofSeconds(3), system.scheduler());
    // #ask-with-status
    assertThat(left.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(700);
    CompletionStage<Long> tooMuch = AskPattern.askWithStatus(
        account, replyTo -> new Withdraw(5_000, replyTo), Duration.ofSeconds(3), system.scheduler());
    assertThatThrownBy(() -> tooMuch.toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(StatusReply.ErrorMessage.class).hasMessage("insufficient funds: 700 < 5000");
  }

  // #ask-from-actor
  public sealed interface Statement {}

  public record Print(ActorRef<String> printer) implements Statement {}

  private record BalanceKnown(long cents, ActorRef<String> printer) implements Statement {}

  private record BalanceUnknown(Throwable error, ActorRef<String> printer) implements Statement {}

  static Behavior<Statement> statement(ActorRef<Account> account, Duration timeout) {
    return Behaviors.setup(context -> Behaviors.receive(Statement.class)
        .onMessage(Print.class, print -> {
          context.ask(
              Long.class,
              account,
              timeout,
              GetBalance::new,
              (cents, failure) -> failure == null // such as a TimeoutException
                  ? new BalanceKnown(cents, print.printer())
                  : new BalanceUnknown(failure, print.printer()));
          return Behaviors.same();
        })
        .onMessage(BalanceKnown.class, known -> {
          known.printer().tell("balance: " + known.cents());
          return Behaviors.same();
        })
        .onMessage(BalanceUnknown.class, unknown -> {
          unknown.printer().tell("balance unknown: " + unknown.error().getClass().getSimpleName());
          return Behaviors.same();
        })
        .build());
  }
  // #ask-from-actor

  @Test
  void anActorAsksAnotherAndGetsTheAnswerAsItsOwnMessage() throws Exception {
    ActorRef<Account> account = system.systemActorOf(account(1_000), "account");
    ActorRef<Statement> statement = system.systemActorOf(statement(account, Duration.ofSeconds(3)), "statement");
    TestInbox<String> printer = TestInbox.create(system);
    statement.tell(new Print(printer.ref()));
    assertThat(printer.receive()).isEqualTo("balance: 1000");

    ActorRef<Account> silent = system.systemActorOf(Behaviors.ignore(), "silent");
    ActorRef<Statement> waiting = system.systemActorOf(statement(silent, Duration.ofMillis(50)), "waiting");
    waiting.tell(new Print(printer.ref()));
    assertThat(printer.receive()).isEqualTo("balance unknown: TimeoutException");
  }

  // #pipe-to-self
  public interface PriceService {
    CompletionStage<Long> priceOf(String sku);
  }

  public sealed interface Quote {}

  public record GetQuote(String sku, ActorRef<String> replyTo) implements Quote {}

  private record PriceKnown(String sku, long cents, ActorRef<String> replyTo) implements Quote {}

  private record PriceUnknown(String sku, Throwable error, ActorRef<String> replyTo) implements Quote {}

  static Behavior<Quote> quotes(PriceService prices) {
    return Behaviors.setup(context -> Behaviors.receive(Quote.class)
        .onMessage(GetQuote.class, get -> {
          // the future completes on another thread: bring the outcome back as a message
          context.pipeToSelf(prices.priceOf(get.sku()), (cents, error) -> error == null
              ? new PriceKnown(get.sku(), cents, get.replyTo())
              : new PriceUnknown(get.sku(), error, get.replyTo()));
          return Behaviors.same();
        })
        .onMessage(PriceKnown.class, known -> {
          known.replyTo().tell(known.sku() + " costs " + known.cents());
          return Behaviors.same();
        })
        .onMessage(PriceUnknown.class, unknown -> {
          unknown.replyTo().tell(unknown.sku() + ": " + unknown.error().getMessage());
          return Behaviors.same();
        })
        .build());
  }
  // #pipe-to-self

  @Test
  void pipeToSelfTurnsAFutureIntoAMessage() throws Exception {
    CompletableFuture<Long> pending = new CompletableFuture<>();
    PriceService prices = sku -> sku.equals("tea") ? pending
        : CompletableFuture.failedFuture(new IllegalArgumentException("no such product"));
    ActorRef<Quote> quotes = system.systemActorOf(quotes(prices), "quotes");
    TestInbox<String> inbox = TestInbox.create(system);
    quotes.tell(new GetQuote("tea", inbox.ref()));
    quotes.tell(new GetQuote("gold", inbox.ref()));
    assertThat(inbox.receive()).isEqualTo("gold: no such product");
    pending.complete(350L);
    assertThat(inbox.receive()).isEqualTo("tea costs 350");
  }

  // #message-adapter
  public record Temperature(String sensor, double celsius) {}

  public sealed interface Dashboard {}

  public record Subscribe(ActorRef<ActorRef<Temperature>> sensorHub) implements Dashboard {}

  private record Reading(Temperature temperature) implements Dashboard {}

  public record Show(ActorRef<String> replyTo) implements Dashboard {}

  static Behavior<Dashboard> dashboard() {
    return Behaviors.setup(context -> {
      // a ref of the type the hub speaks, whose messages arrive here wrapped in Reading
      ActorRef<Temperature> readings = context.messageAdapter(Temperature.class, Reading::new);
      return showing(readings, "no reading yet");
    });
  }

  private static Behavior<Dashboard> showing(ActorRef<Temperature> readings, String latest) {
    return Behaviors.receive(Dashboard.class)
        .onMessage(Subscribe.class, s -> {
          s.sensorHub().tell(readings);
          return Behaviors.same();
        })
        .onMessage(Reading.class, r ->
            showing(readings, r.temperature().sensor() + ": " + r.temperature().celsius() + " °C"))
        .onMessage(Show.class, show -> {
          show.replyTo().tell(latest);
          return Behaviors.same();
        })
        .build();
  }
  // #message-adapter

  @Test
  void aMessageAdapterTranslatesAnotherProtocol() throws Exception {
    ActorRef<Dashboard> dashboard = system.systemActorOf(dashboard(), "dashboard");
    TestInbox<ActorRef<Temperature>> hub = TestInbox.create(system);
    dashboard.tell(new Subscribe(hub.ref()));
    hub.receive().tell(new Temperature("kitchen", 21.5));
    TestInbox<String> screen = TestInbox.create(system);
    String shown;
    do { // the reading and Show come from different senders, so Show may overtake it
      dashboard.tell(new Show(screen.ref()));
      shown = screen.receive();
    } while (shown.equals("no reading yet"));
    assertThat(shown).isEqualTo("kitchen: 21.5 °C");
  }
}
