package io.copilotportsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.mapping.MappingEngine;
import io.copilotportsync.port.Blueprints;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MAPPING_FILE=classpath:... reads the mapping and its blueprints from inside a jar as it reads them from files. */
class ClasspathFileTest {

    @Test
    void the_mapping_shipped_in_a_jar_reads_like_the_one_in_mappings(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("library.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(Path.of("mappings"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry("copilot-port-sync/" + file.toString().replace('\\', '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        try (URLClassLoader library = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path shipped = ClasspathFile.resolve("MAPPING_FILE", ClasspathFile.SHIPPED_MAPPING, library);

            assertNotEquals(FileSystems.getDefault(), shipped.getFileSystem(), "read inside the jar, not from mappings/");
            assertEquals(MappingEngine.load(Path.of("mappings/port-app-config.yaml")).kinds(), MappingEngine.load(shipped).kinds());
            assertEquals(identifiers(Blueprints.read(Path.of("mappings/blueprints"))),
                    identifiers(Blueprints.read(shipped.toAbsolutePath().getParent().resolve("blueprints"))));
            // a second setting that names the same jar finds its file system open
            assertEquals(shipped, ClasspathFile.resolve("MAPPING_FILE", ClasspathFile.SHIPPED_MAPPING, library));
        }
    }

    @Test
    void a_classpath_location_that_is_not_there_names_the_variable() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ClasspathFile.resolve("MAPPING_FILE", "classpath:no/such/mapping.yaml"));
        assertTrue(e.getMessage().startsWith("MAPPING_FILE is classpath:no/such/mapping.yaml, which is not on the classpath"),
                e.getMessage());
    }

    private static List<String> identifiers(Blueprints blueprints) {
        return blueprints.all().stream().map(Blueprints.Blueprint::identifier).toList();
    }
}
