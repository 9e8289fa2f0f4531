package io.copilotportsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.config.ConfigurationException;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per DATA_DIR within a process: a second state on the same directory is refused with its holder named,
 * and the directory is free again once the first lets go. (Two processes: OneWriterPerDataDirIT.)
 */
class OneWriterPerStateTest {
    private static final String PID = Long.toString(ProcessHandle.current().pid());

    @Test
    void a_second_state_on_the_same_directory_is_refused_naming_this_process(@TempDir Path dir) {
        try (FileSyncState first = new FileSyncState(dir)) {
            first.recordDay("user-usage-metrics", "octo-org", LocalDate.of(2026, 3, 1), SyncState.DayStatus.FINAL);
            ConfigurationException refused = assertThrows(ConfigurationException.class, () -> new FileSyncState(dir));
            assertTrue(refused.getMessage().startsWith("DATA_DIR " + dir.resolve("state") + " is in use by pid " + PID + " on host "),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("(this process: another sync instance)"), refused.getMessage());
            // the refused one touched nothing: the first still writes its journal
            first.recordDay("user-usage-metrics", "octo-org", LocalDate.of(2026, 3, 2), SyncState.DayStatus.FINAL);
        }
        try (FileSyncState again = new FileSyncState(dir)) {
            assertEquals(2, again.days("user-usage-metrics", "octo-org").size(), "both days of the first writer were kept");
        }
    }

    @Test
    void the_same_directory_by_another_path_is_the_same_lock(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Path other = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("data"));
        try (FileSyncState first = new FileSyncState(dir.resolve("data"))) {
            assertThrows(ConfigurationException.class, () -> new FileSyncState(other));
            assertThrows(ConfigurationException.class, () -> new FileSyncState(dir.resolve("data/../data")));
        }
    }

    @Test
    void a_once_run_on_a_directory_in_use_stops_at_once_with_exit_2_and_the_holder_named(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir); FileSyncState holder = new FileSyncState(dir)) {
            String line = StandIns.configurationError(standIns.env);
            assertTrue(line.startsWith("configuration error: DATA_DIR " + dir.resolve("state") + " is in use by pid " + PID), line);
            assertTrue(line.contains("since 20"), line);
            assertEquals(0, standIns.github.requests().size(), "nothing was read");
            assertEquals(0, standIns.port.requests().size(), "nothing was written");
        }
    }
}
