package io.copilotportsync.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What needs a library the jar leaves optional says which Maven artifacts to add, in one line. */
class OptionalLibrariesTest {
    @Test
    void the_service_and_cluster_libraries_are_found_where_the_build_has_them() {
        assertDoesNotThrow(() -> OptionalLibraries.require("cluster mode (SYNC_DATABASE_URL)", OptionalLibraries.CLUSTER));
        assertDoesNotThrow(() -> OptionalLibraries.require("the service", OptionalLibraries.SERVICE));
    }

    @Test
    void missing_libraries_are_named_by_their_maven_coordinates_with_the_feature_that_needs_them() {
        Map<String, String> libraries = new LinkedHashMap<>();
        libraries.put("org.example:present", String.class.getName());
        libraries.put("org.example:absent-one", "org.example.NotThere");
        libraries.put("org.example:absent-two", "org.example.NotThereEither");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> OptionalLibraries.require("cluster mode (SYNC_DATABASE_URL)", libraries));
        assertEquals("cluster mode (SYNC_DATABASE_URL) needs org.example:absent-one and org.example:absent-two on the classpath: add them "
                + "to the application's dependencies (optional dependencies of copilot-port-sync)", e.getMessage());
    }
}
