package io.copilotportsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.state.SyncState.DayStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state on disk stays about the days still open: a final day is never read again, so its entities' hashes leave
 * the journal at the next compaction, and a service that never closes compacts at the end of a run once the journal
 * has grown. What a crash leaves (a torn last line, an old three-field journal) is read back.
 */
class StateStaysSmallTest {
    private static final String KIND = "user-usage-metrics";
    private static final String ORG = "octo-org";
    private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);

    private static String hash(String entity, int version) {
        return ContentHash.of("githubUserDay", (entity + "#" + version).getBytes(StandardCharsets.UTF_8));
    }

    private static void readDay(FileSyncState state, LocalDate day, int users, DayStatus status) {
        for (int u = 0; u < users; u++) {
            String id = "u" + u + "-" + day;
            state.recordHash(KIND, ORG, day, "githubUserDay", id, hash(id, 1));
        }
        state.recordDay(KIND, ORG, day, status);
    }

    private static long lines(Path dir) throws Exception {
        try (var lines = Files.lines(dir.resolve("state/hashes.log"))) {
            return lines.count();
        }
    }

    @Test
    void a_final_days_entities_leave_the_journal_and_an_open_days_stay(@TempDir Path dir) throws Exception {
        try (FileSyncState state = new FileSyncState(dir)) {
            readDay(state, FIRST, 1_000, DayStatus.FINAL);
            readDay(state, FIRST.plusDays(1), 1_000, DayStatus.FINAL);
            readDay(state, FIRST.plusDays(2), 1_000, DayStatus.PROVISIONAL);
            for (int s = 0; s < 10; s++) {
                state.recordHash(null, null, null, "githubSeat", "seat-" + s, hash("seat-" + s, 1));
            }
        }
        assertEquals(1_010, lines(dir), "the provisional day and the snapshot: one line an entity");
        try (FileSyncState state = new FileSyncState(dir)) {
            String open = "u7-" + FIRST.plusDays(2);
            assertTrue(state.acknowledged("githubUserDay", open, hash(open, 1)), "an open day's entity is not sent again");
            assertTrue(state.acknowledged("githubSeat", "seat-3", hash("seat-3", 1)), "a snapshot's entity is not sent again");
            String settled = "u7-" + FIRST;
            assertFalse(state.acknowledged("githubUserDay", settled, hash(settled, 1)),
                    "a final day's hash is let go: were the day read again, its entity would be sent once more");
            assertEquals(3, state.days(KIND, ORG).size(), "the days themselves are kept");
        }
    }

    @Test
    void a_service_that_never_closes_compacts_the_journal_at_the_end_of_a_run(@TempDir Path dir) throws Exception {
        int users = 2_000;
        int days = 120;
        try (FileSyncState state = new FileSyncState(dir)) {
            long most = 0;
            for (int d = 0; d < days; d++) {
                // one daily run: the newest day read, the one before it now final
                readDay(state, FIRST.plusDays(d), users, DayStatus.PROVISIONAL);
                if (d > 0) {
                    state.recordDay(KIND, ORG, FIRST.plusDays(d - 1), DayStatus.FINAL);
                }
                state.flush();
                most = Math.max(most, lines(dir));
            }
            // a journal of every day would be 240,000 lines; it stays within a few multiples of what is open
            assertTrue(most <= 3L * 100_000 / 2, "hashes.log held at most " + most + " lines");
            assertTrue(lines(dir) < (long) days * users, "compacted while running: " + lines(dir));
            String newest = "u5-" + FIRST.plusDays(days - 1);
            assertTrue(state.acknowledged("githubUserDay", newest, hash(newest, 1)));
        }
        try (FileSyncState state = new FileSyncState(dir)) {
            String newest = "u5-" + FIRST.plusDays(days - 1);
            assertTrue(state.acknowledged("githubUserDay", newest, hash(newest, 1)), "read back after compaction");
            assertEquals(days, state.days(KIND, ORG).size());
        }
        assertEquals(users, lines(dir), "closed: only the open day is left");
    }

    @Test
    void a_torn_last_line_and_a_journal_written_before_days_were_kept_are_read_back(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("state"));
        String old = "githubSeat\tseat-1\t" + hash("seat-1", 1) + "\n";
        String current = "githubUserDay\tu1-2026-01-01\t" + hash("u1-2026-01-01", 1) + "\t" + KIND + "\t" + ORG + "\t2026-01-01\n";
        String torn = "githubUserDay\tu2-2026-01-01\t" + hash("u2-2026-01-01", 1) + "\t" + KIND + "\t" + ORG + "\t2026-0";
        Files.writeString(dir.resolve("state/hashes.log"), old + current + torn, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW);
        try (FileSyncState state = new FileSyncState(dir)) {
            assertTrue(state.acknowledged("githubSeat", "seat-1", hash("seat-1", 1)));
            assertTrue(state.acknowledged("githubUserDay", "u1-2026-01-01", hash("u1-2026-01-01", 1)));
            assertFalse(state.acknowledged("githubUserDay", "u2-2026-01-01", hash("u2-2026-01-01", 1)),
                    "the torn line is the one thing lost: that entity is sent once more");
        }
    }
}
