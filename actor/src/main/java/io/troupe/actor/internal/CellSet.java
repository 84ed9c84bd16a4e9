package io.troupe.actor.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The anonymous children of one actor: an open-addressing hash set of cells keyed by uid, with
 * linear probing and backward-shift deletion. A child costs one table slot (about 8 bytes at the
 * load factor kept here) instead of a map entry plus a name string, which is what makes a
 * million idle children cheap. Guarded by the owner's children lock.
 */
final class CellSet {
  private ActorCell<?>[] table = new ActorCell<?>[8];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void add(ActorCell<?> cell) {
    if ((size + 1) * 2 > table.length) {
      resize(table.length * 2);
    }
    insert(table, cell);
    size++;
  }

  boolean remove(ActorCell<?> cell) {
    ActorCell<?>[] t = table;
    int mask = t.length - 1;
    int i = index(cell.uid, mask);
    while (t[i] != null) {
      if (t[i] == cell) {
        deleteAt(t, i);
        size--;
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  ActorCell<?> findByUid(long uid) {
    ActorCell<?>[] t = table;
    int mask = t.length - 1;
    for (int i = index(uid, mask); t[i] != null; i = (i + 1) & mask) {
      if (t[i].uid == uid) {
        return t[i];
      }
    }
    return null;
  }

  void addAllTo(List<? super ActorCell<?>> out) {
    for (ActorCell<?> c : table) {
      if (c != null) {
        out.add(c);
      }
    }
  }

  List<ActorCell<?>> toList() {
    List<ActorCell<?>> out = new ArrayList<>(size);
    addAllTo(out);
    return out;
  }

  private static int index(long uid, int mask) {
    long h = uid * 0x9E3779B97F4A7C15L; // Fibonacci hashing spreads consecutive uids
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private static void insert(ActorCell<?>[] t, ActorCell<?> cell) {
    int mask = t.length - 1;
    int i = index(cell.uid, mask);
    while (t[i] != null) {
      i = (i + 1) & mask;
    }
    t[i] = cell;
  }

  /** Removes slot {@code i} and shifts later members of its probe run back, keeping lookups correct. */
  private static void deleteAt(ActorCell<?>[] t, int i) {
    int mask = t.length - 1;
    int hole = i;
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      ActorCell<?> c = t[j];
      if (c == null) {
        break;
      }
      int home = index(c.uid, mask);
      // c may fill the hole if its home is not cyclically within (hole, j]
      boolean homeInRange = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
      if (!homeInRange) {
        t[hole] = c;
        hole = j;
      }
    }
    t[hole] = null;
  }

  private void resize(int capacity) {
    ActorCell<?>[] grown = new ActorCell<?>[capacity];
    for (ActorCell<?> c : table) {
      if (c != null) {
        insert(grown, c);
      }
    }
    table = grown;
  }
}
