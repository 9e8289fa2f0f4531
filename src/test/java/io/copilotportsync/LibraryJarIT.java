package io.copilotportsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.support.StandIns;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plain jar, the artifact an application depends on: no fat-jar files in it, and the dependencies README's
 * Embedding section lists (what Maven gives a host: the service's libraries are optional) are enough to sync.
 */
class LibraryJarIT {
    private static final Path FAT_JAR = Path.of("target/copilot-port-sync.jar");
    private static final String UBER_CONVERTERS = "META-INF/services/org/apache/camel/UberTypeConverterLoader";
    /** A dependency line of README's `mvn dependency:tree`: groupId:artifactId:jar:version:scope. */
    private static final Pattern TREE_LINE = Pattern.compile("[+\\\\]- ([\\w.-]+):([\\w.-]+):jar:([\\w.-]+):(compile|runtime)");

    @Test
    void the_library_jar_has_no_fat_jar_files_and_the_fat_jar_keeps_camels_merged_type_converters() throws Exception {
        try (JarFile plain = new JarFile(plainJar().toFile()); JarFile fat = new JarFile(FAT_JAR.toFile())) {
            assertNotNull(plain.getEntry("io/copilotportsync/App.class"), "the library holds the classes");
            assertNull(plain.getEntry(UBER_CONVERTERS), "prepare-fatjar's file in the library jar");
            assertNotNull(fat.getEntry(UBER_CONVERTERS), "the fat jar lost Camel's merged type converters");
        }
    }

    @Test
    void the_dependencies_readme_lists_for_a_host_are_enough_to_sync_through_the_kamelet_and_the_template() throws Exception {
        List<String> listed = readmeDependencies();
        for (String serviceOnly : List.of("vertx-core", "netty-common", "camel-platform-http-main", "camel-health",
                "camel-micrometer-prometheus", "postgresql", "HikariCP", "slf4j-jdk14", "c3p0")) {
            assertFalse(listed.stream().anyMatch(serviceOnly::equals), serviceOnly + " reaches a host");
        }
        Result r = java(hostClasspath(Map.of()), Map.of(), "io.copilotportsync.support.MinimalHost");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("host synced"), r.out());
        assertFalse(r.out().contains("ClassNotFoundException") || r.out().contains("NoClassDefFoundError"), r.out());
    }

    @Test
    void a_host_that_manages_an_older_jackson_syncs_with_its_own_versions() throws Exception {
        // what a host's jackson-bom 2.17 makes of the dependencies: every Jackson artifact at its version
        Map<String, String> older = new java.util.HashMap<>();
        try (Stream<Path> jars = Files.list(Path.of("target/older-jackson"))) {
            jars.forEach(jar -> older.put(jar.getFileName().toString().replaceAll("-\\d.*", ""), jar.toString()));
        }
        assertEquals(java.util.Set.of("jackson-core", "jackson-databind", "jackson-annotations", "jackson-dataformat-yaml"), older.keySet());
        List<String> classpath = hostClasspath(older);
        assertTrue(classpath.stream().noneMatch(e -> e.matches(".*jackson-(core|databind|annotations|dataformat-yaml)-2\\.19.*")), classpath.toString());
        Result r = java(classpath, Map.of(), "io.copilotportsync.support.MinimalHost");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("host synced"), r.out());
    }

    @Test
    void cluster_mode_without_postgresql_and_hikaricp_on_the_classpath_stops_with_the_artifacts_to_add() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(StandIns.validSettings());
        env.put("SYNC_DATABASE_URL", "jdbc:postgresql://127.0.0.1:9/sync");
        env.put("DATA_DIR", Files.createTempDirectory("cluster-data").toString());
        Result r = java(hostClasspath(Map.of()), env, "io.copilotportsync.App", "--once");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.out().contains("configuration error: cluster mode (SYNC_DATABASE_URL) needs org.postgresql:postgresql and "
                + "com.zaxxer:HikariCP on the classpath: add them to the application's dependencies"), r.out());
        assertFalse(r.out().contains("NoClassDefFoundError"), r.out());
    }

    private record Result(int code, String out) {
    }

    /**
     * The library jar, the test classes (the host and the stand-ins) and only the jars README lists.
     * @param replaced jars a host's own versions put in place of ours, by artifactId
     */
    private static List<String> hostClasspath(Map<String, String> replaced) throws Exception {
        List<String> classpath = new ArrayList<>(List.of(plainJar().toString(), "target/test-classes"));
        List<String> onTestClasspath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        for (String artifact : readmeDependencies()) {
            // by artifact, not version: this build's test dependencies may settle a shared one (commons-codec) otherwise
            Pattern file = Pattern.compile(Pattern.quote(artifact) + "-\\d.*\\.jar");
            classpath.add(replaced.containsKey(artifact) ? replaced.get(artifact) : onTestClasspath.stream()
                    .filter(e -> file.matcher(Path.of(e).getFileName().toString()).matches()).findFirst()
                    .orElseThrow(() -> new AssertionError("README lists " + artifact + ", which this build does not resolve")));
        }
        return classpath;
    }

    /** A JVM on the given classpath with an environment of the test's making, its output (both streams) returned. */
    private static Result java(List<String> classpath, Map<String, String> env, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classpath), mainClass));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("host-out", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("PORT_") || k.startsWith("SYNC_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(4, TimeUnit.MINUTES), "the host finished in time");
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** The artifacts of README's dependency tree (Embedding), by artifactId. */
    private static List<String> readmeDependencies() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("## Embedding"));
        List<String> jars = new ArrayList<>();
        Matcher m = TREE_LINE.matcher(section.substring(0, section.indexOf("\n## ", 3)));
        while (m.find()) {
            if (!m.group(2).equals("copilot-port-sync")) {
                jars.add(m.group(2));
            }
        }
        assertTrue(jars.size() > 20, "README's Embedding section lists the dependencies a host receives: " + jars);
        return jars;
    }

    private static Path plainJar() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("copilot-port-sync-\\d.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no library jar in target/: run mvn package"));
        }
    }
}
