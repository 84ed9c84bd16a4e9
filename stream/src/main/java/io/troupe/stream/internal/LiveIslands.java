package io.troupe.stream.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The islands of a materializer that are running now, for shutdown and the stage-leak check.
 * Internal API.
 *
 * <p>Every stream adds its islands when it starts and removes them when they finish, usually on
 * two different threads, so this is on the path of every materialization: intrusive doubly linked
 * lists (no node per island) in a few stripes, each behind its own monitor, so that concurrent
 * starts and ends rarely wait for each other.
 */
final class LiveIslands {
  private static final int STRIPES = 8; // a power of two

  private final Object[] locks = new Object[STRIPES];
  private final Island[] heads = new Island[STRIPES];
  private int nextStripe; // racy on purpose: it only spreads islands over the stripes

  LiveIslands() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  void add(Island island) {
    int s = nextStripe++ & (STRIPES - 1);
    island.liveStripe = s;
    synchronized (locks[s]) {
      Island head = heads[s];
      island.liveNext = head;
      island.livePrev = null;
      if (head != null) {
        head.livePrev = island;
      }
      heads[s] = island;
      island.live = true;
    }
  }

  void remove(Island island) {
    int s = island.liveStripe;
    synchronized (locks[s]) {
      if (!island.live) {
        return;
      }
      island.live = false;
      Island prev = island.livePrev;
      Island next = island.liveNext;
      if (prev == null) {
        heads[s] = next;
      } else {
        prev.liveNext = next;
      }
      if (next != null) {
        next.livePrev = prev;
      }
      island.liveNext = null;
      island.livePrev = null;
    }
  }

  /** The islands running at this moment. */
  List<Island> snapshot() {
    List<Island> all = new ArrayList<>();
    for (int s = 0; s < STRIPES; s++) {
      synchronized (locks[s]) {
        for (Island i = heads[s]; i != null; i = i.liveNext) {
          all.add(i);
        }
      }
    }
    return all;
  }

  int size() {
    return snapshot().size();
  }

}
