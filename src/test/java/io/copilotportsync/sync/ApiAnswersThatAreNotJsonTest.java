package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.sandbox.Faults;
import io.copilotportsync.support.StandIns;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GitHub or Port call answered 200 with a page where JSON was due (a proxy's sign-in page, a captive portal, an
 * error page) fails in the user's words: the request, the content type and where to look; not Jackson's parser
 * message. What Port answered that way is not taken as delivered (nor as deleted). The other jobs go on, and the
 * next run, with JSON again, ends where a clean run does.
 */
class ApiAnswersThatAreNotJsonTest {
    private static final String PAGE = "<!DOCTYPE html><html><body><h1>Sign in to the proxy</h1></body></html>";
    private static final Map<String, String> HTML = Map.of("Content-Type", "text/html; charset=utf-8");

    private static void assertTheNextRunEndsAsACleanRunDoes(StandIns standIns, Map<String, Map<String, ObjectNode>> clean) {
        StandIns.Run again = standIns.run("--once");
        assertEquals(0, again.exitCode(), again.out());
        assertEquals(clean, standIns.port.holdings(), "the next run ends where a clean run does");
    }

    @Test
    void a_page_where_a_list_or_an_object_was_due_fails_its_job_naming_the_request_and_the_content_type(@TempDir Path dir)
            throws Exception {
        Map<String, Map<String, ObjectNode>> clean = StandIns.cleanRunHoldings(dir.resolve("clean"));
        try (StandIns standIns = new StandIns(dir.resolve("run"))) {
            Faults.of(standIns.github).inject("/orgs/octo-org/copilot/billing/seats", Integer.MAX_VALUE, 200, HTML, PAGE);
            Faults.of(standIns.github).inject("/orgs/acme-eng/copilot/billing", Integer.MAX_VALUE, 200, HTML, PAGE);
            Faults.of(standIns.github).inject("/organizations/octo-org/settings/billing/ai_credit/usage", Integer.MAX_VALUE, 200, Map.of(), "");
            StandIns.Run run = standIns.run("--once");
            assertEquals(1, run.exitCode(), run.out());
            List<String> failed = run.out().lines().filter(l -> l.startsWith("  failed ")).toList();
            for (String[] expected : List.of(
                    new String[] {"copilot-seats, octo-org", "text/html; charset=utf-8 for GET /orgs/octo-org/copilot/billing/seats"},
                    new String[] {"copilot-billing, acme-eng", "text/html; charset=utf-8 for GET /orgs/acme-eng/copilot/billing"},
                    new String[] {"copilot-ai-credit-usage, octo-org",
                            "application/json; charset=utf-8 and an empty body for GET /organizations/octo-org/settings/billing/ai_credit/usage"})) {
                assertTrue(failed.stream().anyMatch(l -> l.contains("(" + expected[0] + "): GitHub answered 200 with " + expected[1]
                        + ", not JSON: a proxy's or an error page stands in the way (check GITHUB_API_URL, HTTPS_PROXY and NO_PROXY)")),
                        "missing: " + expected[0] + "\n" + run.out());
            }
            assertFalse(run.out().contains("Unexpected character") || run.out().contains("Exchange["), run.out());
            assertTrue(standIns.port.holdings().get("githubCopilotSeat").keySet().stream().anyMatch(id -> id.contains("acme-eng")),
                    "the other scopes' jobs go on");

            Faults.of(standIns.github).clearFaults();
            assertTheNextRunEndsAsACleanRunDoes(standIns, clean);
        }
    }

    @Test
    void a_page_in_place_of_ports_token_answer_fails_the_run_naming_port_and_the_content_type(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            Faults.of(standIns.port).inject("/v1/auth/access_token", Integer.MAX_VALUE, 200, HTML, PAGE);
            StandIns.Run run = standIns.run("--once");
            assertEquals(1, run.exitCode(), run.out());
            assertTrue(run.out().contains("run failed: Port answered 200 with text/html; charset=utf-8 for an access token at "
                    + standIns.port.url() + "/v1/auth/access_token, not JSON: a proxy's or an error page stands in the way"
                    + " (check PORT_API_URL, HTTPS_PROXY and NO_PROXY)"), run.out());
            assertFalse(run.out().contains("Unexpected character"), run.out());
        }
    }

    @Test
    void entities_port_answered_with_a_page_are_failed_not_delivered_and_sent_again_next_run(@TempDir Path dir) throws Exception {
        Map<String, Map<String, ObjectNode>> clean = StandIns.cleanRunHoldings(dir.resolve("clean"));
        try (StandIns standIns = new StandIns(dir.resolve("run"))) {
            Faults.of(standIns.port).inject("/v1/blueprints/githubCopilotSeat/entities/bulk", Integer.MAX_VALUE, 200, HTML, PAGE);
            StandIns.Run run = standIns.run("--once");
            assertEquals(1, run.exitCode(), "not delivered is a failure: " + run.out());
            int seats = clean.get("githubCopilotSeat").size();
            long failed = run.out().lines().filter(l -> l.startsWith("  failed ") && l.contains("(copilot-seats, ")
                            && l.contains("Port answered 200 with text/html; charset=utf-8 for the upsert of blueprint 'githubCopilotSeat',"
                            + " not JSON: a proxy's or an error page stands in the way (check PORT_API_URL, HTTPS_PROXY and NO_PROXY)"))
                    .mapToLong(l -> Long.parseLong(l.substring("  failed ".length(), l.indexOf(' ', "  failed ".length())))).sum();
            assertTrue(failed >= seats, "each of the " + seats + " seats counted failed: " + run.out());
            assertTrue(standIns.port.holdings().getOrDefault("githubCopilotSeat", Map.of()).isEmpty(), "the stand-in took none");

            Faults.of(standIns.port).clearFaults();
            assertTheNextRunEndsAsACleanRunDoes(standIns, clean); // the seats were sent again, not taken as delivered
        }
    }

    @Test
    void a_deletion_port_answered_with_a_page_is_a_failure_and_is_made_next_run(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.put("MAPPING_FILE", StateAcrossRunsTest.mappingThatDeletes(dir).toString());
            assertEquals(0, standIns.run("--once").exitCode());
            standIns.data.removeSeat("octo-org", "octo-org-dev-5");
            Faults.of(standIns.port).inject("/v1/blueprints/githubCopilotSeat/bulk/entities/delete", Integer.MAX_VALUE, 200, HTML, PAGE);
            StandIns.Run second = standIns.run("--once");
            assertEquals(1, second.exitCode(), second.out());
            assertTrue(second.out().contains("(copilot-seats, octo-org): Port answered 200 with text/html; charset=utf-8 for deleting 1"
                    + " entities of blueprint 'githubCopilotSeat', not JSON"), second.out());

            Faults.of(standIns.port).clearFaults();
            StandIns.Run third = standIns.run("--once");
            assertEquals(0, third.exitCode(), third.out());
            assertFalse(standIns.port.holdings().get("githubCopilotSeat").containsKey("octo-org-dev-5@octo-org"),
                    "the seat is deleted by the next run: " + third.out());
        }
    }
}
