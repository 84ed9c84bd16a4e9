package io.troupe.actor.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsistentHashingTest {
  private record Routee(ActorPath path) implements ActorRef<String> {
    @Override
    public void tell(String message) {}
  }

  private static List<ActorRef<String>> routees(int n) {
    List<ActorRef<String>> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(new Routee(ActorPath.root("sys").child("router").child("r" + i)));
    }
    return list;
  }

  @Test
  void removingARouteeMovesOnlyTheKeysItOwned() throws Exception {
    RoutingLogic.ConsistentHashing<String> logic = new RoutingLogic.ConsistentHashing<>(50, s -> s);
    List<ActorRef<String>> all = routees(5);
    logic.routeesChanged(all);
    Map<String, ActorRef<String>> before = new HashMap<>();
    for (int k = 0; k < 1000; k++) {
      before.put("key" + k, logic.select("key" + k, all));
    }
    // every routee owns a fair share with 50 points each
    for (ActorRef<String> r : all) {
      assertThat(before.values().stream().filter(r::equals).count()).isBetween(80L, 350L);
    }
    List<ActorRef<String>> fewer = new ArrayList<>(all);
    ActorRef<String> gone = fewer.remove(2);
    logic.routeesChanged(fewer);
    for (Map.Entry<String, ActorRef<String>> e : before.entrySet()) {
      ActorRef<String> now = logic.select(e.getKey(), fewer);
      if (!e.getValue().equals(gone)) {
        assertThat(now).as("key %s", e.getKey()).isEqualTo(e.getValue());
      } else {
        assertThat(now).isNotEqualTo(gone);
      }
    }
  }

  @Test
  void theHashSpreadsSimilarKeys() {
    long a = RoutingLogic.ConsistentHashing.hash("key1");
    long b = RoutingLogic.ConsistentHashing.hash("key2");
    assertThat(Long.bitCount(a ^ b)).isGreaterThan(10);
  }
}
