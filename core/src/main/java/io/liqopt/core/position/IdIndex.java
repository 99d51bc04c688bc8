package io.liqopt.core.position;

import java.util.function.IntFunction;

/**
 * Position ids to slots, without a boxed entry per id: an open-addressing table of slot numbers
 * (linear probing, tombstones on removal, doubled past half full), the ids themselves read from the
 * book's slot array. About 8 bytes per id instead of a hash map's ~48. Not thread-safe.
 */
final class IdIndex {
  private static final int EMPTY = 0;
  private static final int TOMBSTONE = -1;

  private final IntFunction<String> idOf;
  private int[] table = new int[16]; // slot + 1, EMPTY or TOMBSTONE
  private int size;
  private int used; // entries and tombstones

  /**
   * @param idOf the id held in a slot
   */
  IdIndex(IntFunction<String> idOf) {
    this.idOf = idOf;
  }

  int size() {
    return size;
  }

  /** The slot of {@code id}, or -1. */
  int get(String id) {
    int mask = table.length - 1;
    for (int i = spread(id.hashCode()) & mask; ; i = (i + 1) & mask) {
      int t = table[i];
      if (t == EMPTY) {
        return -1;
      }
      if (t != TOMBSTONE && id.equals(idOf.apply(t - 1))) {
        return t - 1;
      }
    }
  }

  /** Adds {@code id} (absent, already in its slot) at {@code slot}. */
  void put(String id, int slot) {
    if (2 * (used + 1) > table.length) {
      rehash(size + 1 > table.length / 4 ? table.length * 2 : table.length);
    }
    int mask = table.length - 1;
    int i = spread(id.hashCode()) & mask;
    while (table[i] != EMPTY && table[i] != TOMBSTONE) {
      i = (i + 1) & mask;
    }
    if (table[i] == EMPTY) {
      used++;
    }
    table[i] = slot + 1;
    size++;
  }

  /** Removes {@code id}; returns its slot, or -1 when absent. */
  int remove(String id) {
    int mask = table.length - 1;
    for (int i = spread(id.hashCode()) & mask; ; i = (i + 1) & mask) {
      int t = table[i];
      if (t == EMPTY) {
        return -1;
      }
      if (t != TOMBSTONE && id.equals(idOf.apply(t - 1))) {
        table[i] = TOMBSTONE;
        size--;
        return t - 1;
      }
    }
  }

  private void rehash(int capacity) {
    int[] old = table;
    table = new int[capacity];
    used = 0;
    size = 0;
    int mask = capacity - 1;
    for (int t : old) {
      if (t > 0) {
        int i = spread(idOf.apply(t - 1).hashCode()) & mask;
        while (table[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        table[i] = t;
        used++;
        size++;
      }
    }
  }

  private static int spread(int h) {
    return h ^ (h >>> 16) ^ (h >>> 7);
  }
}
