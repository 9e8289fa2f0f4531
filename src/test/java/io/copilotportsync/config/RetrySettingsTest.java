package io.copilotportsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RETRY_MAX_WAIT reads as seconds or with a unit; it and GITHUB_FAILURES_BEFORE_SKIP refuse what they cannot mean. */
class RetrySettingsTest {

    private static RetrySettings read(Map<String, String> env) {
        return RetrySettings.from(env::get);
    }

    @Test
    void unset_they_are_fifteen_minutes_and_ten_failures() {
        assertEquals(new RetrySettings(Duration.ofMinutes(15), 10), read(Map.of()));
    }

    @Test
    void the_cap_reads_as_seconds_or_with_a_unit() {
        assertEquals(Duration.ofSeconds(900), read(Map.of("RETRY_MAX_WAIT", "900")).maxWait());
        assertEquals(Duration.ofSeconds(90), read(Map.of("RETRY_MAX_WAIT", "90s")).maxWait());
        assertEquals(Duration.ofMinutes(15), read(Map.of("RETRY_MAX_WAIT", " 15m ")).maxWait());
        assertEquals(Duration.ofHours(1), read(Map.of("RETRY_MAX_WAIT", "1H")).maxWait());
    }

    @Test
    void a_cap_of_nothing_or_no_duration_is_refused_naming_the_variable() {
        for (String bad : new String[] {"0", "0s", "-5", "15 minutes", "1.5h", "PT15M"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(Map.of("RETRY_MAX_WAIT", bad)), bad);
            assertTrue(e.getMessage().startsWith("RETRY_MAX_WAIT must be a duration") && e.getMessage().contains("'" + bad.trim() + "'"),
                    e.getMessage());
        }
    }

    @Test
    void failures_before_skip_is_a_whole_number_from_one() {
        assertEquals(3, read(Map.of("GITHUB_FAILURES_BEFORE_SKIP", "3")).failuresBeforeSkip());
        for (String bad : new String[] {"0", "many", "1001"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(Map.of("GITHUB_FAILURES_BEFORE_SKIP", bad)));
            assertTrue(e.getMessage().startsWith("GITHUB_FAILURES_BEFORE_SKIP must be a whole number from 1 to 1000"), e.getMessage());
        }
    }
}
