package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.support.LogCapture;
import io.copilotportsync.support.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard page of mappings/pages/ is created in Port when missing, never overwritten, and can be turned off. */
class DashboardPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PAGE = Path.of("mappings/pages/githubCopilotAdoption.json");

    private static long pageCreates(StandIns standIns) {
        return standIns.port.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/v1/pages")).count();
    }

    @Test
    void the_page_is_created_once_as_the_file_says_and_left_alone_afterwards(@TempDir Path dir) throws Exception {
        JsonNode shipped = JSON.readTree(PAGE.toFile());
        try (StandIns standIns = new StandIns(dir)) {
            assertEquals(0, standIns.run("--once").exitCode());
            assertEquals(shipped, standIns.port.pages().get("githubCopilotAdoption"), "Port took every widget type and the layout");
            assertEquals(1, pageCreates(standIns));
            assertEquals(0, standIns.run("--once").exitCode());
            assertEquals(1, pageCreates(standIns), "the second run found the page and left it");
        }
    }

    @Test
    void a_page_a_user_changed_in_port_is_not_overwritten(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            ObjectNode changed = (ObjectNode) JSON.readTree(PAGE.toFile());
            changed.put("title", "Our Copilot dashboard");
            standIns.port.existingPage(changed);
            assertEquals(0, standIns.run("--once").exitCode());
            assertEquals(0, pageCreates(standIns));
            assertEquals("Our Copilot dashboard", standIns.port.pages().get("githubCopilotAdoption").path("title").asText());
        }
    }

    @Test
    void a_409_to_the_page_create_means_a_concurrent_creator_made_it_and_the_sync_goes_on(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir); LogCapture log = new LogCapture("INFO")) {
            standIns.port.pageCreatedConcurrently("githubCopilotAdoption");
            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out());
            assertTrue(run.out().contains("Result: every kind succeeded"), run.out());
            assertEquals(1, pageCreates(standIns));
            assertEquals("made by a concurrent creator", standIns.port.pages().get("githubCopilotAdoption").path("title").asText(),
                    "the other creator's page is left as it is");
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("Page 'githubCopilotAdoption' was created meanwhile")
                    && !l.contains("WARN")), log.lines().toString());
        }
    }

    @Test
    void a_widget_type_port_does_not_know_is_refused_and_the_sync_goes_on_with_a_warning(@TempDir Path dir) throws Exception {
        Path mappings = CatalogRelationsTest.copyMappings(dir.resolve("mappings"), s -> s);
        ObjectNode page = (ObjectNode) JSON.readTree(PAGE.toFile());
        ObjectNode dashboard = (ObjectNode) page.path("widgets").get(0);
        ((com.fasterxml.jackson.databind.node.ArrayNode) dashboard.get("widgets")).addObject().put("id", "gauge").put("type", "gauge-chart");
        ((com.fasterxml.jackson.databind.node.ArrayNode) dashboard.get("layout")).addObject().put("height", 400)
                .putArray("columns").addObject().put("id", "gauge").put("size", 12);
        Files.writeString(mappings.resolve("pages/githubCopilotAdoption.json"), page.toString());
        try (StandIns standIns = new StandIns(dir.resolve("data")); LogCapture log = new LogCapture("INFO")) {
            standIns.env.put("MAPPING_FILE", mappings.resolve("port-app-config.yaml").toString());
            StandIns.Run run = standIns.run("--once");
            assertEquals(0, run.exitCode(), run.out());
            assertTrue(standIns.port.pages().isEmpty(), "Port refused the page");
            List<String> lines = log.lines().stream().filter(l -> l.contains("page 'githubCopilotAdoption'")).toList();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("Port answered 422") && lines.get(0).contains("unknown widget type 'gauge-chart'"), lines.get(0));
        }
    }

    @Test
    void create_pages_false_creates_no_page(@TempDir Path dir) throws Exception {
        Path mappings = CatalogRelationsTest.copyMappings(dir.resolve("mappings"), s -> s.replace("createPages: true", "createPages: false"));
        try (StandIns standIns = new StandIns(dir.resolve("data"))) {
            standIns.env.put("MAPPING_FILE", mappings.resolve("port-app-config.yaml").toString());
            assertEquals(0, standIns.run("--once").exitCode());
            assertTrue(standIns.port.pages().isEmpty());
            assertTrue(standIns.port.requests().stream().noneMatch(r -> r.path().startsWith("/v1/pages")));
        }
    }
}
