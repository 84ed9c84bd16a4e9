package io.troupe.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CellSetTest {
  private static ActorCell<Object> cell(long uid) {
    return new ActorCell<>(null, null, null, uid, null, 0, null, null);
  }

  @Test
  void behavesLikeASetUnderRandomAddsAndRemoves() {
    Random random = new Random(42);
    CellSet set = new CellSet();
    Map<Long, ActorCell<Object>> model = new HashMap<>();
    List<Long> uids = new ArrayList<>();
    long nextUid = 1;
    for (int step = 0; step < 100_000; step++) {
      if (model.isEmpty() || random.nextInt(3) > 0) {
        ActorCell<Object> c = cell(nextUid++);
        set.add(c);
        model.put(c.uid, c);
        uids.add(c.uid);
      } else {
        int pick = random.nextInt(uids.size());
        long uid = uids.get(pick);
        uids.set(pick, uids.get(uids.size() - 1));
        uids.remove(uids.size() - 1);
        assertThat(set.remove(model.remove(uid))).isTrue();
        assertThat((Object) set.findByUid(uid)).isNull();
      }
      if (step % 10_000 == 0) {
        for (Map.Entry<Long, ActorCell<Object>> e : model.entrySet()) {
          if (set.findByUid(e.getKey()) != e.getValue()) {
            throw new AssertionError("uid " + e.getKey() + " not found at step " + step);
          }
        }
      }
    }
    assertThat(set.size()).isEqualTo(model.size());
    assertThat(set.toList()).containsExactlyInAnyOrderElementsOf(model.values());
    for (ActorCell<Object> c : new ArrayList<>(model.values())) {
      assertThat(set.remove(c)).isTrue();
    }
    assertThat(set.isEmpty()).isTrue();
    assertThat(set.remove(cell(nextUid))).isFalse();
  }
}
