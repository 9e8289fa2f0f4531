package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.sandbox.GitHubAppHost;
import io.copilotportsync.sandbox.GitHubFaults;
import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.sandbox.SandboxData;
import io.copilotportsync.sandbox.StandInServer;
import io.copilotportsync.support.GitHubAppKeys;
import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub App authentication over the stand-ins, which verify the App's JWT with its public key: organizations are
 * read with their installation's token, one per organization, renewed before it expires; the enterprise with
 * GITHUB_TOKEN, because enterprise endpoints refuse App tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitHubAppSyncTest {
    private GitHubAppKeys keys;
    /** What Port holds after a classic-token run of every kind over the same data. */
    private Map<String, Map<String, ObjectNode>> classicRun;

    @BeforeAll
    void keysAndReference(@TempDir Path dir) throws Exception {
        keys = GitHubAppKeys.generate();
        classicRun = StandIns.cleanRunHoldings(dir);
    }

    /** The reference without the enterprise's entities: what a deployment without GITHUB_ENTERPRISE syncs. */
    private Map<String, Map<String, ObjectNode>> organizationsOnly() {
        Map<String, Map<String, ObjectNode>> out = new TreeMap<>();
        classicRun.forEach((blueprint, byId) -> {
            Map<String, ObjectNode> kept = new TreeMap<>(byId);
            // enterprise identifiers carry the enterprise slug as one of their @-separated parts
            kept.keySet().removeIf(id -> List.of(id.split("@")).contains(Sandbox.ENTERPRISE));
            if (!kept.isEmpty()) {
                out.put(blueprint, kept);
            }
        });
        return out;
    }

    /** Equal holdings; on a difference, the message names the blueprints and identifiers, not every entity. */
    private static void assertSameHoldings(Map<String, Map<String, ObjectNode>> expected, Map<String, Map<String, ObjectNode>> actual) {
        Map<String, java.util.Set<String>> expectedIds = new TreeMap<>();
        Map<String, java.util.Set<String>> actualIds = new TreeMap<>();
        expected.forEach((bp, byId) -> expectedIds.put(bp, byId.keySet()));
        actual.forEach((bp, byId) -> actualIds.put(bp, byId.keySet()));
        assertEquals(expectedIds, actualIds);
        assertTrue(expected.equals(actual), "same identifiers, different entities");
    }

    @Test
    void app_credentials_alone_sync_every_organization_kind_with_one_installation_token_per_organization(@TempDir Path dir)
            throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            GitHubAppHost app = GitHubAppHost.installOn(standIns.github, GitHubAppKeys.APP_ID, keys.publicKey());
            String pem = keys.pkcs1Pem();
            GitHubAppKeys.appOnly(standIns.env, pem);
            StandIns.Run run;
            List<String> logLines;
            try (LogCapture logs = new LogCapture("DEBUG")) {
                run = standIns.run("--once");
                logLines = logs.lines();
            }
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertSameHoldings(organizationsOnly(), standIns.port.holdings());
            for (String org : StandIns.ORGS) {
                assertEquals(1, app.tokensIssued(org), "one installation token for " + org + " for the whole run");
            }
            assertTrue(standIns.github.requests().stream().noneMatch(r -> r.path().startsWith("/enterprises/")));

            List<String> secrets = new ArrayList<>(app.secretsSeen());
            secrets.addAll(GitHubAppKeys.bodyLines(pem));
            assertTrue(secrets.size() > 3, secrets.toString());
            for (String secret : secrets) {
                for (String line : logLines) {
                    assertFalse(line.contains(secret), "secret in log line: " + line);
                }
                assertFalse(run.out().contains(secret) || run.err().contains(secret), "secret on the terminal");
            }
        }
    }

    @Test
    void with_an_app_and_github_token_the_enterprise_kinds_use_the_token_and_everything_is_synced(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            GitHubAppHost app = GitHubAppHost.installOn(standIns.github, GitHubAppKeys.APP_ID, keys.publicKey());
            standIns.env.put("GITHUB_APP_ID", Long.toString(GitHubAppKeys.APP_ID));
            standIns.env.put("GITHUB_APP_PRIVATE_KEY_FILE", keys.pkcs1File(dir).toString());
            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertSameHoldings(classicRun, standIns.port.holdings());
            String classic = "Bearer " + standIns.github.token();
            for (StandInServer.Request r : standIns.github.requests()) {
                if (r.path().startsWith("/enterprises/")) {
                    assertEquals(classic, r.header("Authorization"), r.path());
                } else if (r.path().startsWith("/orgs/") && !r.path().endsWith("/installation")) {
                    assertFalse(classic.equals(r.header("Authorization")), "an organization call with GITHUB_TOKEN: " + r.path());
                }
            }
            assertEquals(1, app.tokensIssued("octo-org"));
        }
    }

    @Test
    void tokens_with_less_than_five_minutes_left_are_renewed_before_github_would_refuse_them(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            GitHubAppHost app = GitHubAppHost.installOn(standIns.github, GitHubAppKeys.APP_ID, keys.publicKey());
            app.tokenLifetime(Duration.ofSeconds(3));
            GitHubAppKeys.appOnly(standIns.env, keys.pkcs1Pem());
            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out() + run.err());
            for (String org : StandIns.ORGS) {
                assertTrue(app.tokensIssued(org) > 1, org + ": " + app.tokensIssued(org) + " tokens");
            }
            assertEquals(0, app.expiredTokenUses(), "no call went out with an expired token");
        }
    }

    @Test
    void a_token_github_refuses_is_renewed_once_and_the_call_goes_on(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            GitHubAppHost app = GitHubAppHost.installOn(standIns.github, GitHubAppKeys.APP_ID, keys.publicKey());
            GitHubAppKeys.appOnly(standIns.env, keys.pkcs8Pem());
            Faults.of(standIns.github).inject("/orgs/octo-org/copilot/billing", 1, 401, Map.of(), "{\"message\":\"Bad credentials\"}");
            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertEquals(1, standIns.github.faultsGiven());
            assertEquals(2, app.tokensIssued("octo-org"), "a new token after the 401");
            assertEquals(1, app.tokensIssued("acme-eng"));
            assertEquals(organizationsOnly().get("githubCopilotBilling"), standIns.port.holdings().get("githubCopilotBilling"));
        }
    }

    @Test
    void a_key_that_is_not_the_apps_is_refused_by_github_and_every_organization_job_says_which_variables_to_check(@TempDir Path dir)
            throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            GitHubAppHost.installOn(standIns.github, GitHubAppKeys.APP_ID, keys.publicKey());
            GitHubAppKeys.appOnly(standIns.env, GitHubAppKeys.generate().pkcs1Pem());
            StandIns.Run run = standIns.run("--once");
            assertEquals(1, run.exitCode(), run.out());
            assertTrue(run.out().contains("GitHub refused the GitHub App's JWT (401 for GET /orgs/octo-org/installation: "
                    + "A JSON web token could not be decoded)") && run.out().contains("check GITHUB_APP_ID (" + GitHubAppKeys.APP_ID + ") and that the "
                    + "private key is a current key of that App"), run.out());
            assertTrue(run.out().contains("Result: FAILED"), run.out());
            assertTrue(standIns.port.holdings().isEmpty());
        }
    }

    @Test
    void without_github_orgs_the_organizations_are_those_the_app_is_installed_on(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            GitHubAppHost app = GitHubAppHost.installOn(standIns.github, GitHubAppKeys.APP_ID, keys.publicKey());
            GitHubAppKeys.appOnly(standIns.env, keys.pkcs1Pem());
            standIns.env.remove("GITHUB_ORGS");
            standIns.env.put("MAPPING_FILE", "src/test/resources/fixtures/discovery/port-app-config.yaml");
            GitHubFaults.of(standIns.github).maxPageSize(1);
            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out() + run.err());

            List<String> pages = standIns.github.requests().stream().filter(r -> r.path().equals("/app/installations"))
                    .map(StandInServer.Request::query).toList();
            assertEquals(List.of("per_page=100", "per_page=100&page=2", "per_page=100&page=3"), pages,
                    "two organizations and a user account, one a page");
            assertTrue(standIns.github.requests().stream().noneMatch(r -> r.path().equals("/user/orgs")));
            Map<String, ObjectNode> held = standIns.port.holdings().get("discoveredOrganization");
            assertEquals(StandIns.ORGS.stream().sorted().toList(), List.copyOf(held.keySet()), "the user account is no organization");
            assertEquals("MDEyOk9yZ2FuaXphdGlvbj" + "octo-org".length(), held.get("octo-org").get("properties").get("node_id").asText(),
                    "__organization is the installation's account object");
            assertEquals(0, app.tokensIssued(GitHubAppHost.USER_ACCOUNT));
        }
    }

    @Test
    void an_installation_named_by_github_app_installation_id_is_used_without_a_lookup_and_the_client_id_serves_as_app_id(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            GitHubAppHost app = GitHubAppHost.installOn(standIns.github, GitHubAppKeys.APP_ID, keys.publicKey());
            GitHubAppKeys.appOnly(standIns.env, keys.pkcs1Pem().replace("\n", "\\n"));
            standIns.env.put("GITHUB_APP_ID", app.clientId());
            standIns.env.put("GITHUB_ORGS", "acme-eng");
            standIns.env.put("GITHUB_APP_INSTALLATION_ID", Long.toString(app.installationOf("acme-eng")));
            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertTrue(standIns.github.requests().stream().noneMatch(r -> r.path().endsWith("/installation")));
            assertEquals(1, app.tokensIssued("acme-eng"));
            assertTrue(standIns.port.holdings().get("githubCopilotBilling").containsKey("acme-eng"));
        }
    }

    @Test
    void enterprise_kinds_with_an_app_and_no_github_token_stop_start_up_saying_github_token_is_needed(@TempDir Path dir)
            throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            GitHubAppHost.installOn(standIns.github, GitHubAppKeys.APP_ID, keys.publicKey());
            GitHubAppKeys.appOnly(standIns.env, keys.pkcs1Pem());
            standIns.env.put("GITHUB_ENTERPRISE", Sandbox.ENTERPRISE);
            StandIns.Run run = standIns.run("--once");
            assertEquals(2, run.exitCode(), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("configuration error: GITHUB_TOKEN is not set, and GITHUB_ENTERPRISE 'acme-corp' with the kinds ["),
                    run.err());
            assertTrue(run.err().contains("enterprise endpoints refuse GitHub App tokens; set GITHUB_TOKEN to a classic token"), run.err());
            assertTrue(standIns.github.requests().isEmpty() && standIns.port.requests().isEmpty(), "nothing connects");
            assertFalse(Files.exists(dir.resolve("state")));
        }
    }

    @Test
    void an_installation_token_request_asked_to_wait_a_day_fails_at_once_with_the_wait_named(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            GitHubAppHost.installOn(standIns.github, GitHubAppKeys.APP_ID, keys.publicKey());
            GitHubAppKeys.appOnly(standIns.env, keys.pkcs1Pem());
            Faults.of(standIns.github).inject("/app/installations/[0-9]+/access_tokens", 1000, 503, Map.of("Retry-After", "86400"), "{}");
            long started = System.nanoTime();
            StandIns.Run run = standIns.run("--once");
            String output = run.out() + run.err();
            assertEquals(1, run.exitCode(), output);
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMinutes(1)) < 0, "ended promptly");
            assertTrue(output.matches("(?s).*GitHub asked to wait 86400 s before retrying POST /app/installations/[0-9]+/access_tokens"
                    + "; more than RETRY_MAX_WAIT \\(900 s\\): giving up on this call.*"), output);
        }
    }

    @Test
    void installation_token_calls_that_keep_failing_skip_their_organization_like_any_failing_github_call(@TempDir Path dir)
            throws Exception {
        List<String> lines;
        List<String> organizations;
        StandIns.Run run;
        long started = System.nanoTime();
        try (StandIns standIns = new StandIns(dir); LogCapture logs = new LogCapture("INFO")) {
            organizations = standIns.github.data().organizations().stream().map(SandboxData.Organization::login).toList();
            GitHubAppHost.installOn(standIns.github, GitHubAppKeys.APP_ID, keys.publicKey());
            GitHubAppKeys.appOnly(standIns.env, keys.pkcs1Pem());
            Faults.of(standIns.github).inject("/app/installations/[0-9]+/access_tokens", Integer.MAX_VALUE, 500, Map.of(), "{}");
            run = standIns.runOnce(StandIns.FAST);
            lines = logs.lines();
        }
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMinutes(1)) < 0, "ended promptly");
        for (String organization : organizations) {
            List<String> said = lines.stream()
                    .filter(l -> l.contains("GitHub requests for " + organization + " failed") && l.contains("is skipped for the rest of this run"))
                    .toList();
            assertEquals(1, said.size(), organization + ": " + said);
            assertTrue(said.get(0).contains("(last: GitHub answered 500 for the GitHub App's POST /app/installations/"), said.get(0));
        }
    }
}
