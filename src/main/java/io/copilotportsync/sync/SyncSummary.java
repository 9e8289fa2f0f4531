package io.copilotportsync.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The figures of one run, per kind and scope: days, records read, entities upserted, dropped and failed, with reasons. */
public final class SyncSummary {

    /** Counters of one (kind, scope). */
    public static final class Tally {
        final AtomicLong days = new AtomicLong();
        final AtomicLong daysWithoutData = new AtomicLong();
        /** The days (or "" for a snapshot, or a report read as a whole) that failed: each counts once. */
        final Set<String> failedDays = new ConcurrentSkipListSet<>();
        final AtomicLong recordsRead = new AtomicLong();
        final AtomicLong upserted = new AtomicLong();
        final AtomicLong unchanged = new AtomicLong();
        final AtomicLong deleted = new AtomicLong();
        final Map<String, AtomicLong> dropped = new ConcurrentSkipListMap<>();
        final Map<String, AtomicLong> failed = new ConcurrentSkipListMap<>();
        final Set<String> warnings = new ConcurrentSkipListSet<>();

        public long days() { return days.get(); }
        public long daysWithoutData() { return daysWithoutData.get(); }
        public long daysFailed() { return failedDays.size(); }
        public long recordsRead() { return recordsRead.get(); }
        public long upserted() { return upserted.get(); }
        public long unchanged() { return unchanged.get(); }
        public long deleted() { return deleted.get(); }
        public long droppedCount() { return sum(dropped); }
        public long failedCount() { return sum(failed); }
        public Map<String, Long> droppedReasons() { return copy(dropped); }
        public Map<String, Long> failedReasons() { return copy(failed); }
        public Set<String> warnings() { return Set.copyOf(warnings); }

        public boolean succeeded() {
            return failedDays.isEmpty() && failed.isEmpty();
        }
    }

    private final SyncWindow window;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private final List<String> runErrors = java.util.Collections.synchronizedList(new ArrayList<>());

    public SyncSummary(SyncWindow window) {
        this.window = window;
    }

    /** The days this run covers, inclusive. */
    public SyncWindow window() {
        return window;
    }

    public Tally tally(String kind, String scope) {
        return tallies.computeIfAbsent(kind + "\u0000" + scope, k -> new Tally());
    }

    public void dayDone(String kind, String scope) { tally(kind, scope).days.incrementAndGet(); }
    public void dayWithoutData(String kind, String scope) { tally(kind, scope).daysWithoutData.incrementAndGet(); }
    public void recordRead(String kind, String scope) { tally(kind, scope).recordsRead.incrementAndGet(); }
    public void upserted(String kind, String scope, long n) { tally(kind, scope).upserted.addAndGet(n); }
    public void unchanged(String kind, String scope) { tally(kind, scope).unchanged.incrementAndGet(); }
    public void deleted(String kind, String scope, long n) { tally(kind, scope).deleted.addAndGet(n); }

    public void dropped(String kind, String scope, String reason) {
        tally(kind, scope).dropped.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    public void failed(String kind, String scope, String reason) {
        tally(kind, scope).failed.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /** A warning that does not fail the run (a closed legacy endpoint, say); true the first time it is given. */
    public boolean warning(String kind, String scope, String message) {
        return tally(kind, scope).warnings.add(message);
    }

    /** A day of a kind and scope failed (day null: the kind's snapshot, or a report read as a whole), with the reason. */
    public void dayFailed(String kind, String scope, String day, String reason) {
        failedDay(kind, scope, day);
        failed(kind, scope, reason);
    }

    /** A day is not final: read or delivered only in part, so it is asked again next run. Counted once a day. */
    public void failedDay(String kind, String scope, String day) {
        tally(kind, scope).failedDays.add(day == null ? "" : day);
    }

    /** A failure of the run as a whole (Port unreachable, blueprints not created): no kind can succeed then. */
    public void runFailed(String reason) {
        runErrors.add(reason);
    }

    /** The failures of the run as a whole, in the order they came. */
    public List<String> runErrors() {
        synchronized (runErrors) {
            return List.copyOf(runErrors);
        }
    }

    public boolean succeeded() {
        return runErrors.isEmpty() && tallies.values().stream().allMatch(Tally::succeeded);
    }

    /** (kind, scope) → tally, sorted. */
    public Map<List<String>, Tally> tallies() {
        Map<List<String>, Tally> sorted = new TreeMap<>((a, b) -> (a.get(0) + "\u0000" + a.get(1)).compareTo(b.get(0) + "\u0000" + b.get(1)));
        tallies.forEach((key, t) -> sorted.put(List.of(key.split("\u0000", 2)), t));
        return sorted;
    }

    /** The table printed at the end of every run. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Sync summary, days ").append(window).append('\n');
        String format = "%-32s %-24s %5s %8s %7s %9s %9s %9s %8s %8s %7s%n";
        out.append(String.format(format, "kind", "scope", "days", "no-data", "failed", "read", "upserted", "unchanged", "dropped",
                "deleted", "failed"));
        out.append(String.format(format, "", "", "", "", "days", "records", "entities", "entities", "entities", "entities", "records"));
        tallies().forEach((key, t) -> out.append(String.format(format, key.get(0), key.get(1), t.days(), t.daysWithoutData(),
                t.daysFailed(), t.recordsRead(), t.upserted(), t.unchanged(), t.droppedCount(), t.deleted(), t.failedCount())));
        tallies().forEach((key, t) -> {
            t.warnings.forEach(w -> out.append("  warning (").append(key.get(0)).append(", ").append(key.get(1))
                    .append("): ").append(w).append('\n'));
            t.droppedReasons().forEach((reason, n) -> out.append("  dropped ").append(n).append(" (").append(key.get(0))
                    .append(", ").append(key.get(1)).append("): ").append(reason).append('\n'));
            t.failedReasons().forEach((reason, n) -> out.append("  failed ").append(n).append(" (").append(key.get(0))
                    .append(", ").append(key.get(1)).append("): ").append(reason).append('\n'));
        });
        synchronized (runErrors) {
            runErrors.forEach(e -> out.append("  run failed: ").append(e).append('\n'));
        }
        out.append(succeeded() ? "Result: every kind succeeded\n" : "Result: FAILED (see the failures above)\n");
        return out.toString();
    }

    private static long sum(Map<String, AtomicLong> m) {
        return m.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private static Map<String, Long> copy(Map<String, AtomicLong> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
