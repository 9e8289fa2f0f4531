package io.copilotportsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml (Docker cannot run here): the embedded instance by default, the cluster profile with
 * PostgreSQL and two replicas on it, health checks on /observe/health, settings from .env, and only variables the
 * README documents.
 */
class ComposeFileTest {

    private static JsonNode compose() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("docker-compose.yml")));
    }

    private static Set<String> documented() throws Exception {
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([A-Z_]+)`(?:, `([A-Z_]+)`)? \\|").matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            names.add(m.group(1));
            if (m.group(2) != null) {
                names.add(m.group(2));
            }
        }
        return names;
    }

    @Test
    void the_default_is_one_embedded_instance_with_its_state_in_a_volume() throws Exception {
        JsonNode sync = compose().path("services").path("sync");
        assertTrue(sync.path("profiles").isMissingNode(), "started by default");
        assertEquals("/app/data", sync.path("environment").path("DATA_DIR").asText());
        assertTrue(sync.path("volumes").get(0).asText().endsWith(":/app/data"));
        assertFalse(sync.path("environment").has("SYNC_DATABASE_URL"));
        assertEquals(".env", sync.path("env_file").asText());
        assertTrue(sync.path("healthcheck").path("test").toString().contains("/observe/health"));
    }

    @Test
    void the_cluster_profile_runs_two_replicas_on_postgresql_once_it_is_healthy() throws Exception {
        JsonNode services = compose().path("services");
        assertEquals("cluster", services.path("postgres").path("profiles").get(0).asText());
        assertTrue(services.path("postgres").path("healthcheck").path("test").toString().contains("pg_isready"));
        String database = services.path("postgres").path("environment").path("POSTGRES_DB").asText();
        for (String replica : List.of("sync-a", "sync-b")) {
            JsonNode r = services.path(replica);
            assertEquals("cluster", r.path("profiles").get(0).asText(), replica);
            assertEquals("jdbc:postgresql://postgres:5432/" + database, r.path("environment").path("SYNC_DATABASE_URL").asText(), replica);
            assertEquals("service_healthy", r.path("depends_on").path("postgres").path("condition").asText(), replica);
            assertTrue(r.path("healthcheck").path("test").toString().contains("/observe/health"), replica);
            assertEquals(".env", r.path("env_file").asText(), replica);
        }
        assertFalse(services.path("sync-a").path("ports").get(0).asText().equals(services.path("sync-b").path("ports").get(0).asText()));
    }

    @Test
    void every_setting_it_uses_is_one_the_readme_documents_and_secrets_stay_in_the_env_file() throws Exception {
        Set<String> documented = documented();
        assertTrue(documented.containsAll(Set.of("GITHUB_TOKEN", "SYNC_DATABASE_URL", "MANAGEMENT_PORT")), documented.toString());
        JsonNode services = compose().path("services");
        for (String service : List.of("sync", "sync-a", "sync-b")) {
            services.path(service).path("environment").fieldNames().forEachRemaining(name ->
                    assertTrue(documented.contains(name), service + " sets " + name + ", which README does not document"));
            services.path(service).path("environment").fieldNames().forEachRemaining(name ->
                    assertFalse(name.contains("TOKEN") || name.contains("SECRET") || name.contains("PASSWORD"), name + " belongs in .env"));
        }
        for (String line : Files.readAllLines(Path.of(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String name = line.substring(0, line.indexOf('='));
                assertTrue(documented.contains(name) || name.startsWith("POSTGRES_"), ".env.example has " + name + ", undocumented");
            }
        }
    }
}
