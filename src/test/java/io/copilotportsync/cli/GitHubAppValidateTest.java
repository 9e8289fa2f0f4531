package io.copilotportsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.sandbox.GitHubAppHost;
import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.support.GitHubAppKeys;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} with a GitHub App: GitHub accepts its JWT, and the App is installed on every organization. */
class GitHubAppValidateTest {

    @Test
    void an_app_github_accepts_on_every_organization_validates(@TempDir Path dir) throws Exception {
        GitHubAppKeys keys = GitHubAppKeys.generate();
        try (StandIns standIns = new StandIns(dir)) {
            GitHubAppHost.installOn(standIns.github, GitHubAppKeys.APP_ID, keys.publicKey());
            GitHubAppKeys.appOnly(standIns.env, keys.pkcs1Pem());
            StandIns.Run run = standIns.run("validate");
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("GitHub and Port accept the credentials"), run.out());
            assertTrue(standIns.github.requests().stream().anyMatch(r -> r.path().equals("/app")));
        }
    }

    @Test
    void each_problem_of_an_app_is_one_line_with_its_fix(@TempDir Path dir) throws Exception {
        GitHubAppKeys keys = GitHubAppKeys.generate();
        try (StandIns standIns = new StandIns(dir)) {
            GitHubAppHost app = GitHubAppHost.installOn(standIns.github, GitHubAppKeys.APP_ID, keys.publicKey());
            GitHubAppKeys.appOnly(standIns.env, keys.pkcs8Pem());

            app.uninstall("acme-eng");
            StandIns.Run uninstalled = standIns.run("validate");
            assertEquals(2, uninstalled.exitCode());
            assertTrue(uninstalled.err().contains("GITHUB_ORGS: the GitHub App 424242 is not installed on organization 'acme-eng': "
                    + "install it there"), uninstalled.err());

            standIns.env.put("GITHUB_APP_INSTALLATION_ID", "123");
            assertTrue(standIns.run("validate").err().contains("GITHUB_APP_INSTALLATION_ID: the App has no installation 123"));
            standIns.env.remove("GITHUB_APP_INSTALLATION_ID");

            standIns.env.put("GITHUB_APP_PRIVATE_KEY", GitHubAppKeys.generate().pkcs1Pem());
            StandIns.Run wrongKey = standIns.run("validate");
            assertEquals(2, wrongKey.exitCode());
            assertTrue(wrongKey.err().contains("GITHUB_APP_ID/GITHUB_APP_PRIVATE_KEY: GitHub does not accept the App's JWT (401: "
                    + "A JSON web token could not be decoded); check the App ID"), wrongKey.err());

            standIns.env.put("GITHUB_APP_PRIVATE_KEY", keys.pkcs1Pem());
            standIns.env.put("GITHUB_ENTERPRISE", Sandbox.ENTERPRISE);
            StandIns.Run enterprise = standIns.run("validate");
            assertEquals(2, enterprise.exitCode());
            assertTrue(enterprise.err().contains("GITHUB_TOKEN is not set, and GITHUB_ENTERPRISE 'acme-corp' with the kinds")
                    && enterprise.err().contains("enterprise endpoints refuse GitHub App tokens"), enterprise.err());
        }
    }
}
