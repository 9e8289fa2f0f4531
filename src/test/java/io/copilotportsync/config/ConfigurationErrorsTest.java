package io.copilotportsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.support.StandIns;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A missing or malformed setting is one line naming the variable, and exit code 2, before anything connects. */
class ConfigurationErrorsTest {

    private static Map<String, String> valid() {
        return StandIns.validSettings();
    }

    private static void assertConfigurationError(Map<String, String> env, String variable) {
        String err = StandIns.configurationError(env);
        assertTrue(err.contains(variable), err);
    }

    @Test
    void a_missing_github_token_names_the_variable() {
        Map<String, String> env = valid();
        env.remove("GITHUB_TOKEN");
        assertConfigurationError(env, "GITHUB_TOKEN");
    }

    @Test
    void missing_port_credentials_name_the_variable() {
        Map<String, String> env = valid();
        env.put("PORT_CLIENT_SECRET", " ");
        assertConfigurationError(env, "PORT_CLIENT_SECRET");
    }

    @Test
    void a_kind_the_mapping_does_not_have_names_sync_kinds() {
        Map<String, String> env = valid();
        env.put("SYNC_KINDS", "copilot-seats,copilot-seat");
        assertConfigurationError(env, "SYNC_KINDS names 'copilot-seat'");
    }

    @Test
    void a_malformed_day_names_the_variable() {
        Map<String, String> env = valid();
        env.put("SYNC_START_DAY", "2026-13-01");
        assertConfigurationError(env, "SYNC_START_DAY");
    }

    @Test
    void a_window_that_ends_before_it_starts_names_both_variables() {
        Map<String, String> env = valid();
        env.put("SYNC_START_DAY", "2026-03-10");
        env.put("SYNC_END_DAY", "2026-03-01");
        assertConfigurationError(env, "SYNC_START_DAY (2026-03-10) is after SYNC_END_DAY");
    }

    @Test
    void a_url_that_is_not_a_url_names_the_variable() {
        Map<String, String> env = valid();
        env.put("GITHUB_API_URL", "api.github.com");
        assertConfigurationError(env, "GITHUB_API_URL");
    }

    @Test
    void plain_http_to_a_remote_host_is_refused() {
        Map<String, String> env = valid();
        env.put("PORT_API_URL", "http://api.port.io");
        assertConfigurationError(env, "PORT_API_URL");
    }

    @Test
    void a_cron_that_quartz_cannot_read_names_the_variable() {
        Map<String, String> env = valid();
        env.put("SYNC_CRON", "every day");
        assertConfigurationError(env, "SYNC_CRON");
    }

    @Test
    void an_organization_list_with_a_bad_login_names_the_variable() {
        Map<String, String> env = valid();
        env.put("GITHUB_ORGS", "octo-org, not an org");
        assertConfigurationError(env, "GITHUB_ORGS");
    }

    @Test
    void a_bad_report_host_names_the_variable() {
        Map<String, String> env = valid();
        env.put("GITHUB_REPORT_HOSTS", "https://example.com/path");
        assertConfigurationError(env, "GITHUB_REPORT_HOSTS");
    }

    @Test
    void a_mapping_file_that_does_not_exist_names_the_file() {
        Map<String, String> env = valid();
        env.put("MAPPING_FILE", "mappings/nope.yaml");
        assertConfigurationError(env, "mappings/nope.yaml");
    }

    @Test
    void a_cron_field_out_of_range_that_quartz_would_take_names_the_variable_and_the_field() {
        Map<String, String> env = valid();
        env.put("SYNC_CRON", "0 99 3 * * ?");
        assertConfigurationError(env, "SYNC_CRON '0 99 3 * * ?' has minute 99: minutes are 0-59");
    }

    @Test
    void a_cron_that_never_fires_is_one_line_even_with_once() {
        Map<String, String> env = valid();
        env.put("SYNC_CRON", "0 0 0 30 2 ?");
        assertConfigurationError(env, "SYNC_CRON '0 0 0 30 2 ?' never fires");
    }

    @Test
    void an_organization_named_twice_is_refused_whatever_its_case() {
        Map<String, String> env = valid();
        env.put("GITHUB_ORGS", "octo,octo");
        assertConfigurationError(env, "GITHUB_ORGS names 'octo' twice");
        env.put("GITHUB_ORGS", "Octo-Org, acme, octo-org");
        assertConfigurationError(env, "GITHUB_ORGS names 'octo-org' twice");
    }

    @Test
    void an_organization_list_of_nothing_but_commas_does_not_mean_every_organization() {
        Map<String, String> env = valid();
        env.put("GITHUB_ORGS", ",,,");
        assertConfigurationError(env, "GITHUB_ORGS ',,,' names no organization");
    }

    @Test
    void an_unknown_log_level_names_the_variable_and_the_levels() {
        Map<String, String> env = valid();
        env.put("LOG_LEVEL", "LOUD");
        assertConfigurationError(env, "LOG_LEVEL must be one of ERROR, WARN, INFO, DEBUG or TRACE, got 'LOUD'");
    }

    @Test
    void the_log_levels_of_the_readme_are_accepted_in_any_case() {
        for (String level : java.util.List.of("debug", "INFO", "Warn", "ERROR", "trace")) {
            Map<String, String> env = valid();
            env.put("LOG_LEVEL", level);
            SyncSettings.from(env::get, true);
        }
    }

    @Test
    void a_data_dir_that_is_a_file_names_the_variable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("not-a-directory"), "x");
        Map<String, String> env = valid();
        env.put("DATA_DIR", file.toString());
        assertConfigurationError(env, "DATA_DIR");
    }

    @Test
    void an_unknown_argument_is_a_usage_error() {
        StandIns.Run run = StandIns.run(valid(), "", "--twice");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown argument '--twice'") && run.err().contains("usage:"), run.err());
    }

    @Test
    void the_defaults_are_those_of_the_contract() {
        SyncSettings s = SyncSettings.from(valid()::get, true);
        assertEquals("https://api.github.com", s.githubApiUrl().toString());
        assertEquals("2026-03-10", s.githubApiVersion());
        assertEquals("https://api.port.io", s.portApiUrl().toString());
        assertEquals("mappings/port-app-config.yaml", s.mappingFile().toString());
        assertEquals("data", s.dataDir().toString());
        assertEquals(SyncSettings.DEFAULT_CRON, s.syncCron());
        assertTrue(s.reportHosts().allows(java.net.URI.create("https://copilot-reports.github.com/x.ndjson")));
        assertTrue(!s.reportHosts().allows(java.net.URI.create("https://evil.example.com/x.ndjson")));
    }
}
