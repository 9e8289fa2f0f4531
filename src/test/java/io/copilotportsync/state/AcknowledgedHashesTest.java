package io.copilotportsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The table of acknowledged content: an entity whose content changed is always sent (a fingerprint collision may
 * only make an unchanged one look changed), deletions leave every other entity findable, and when the table must
 * grow, the entities of final days go first while snapshots and open days stay.
 */
class AcknowledgedHashesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    private static String hash(int entity, int version) {
        return ContentHash.of("githubUser", ("{\"identifier\":\"u" + entity + "\",\"v\":" + version + "}").getBytes());
    }

    @Test
    void among_half_a_million_entities_each_is_unchanged_only_with_the_content_last_acknowledged() {
        AcknowledgedHashes table = new AcknowledgedHashes((kind, scope, day) -> false);
        int n = 500_000;
        for (int i = 0; i < n; i++) {
            assertTrue(table.put("githubUser", "u" + i, hash(i, 1), "user-usage-metrics", "octo-org", DAY), "new entity " + i);
        }
        assertEquals(n, table.size());
        for (int i = 0; i < n; i++) {
            assertTrue(table.acknowledged("githubUser", "u" + i, hash(i, 1)), "unchanged " + i);
            assertFalse(table.acknowledged("githubUser", "u" + i, hash(i, 2)), "changed " + i);
            assertFalse(table.acknowledged("githubTeam", "u" + i, hash(i, 1)), "same identifier, other blueprint " + i);
        }
        assertFalse(table.put("githubUser", "u7", hash(7, 1), "user-usage-metrics", "octo-org", DAY), "the same content again");
        assertTrue(table.put("githubUser", "u7", hash(7, 2), "user-usage-metrics", "octo-org", DAY), "new content");
        assertTrue(table.acknowledged("githubUser", "u7", hash(7, 2)));
    }

    @Test
    void a_deleted_entity_is_gone_and_every_other_is_still_found() {
        AcknowledgedHashes table = new AcknowledgedHashes((kind, scope, day) -> false);
        int n = 60_000;
        for (int i = 0; i < n; i++) {
            table.put("githubSeat", "s" + i, hash(i, 1), null, null, null);
        }
        Random random = new Random(17);
        Set<Integer> deleted = new HashSet<>();
        while (deleted.size() < n / 2) {
            int i = random.nextInt(n);
            assertEquals(deleted.add(i), table.remove("githubSeat", "s" + i), "held before its first deletion: " + i);
        }
        assertEquals(n - deleted.size(), table.size());
        for (int i = 0; i < n; i++) {
            assertEquals(!deleted.contains(i), table.acknowledged("githubSeat", "s" + i, hash(i, 1)), "entity " + i);
        }
    }

    @Test
    void growing_lets_go_of_final_days_first_and_keeps_open_days_and_snapshots() {
        Set<LocalDate> finalDays = new HashSet<>();
        AcknowledgedHashes table = new AcknowledgedHashes((kind, scope, day) -> finalDays.contains(day));
        int users = 5_000;
        for (int i = 0; i < users; i++) {
            table.put("githubSeat", "seat-" + i, hash(i, 0), null, null, null);
        }
        int maxHeld = 0;
        int capacityAfterTenDays = 0;
        for (int d = 0; d < 120; d++) {
            LocalDate day = DAY.plusDays(d);
            for (int i = 0; i < users; i++) {
                table.put("githubUserDay", "u" + i + "-" + day, hash(i, d), "user-usage-metrics", "octo-org", day);
            }
            if (d >= 2) {
                finalDays.add(day.minusDays(2)); // two days stay open, as GitHub's readiness lag keeps them
            }
            maxHeld = Math.max(maxHeld, table.size());
            if (d == 10) {
                capacityAfterTenDays = table.capacity();
            }
        }
        // every day ever read would be 605,000 entries; what is held stays a few days' worth, its memory flat in days
        assertTrue(maxHeld <= users * 10, "held at most " + maxHeld);
        assertEquals(capacityAfterTenDays, table.capacity(), "the table did not grow after day 10");
        for (int i = 0; i < users; i++) {
            assertTrue(table.acknowledged("githubSeat", "seat-" + i, hash(i, 0)), "snapshot entity kept: " + i);
            LocalDate open = DAY.plusDays(119);
            assertTrue(table.acknowledged("githubUserDay", "u" + i + "-" + open, hash(i, 119)), "open day kept: " + i);
        }
        table.prune();
        assertEquals(users * 3, table.size(), "after a prune: the snapshot and the two open days");
    }
}
