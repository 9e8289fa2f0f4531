package io.copilotportsync.embed;

import io.copilotportsync.config.ConfigurationException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.spi.PropertiesComponent;

/**
 * A parameter given as the host's property of the same name ({@code dataDir: "{{dataDir}}"}, as an application
 * passes its own settings on) would be resolved by Camel to the parameter itself: "Circular reference detected", or,
 * with {@code {{?dataDir:...}}}, a start-up that never ends. Such a parameter takes the host's property (or the
 * reference's default) before Camel resolves the route, so that the names of the parameters cannot clash with the
 * host's own.
 */
final class HostPropertyReferences {
    /** {{name}}, {{?name}}, {{name:default}}, {{?name:default}}: the whole value one reference. */
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{(\\?)?([^}:]+)(?::([^}]*))?}}");

    private HostPropertyReferences() {
    }

    /** Replaces in {@code given} each parameter that refers to the host's property of its own name. */
    static void resolve(Map<String, Object> given, PropertiesComponent host, String of) {
        for (Map.Entry<String, Object> parameter : given.entrySet()) {
            if (!(parameter.getValue() instanceof String value)) {
                continue;
            }
            Matcher m = REFERENCE.matcher(value.trim());
            if (!m.matches() || !m.group(2).trim().equals(parameter.getKey())) {
                continue;
            }
            Optional<String> hostValue = host.resolveProperty(parameter.getKey());
            if (hostValue.isPresent()) {
                parameter.setValue(hostValue.get());
            } else if (m.group(3) != null) {
                parameter.setValue(m.group(3));
            } else if (m.group(1) != null) {
                parameter.setValue(""); // optional and absent: the parameter's own default, empty
            } else {
                throw new ConfigurationException("parameter " + parameter.getKey() + " of " + of + " is " + value
                        + ", and the application has no property " + parameter.getKey() + ": set it, or give the value");
            }
        }
    }
}
