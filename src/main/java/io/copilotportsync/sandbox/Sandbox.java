package io.copilotportsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.sync.SyncApplication;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** {@code --sandbox}: GitHub and Port stand-ins on loopback with generated data, one sync into them, and what Port holds. */
public final class Sandbox {
    public static final List<String> ORGANIZATIONS = List.of("octo-org", "acme-eng", "data-lab");
    public static final int MEMBERS = 24;
    public static final int DAYS = 21;
    public static final long SEED = 42;
    public static final String ENTERPRISE = "acme-corp";

    private Sandbox() {
    }

    /** The environment a sync needs to talk to the stand-ins; the user's MAPPING_FILE and SYNC_* settings still apply. */
    public static Map<String, String> environment(GitHubStandIn github, PortStandIn port, String clientId, String clientSecret) {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_TOKEN", github.token());
        env.put("GITHUB_API_URL", github.url());
        env.put("GITHUB_ORGS", String.join(",", ORGANIZATIONS));
        env.put("GITHUB_ENTERPRISE", ENTERPRISE);
        env.put("GITHUB_REPORT_HOSTS", github.downloads().host());
        env.put("PORT_API_URL", port.url());
        env.put("PORT_CLIENT_ID", clientId);
        env.put("PORT_CLIENT_SECRET", clientSecret);
        return env;
    }

    /** The generated data: three organizations, 24 members each, the 21 days GitHub has ready, one day without a report. */
    public static SandboxData data(LocalDate lastReadyDay) {
        return SandboxData.generate(SEED, ORGANIZATIONS, MEMBERS, lastReadyDay, DAYS,
                Set.of("acme-eng@" + lastReadyDay.minusDays(3)), ENTERPRISE);
    }

    public static int run(Function<String, String> userEnv, PrintStream out) throws Exception {
        LocalDate lastReady = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        String clientId = "sandbox-client";
        String clientSecret = "sandbox-secret-" + UUID.randomUUID();
        try (GitHubStandIn github = new GitHubStandIn(data(lastReady), "ghp_sandbox" + UUID.randomUUID().toString().replace("-", ""));
             PortStandIn port = new PortStandIn(clientId, clientSecret)) {
            // the legacy metrics API as it was for one organization; closed (404) for the others, as it is now
            github.legacyAnswers(ORGANIZATIONS.get(0), 200);
            // a token without the billing permission for one organization: its AI-credit usage is a warning, not a failure
            github.billingRefused(ORGANIZATIONS.get(2));
            // Port's GitHub integration installed, as a Port user has it: the entities relate to its users, teams, ...
            GitHubIntegrationBlueprints.install(port);
            Map<String, String> env = environment(github, port, clientId, clientSecret);
            // new stand-ins every time, so new state every time: a remembered hash would keep an entity from the new Port
            env.put("DATA_DIR", java.nio.file.Files.createTempDirectory("copilot-port-sync-sandbox").toString());
            out.println("Sandbox: state and dead letters under " + env.get("DATA_DIR"));
            out.println("Sandbox: GitHub stand-in " + github.url() + " (reports from " + github.downloads().url()
                    + "), Port stand-in " + port.url());
            out.println("Sandbox: enterprise " + ENTERPRISE + " with " + ORGANIZATIONS.size() + " organizations, " + MEMBERS
                    + " members each in 5 teams, " + DAYS + " days of reports up to " + lastReady + "; syncing the last 28 days");
            // connections and credentials are the stand-ins'; the user's MAPPING_FILE and SYNC_* settings still apply
            Function<String, String> merged = name -> env.containsKey(name) ? env.get(name) : userEnv.apply(name);
            int code = new SyncApplication(SyncSettings.from(merged, true), Map.of(), Clock.systemUTC()).runOnce(out);
            out.println();
            out.println("The Port stand-in now holds:");
            port.holdings().forEach((blueprint, entities) -> {
                out.println("  " + blueprint + ": " + entities.size() + " entities");
                entities.values().stream().limit(2).forEach(e -> out.println("    " + brief(e)));
            });
            out.println("Blueprints: " + String.join(", ", port.blueprints().keySet()));
            out.println("Pages: " + String.join(", ", port.pages().keySet()));
            return code;
        }
    }

    private static String brief(ObjectNode entity) {
        String text = entity.toString();
        return text.length() > 220 ? text.substring(0, 217) + "..." : text;
    }
}
