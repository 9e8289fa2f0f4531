package io.copilotportsync.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@code classpath:} location as a {@link Path}, so that the mapping file and blueprints shipped in the jar read
 * like any others: a directory of classes as it is, a jar through its zip file system (opened once, read only).
 */
public final class ClasspathFile {
    public static final String PREFIX = "classpath:";
    /** The mapping file shipped in the jar; its blueprints are beside it. */
    public static final String SHIPPED_MAPPING = PREFIX + "copilot-port-sync/mappings/port-app-config.yaml";

    private ClasspathFile() {
    }

    /** A file path as it is; a {@code classpath:} location resolved, or an error naming the variable. */
    static Path resolve(String variable, String location) {
        return resolve(variable, location, ClasspathFile.class.getClassLoader());
    }

    static Path resolve(String variable, String location, ClassLoader classLoader) {
        if (!location.startsWith(PREFIX)) {
            return Path.of(location);
        }
        String name = location.substring(PREFIX.length()).replaceFirst("^/+", "");
        URL url = classLoader.getResource(name);
        if (url == null) {
            throw new ConfigurationException(variable + " is " + location + ", which is not on the classpath: give a file path,"
                    + " or " + SHIPPED_MAPPING + " for the mapping shipped in the jar");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException alreadyOpen) {
                    // another setting opened this jar before: its paths resolve as they are
                }
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException | RuntimeException e) {
            throw new ConfigurationException(variable + " is " + location + ", which cannot be read from " + url + " ("
                    + e.getMessage() + "): copy the file out and give its path instead");
        }
    }
}
