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
    long nextUid = 1;
    for (int step = 0; step < 200_000; step++) {
      if (model.isEmpty() || random.nextInt(3) > 0) {
        ActorCell<Object> c = cell(nextUid++);
        set.add(c);
        model.put(c.uid, c);
      } else {
        List<Long> uids = new ArrayList<>(model.keySet());
        long uid = uids.get(random.nextInt(uids.size()));
        assertThat(set.remove(model.remove(uid))).isTrue();
        assertThat((Object) set.findByUid(uid)).isNull();
      }
      if (step % 10_000 == 0) {
        for (Map.Entry<Long, ActorCell<Object>> e : model.entrySet()) {
          assertThat((Object) set.findByUid(e.getKey())).isSameAs(e.getValue());
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
