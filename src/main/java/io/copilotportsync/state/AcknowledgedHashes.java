package io.copilotportsync.state;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The content Port last acknowledged for each entity, held as 64-bit fingerprints in flat arrays: about 24 bytes an
 * entity instead of some 200 as strings in a map, so that a year's backfill of 5,000 users (1.8 million entities)
 * fits a small heap. Two identifiers whose fingerprints collide share a slot: one of them then looks changed and is
 * sent once more, never unchanged (their content fingerprints would have to match too). Each entry keeps the kind,
 * scope and day it was read for: when the table must grow, entries of days no run will read again are let go first
 * ({@link Settled}), so what is held stays about the days still open and the snapshots, not every day ever read.
 * Thread-safe: record workers look up while Port's answers record.
 */
final class AcknowledgedHashes {
    /** The day of an entry that belongs to no day (a snapshot: seats, billing). */
    static final int NO_DAY = Integer.MIN_VALUE;
    private static final int NO_LEDGER = -1;
    private static final int FIRST_CAPACITY = 1 << 12;

    /** Whether the days of an entry are settled: final, never to be read again (so its hash is of no more use). */
    @FunctionalInterface
    interface Settled {
        boolean settled(String kind, String scope, LocalDate day);
    }

    private final Settled settled;
    private final List<String[]> ledgers = new ArrayList<>();
    private final Map<String, Integer> ledgerIndex = new HashMap<>();
    private long[] keys = new long[FIRST_CAPACITY];
    private long[] values = new long[FIRST_CAPACITY];
    private int[] entryLedgers = new int[FIRST_CAPACITY];
    private int[] days = new int[FIRST_CAPACITY];
    private int size;
    /** During {@link #compacting}: the slots already written out. */
    private BitSet written;

    AcknowledgedHashes(Settled settled) {
        this.settled = settled;
    }

    /** True when Port's last acknowledged content for the entity has this hash. */
    synchronized boolean acknowledged(String blueprint, String identifier, String hash) {
        int slot = find(key(blueprint, identifier));
        return slot >= 0 && values[slot] == fingerprint(hash);
    }

    /** Records the hash; answers false when it was already the one held. Kind and scope null, day null: a snapshot. */
    synchronized boolean put(String blueprint, String identifier, String hash, String kind, String scope, LocalDate day) {
        long key = key(blueprint, identifier);
        long value = fingerprint(hash);
        int slot = find(key);
        if (slot >= 0) {
            boolean changed = values[slot] != value;
            values[slot] = value;
            entryLedgers[slot] = ledger(kind, scope);
            days[slot] = day == null ? NO_DAY : (int) day.toEpochDay();
            return changed;
        }
        if ((size + 1) * 10L > keys.length * 7L) {
            makeRoom();
        }
        insert(key, value, ledger(kind, scope), day == null ? NO_DAY : (int) day.toEpochDay());
        return true;
    }

    /** Lets go of an entity (deleted from Port); answers whether one was held. */
    synchronized boolean remove(String blueprint, String identifier) {
        int slot = find(key(blueprint, identifier));
        if (slot < 0) {
            return false;
        }
        delete(slot);
        return true;
    }

    synchronized int size() {
        return size;
    }

    /** Slots in the table: its memory is about 24 bytes a slot. */
    synchronized int capacity() {
        return keys.length;
    }

    /** Lets go of every entry whose day is settled; answers how many went. */
    synchronized int prune() {
        int before = size;
        rebuild(keys.length);
        return before - size;
    }

    /**
     * Starts writing the table out as the lines of its journal: {@link #firstWrite} then answers true once for each
     * entry, for the first line that holds its current hash.
     */
    synchronized void compacting() {
        written = new BitSet(keys.length);
    }

    synchronized boolean firstWrite(String blueprint, String identifier, String hash) {
        int slot = find(key(blueprint, identifier));
        if (slot < 0 || values[slot] != fingerprint(hash) || written.get(slot)) {
            return false;
        }
        written.set(slot);
        return true;
    }

    synchronized void compacted() {
        written = null;
    }

    private void makeRoom() {
        // first the entries of settled days; double only if the open ones fill more than half
        rebuild(keys.length);
        if (size * 2L > keys.length) {
            rebuild(keys.length * 2);
        }
    }

    private void rebuild(int capacity) {
        long[] oldKeys = keys;
        long[] oldValues = values;
        int[] oldLedgers = entryLedgers;
        int[] oldDays = days;
        keys = new long[capacity];
        values = new long[capacity];
        entryLedgers = new int[capacity];
        days = new int[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0 && !settled(oldLedgers[i], oldDays[i])) {
                insert(oldKeys[i], oldValues[i], oldLedgers[i], oldDays[i]);
            }
        }
    }

    private boolean settled(int ledger, int day) {
        if (ledger == NO_LEDGER || day == NO_DAY) {
            return false;
        }
        String[] kindScope = ledgers.get(ledger);
        return settled.settled(kindScope[0], kindScope[1], LocalDate.ofEpochDay(day));
    }

    private void insert(long key, long value, int ledger, int day) {
        int slot = home(key);
        while (keys[slot] != 0) {
            slot = (slot + 1) & (keys.length - 1);
        }
        keys[slot] = key;
        values[slot] = value;
        entryLedgers[slot] = ledger;
        days[slot] = day;
        size++;
    }

    private int find(long key) {
        int slot = home(key);
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return slot;
            }
            slot = (slot + 1) & (keys.length - 1);
        }
        return -1;
    }

    /** Linear probing's deletion: the entries after the hole that belong before it move up, so no probe stops short. */
    private void delete(int slot) {
        int mask = keys.length - 1;
        int hole = slot;
        int next = (hole + 1) & mask;
        while (keys[next] != 0) {
            int home = home(keys[next]);
            boolean movable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
            if (movable) {
                keys[hole] = keys[next];
                values[hole] = values[next];
                entryLedgers[hole] = entryLedgers[next];
                days[hole] = days[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        keys[hole] = 0;
        size--;
    }

    private int home(long key) {
        return (int) (key ^ (key >>> 32)) & (keys.length - 1);
    }

    private int ledger(String kind, String scope) {
        if (kind == null || scope == null) {
            return NO_LEDGER;
        }
        return ledgerIndex.computeIfAbsent(kind + "\t" + scope, k -> {
            ledgers.add(new String[] {kind, scope});
            return ledgers.size() - 1;
        });
    }

    private static long key(String blueprint, String identifier) {
        long h = fnv(fnv(0xcbf29ce484222325L, blueprint), "\t");
        long key = mix(fnv(h, identifier));
        return key == 0 ? 1 : key; // 0 marks an empty slot
    }

    static long fingerprint(String text) {
        return mix(fnv(0xcbf29ce484222325L, text));
    }

    private static long fnv(long h, String text) {
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** MurmurHash3's finalizer: FNV's low bits alone spread poorly over a power-of-two table. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
