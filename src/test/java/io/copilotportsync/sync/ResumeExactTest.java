package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.sandbox.GitHubFaults;
import io.copilotportsync.sandbox.SandboxData;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report download that breaks off mid-file is read again from a fresh link past the lines already done, while
 * the record workers (4 here) still had lines read but not done: every line reaches Port once, none is lost or done
 * twice.
 */
class ResumeExactTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 20);
    private static final String FILE = "orgs/octo-org/users-1-day/" + DAY;

    private static StandIns hundredUsers(Path dir) throws Exception {
        SandboxData data = SandboxData.generate(5, List.of("octo-org"), 100, DAY, 1, Set.of(), null, 1.0);
        StandIns standIns = new StandIns(dir, data);
        standIns.env.put("GITHUB_ORGS", "octo-org");
        standIns.env.put("SYNC_KINDS", "user-usage-metrics");
        standIns.env.put("SYNC_START_DAY", DAY.toString());
        standIns.env.put("SYNC_END_DAY", DAY.toString());
        standIns.env.put("RECORD_WORKERS", "4");
        return standIns;
    }

    @Test
    void a_download_broken_off_in_the_middle_goes_on_past_the_lines_done_and_port_gets_every_user_once(@TempDir Path dir)
            throws Exception {
        try (StandIns standIns = hundredUsers(dir)) {
            assertEquals(100, standIns.data.userRows("octo-org", DAY).size());
            // the users file comes in two links of 50 lines: the first breaks off at its line 50, the second at 20
            standIns.github.downloads().breakOffOnce(FILE, 1, 49);
            standIns.github.downloads().breakOffOnce(FILE, 2, 20);
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(0, run.exitCode(), run.out());
            assertEquals(2, standIns.github.downloads().faultsGiven(), "both links broke off once");
            Set<String> expected = standIns.data.userRows("octo-org", DAY).stream()
                    .map(r -> r.get("user_login").asText() + "@octo-org@" + DAY).collect(Collectors.toSet());
            assertEquals(expected, standIns.port.holdings().get("githubCopilotUserUsage").keySet());
            assertTrue(run.out().lines().anyMatch(l -> l.matches("user-usage-metrics\\s+octo-org\\s+1\\s+0\\s+0\\s+100\\s+100\\s.*")),
                    "100 records read and upserted: no line done twice\n" + run.out());
        }
    }

    @Test
    void a_bad_line_after_the_break_is_dead_lettered_with_its_place_in_the_whole_file(@TempDir Path dir) throws Exception {
        try (StandIns standIns = hundredUsers(dir)) {
            GitHubFaults.of(standIns.github).appendToUsersReport("octo-org", DAY, "not json\n");
            standIns.github.downloads().breakOffOnce(FILE, 1, 10);
            StandIns.Run run = standIns.runOnce(StandIns.FAST);
            assertEquals(1, run.exitCode(), run.out());
            List<JsonNode> letters;
            try (Stream<Path> files = Files.list(dir.resolve("dead-letter"))) {
                letters = files.flatMap(f -> {
                    try {
                        return Files.readAllLines(f).stream();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).map(l -> {
                    try {
                        return new ObjectMapper().readTree(l);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
            }
            assertEquals(1, letters.size(), letters.toString());
            assertTrue(letters.get(0).get("source").asText().endsWith("/1.ndjson line 51"), letters.get(0).toString());
            assertEquals(100, standIns.port.holdings().get("githubCopilotUserUsage").size());
        }
    }
}
