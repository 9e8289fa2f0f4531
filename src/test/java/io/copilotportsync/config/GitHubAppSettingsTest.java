package io.copilotportsync.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.logging.SecretRedactor;
import io.copilotportsync.support.GitHubAppKeys;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY or GITHUB_APP_PRIVATE_KEY_FILE: GitHub's PKCS#1 key and PKCS#8 both load,
 * GITHUB_TOKEN is then optional, and a bad key or file is one line naming the variable, exit 2.
 */
class GitHubAppSettingsTest {
    private static GitHubAppKeys keys;

    @BeforeAll
    static void generate() throws Exception {
        keys = GitHubAppKeys.generate();
    }

    private static Map<String, String> app(String pem) {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_APP_ID", Long.toString(GitHubAppKeys.APP_ID));
        env.put("GITHUB_APP_PRIVATE_KEY", pem);
        env.put("GITHUB_ORGS", "octo-org");
        env.put("PORT_CLIENT_ID", "id");
        env.put("PORT_CLIENT_SECRET", "secret");
        return env;
    }

    private static void assertConfigurationError(Map<String, String> env, String expected) {
        String err = StandIns.configurationError(env);
        assertTrue(err.contains(expected), err);
    }

    @Test
    void githubs_pkcs1_key_and_a_pkcs8_key_both_load_as_the_apps_private_key() {
        for (String pem : new String[] {keys.pkcs1Pem(), keys.pkcs8Pem()}) {
            GitHubAppSettings app = SyncSettings.from(app(pem)::get, true).githubApp();
            assertArrayEquals(keys.pair.getPrivate().getEncoded(), app.privateKey().getEncoded(), pem.lines().findFirst().orElse(""));
            assertEquals("424242", app.appId());
            assertNull(app.installationId());
        }
    }

    @Test
    void a_key_on_one_line_with_literal_backslash_n_as_env_files_hold_it_loads() {
        String oneLine = keys.pkcs1Pem().replace("\n", "\\n");
        assertFalse(oneLine.contains("\n"));
        GitHubAppSettings app = SyncSettings.from(app(oneLine)::get, true).githubApp();
        assertArrayEquals(keys.pair.getPrivate().getEncoded(), app.privateKey().getEncoded());
    }

    @Test
    void a_key_file_loads_and_an_installation_id_is_read(@TempDir Path dir) throws Exception {
        Map<String, String> env = app(null);
        env.remove("GITHUB_APP_PRIVATE_KEY");
        env.put("GITHUB_APP_PRIVATE_KEY_FILE", keys.pkcs1File(dir).toString());
        env.put("GITHUB_APP_INSTALLATION_ID", "12345678");
        GitHubAppSettings app = SyncSettings.from(env::get, true).githubApp();
        assertArrayEquals(keys.pair.getPrivate().getEncoded(), app.privateKey().getEncoded());
        assertEquals(12345678L, app.installationId());
    }

    @Test
    void with_an_app_github_token_is_optional_and_without_one_it_is_still_required() {
        SyncSettings settings = SyncSettings.from(app(keys.pkcs1Pem())::get, true);
        assertTrue(settings.usesGitHubApp());
        assertEquals("", settings.githubToken());
        assertEquals("app", settings.routeProperties().get("github.auth"));
        Map<String, String> none = app(keys.pkcs1Pem());
        none.remove("GITHUB_APP_ID");
        none.remove("GITHUB_APP_PRIVATE_KEY");
        assertConfigurationError(none, "GITHUB_TOKEN is not set");
    }

    @Test
    void the_key_never_shows_in_the_settings_or_in_redacted_text() {
        String pem = keys.pkcs1Pem();
        SyncSettings settings = SyncSettings.from(app(pem)::get, true);
        String line = GitHubAppKeys.bodyLines(pem).get(3);
        assertFalse(settings.toString().contains(line), settings.toString());
        assertEquals("key: " + SecretRedactor.MASK, SecretRedactor.redact("key: " + line));
    }

    @Test
    void a_key_that_is_not_a_private_key_names_the_variable() {
        assertConfigurationError(app("not a key"), "GITHUB_APP_PRIVATE_KEY holds no PEM private key");
        assertConfigurationError(app("-----BEGIN RSA PRIVATE KEY-----\nAAAABBBBCCCCDDDD\n-----END RSA PRIVATE KEY-----\n"),
                "GITHUB_APP_PRIVATE_KEY is not a readable RSA private key");
        assertConfigurationError(app("-----BEGIN EC PRIVATE KEY-----\nAAAABBBBCCCCDDDD\n-----END EC PRIVATE KEY-----\n"),
                "GITHUB_APP_PRIVATE_KEY holds a 'EC PRIVATE KEY' PEM block");
    }

    @Test
    void a_key_file_that_cannot_be_read_names_the_variable_and_the_file(@TempDir Path dir) {
        Map<String, String> env = app(null);
        env.remove("GITHUB_APP_PRIVATE_KEY");
        env.put("GITHUB_APP_PRIVATE_KEY_FILE", dir.resolve("missing.pem").toString());
        assertConfigurationError(env, "GITHUB_APP_PRIVATE_KEY_FILE: cannot read '" + dir.resolve("missing.pem") + "'");
    }

    @Test
    void incomplete_or_conflicting_app_settings_name_the_variable(@TempDir Path dir) throws Exception {
        Map<String, String> noId = app(keys.pkcs1Pem());
        noId.remove("GITHUB_APP_ID");
        assertConfigurationError(noId, "GITHUB_APP_ID is not set");

        Map<String, String> noKey = app(null);
        noKey.remove("GITHUB_APP_PRIVATE_KEY");
        assertConfigurationError(noKey, "GITHUB_APP_PRIVATE_KEY (or GITHUB_APP_PRIVATE_KEY_FILE) is not set");

        Map<String, String> both = app(keys.pkcs1Pem());
        both.put("GITHUB_APP_PRIVATE_KEY_FILE", keys.pkcs1File(dir).toString());
        assertConfigurationError(both, "GITHUB_APP_PRIVATE_KEY and GITHUB_APP_PRIVATE_KEY_FILE are both set");

        Map<String, String> badInstallation = app(keys.pkcs1Pem());
        badInstallation.put("GITHUB_APP_INSTALLATION_ID", "my-org");
        assertConfigurationError(badInstallation, "GITHUB_APP_INSTALLATION_ID must be the installation's number");

        Map<String, String> badId = app(keys.pkcs1Pem());
        badId.put("GITHUB_APP_ID", "my app");
        assertConfigurationError(badId, "GITHUB_APP_ID must be the App's numeric App ID or its Client ID");
    }
}
