package io.copilotportsync.embed;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.spi.ContextServicePlugin;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Tells every CamelContext with this jar on its classpath that the secret parameters of the Kamelet and the route
 * template are sensitive, so that camel-main's start-up summaries print them as {@code xxxxxx}.
 * <p>
 * Camel's own list matches the last part of a property key exactly ({@code token}, {@code clientSecret}, ...), so
 * {@code githubToken} is not on it; its additional keywords are matched the other way round (the key must occur in
 * the keyword text), which also masks a host's own keys named after a parameter ({@code tenant.github-token}) and
 * any key that is part of one, such as {@code port}. camel-main replaces the keywords with
 * {@code camel.main.additionalSensitiveKeywords} when a host sets it: ours are added again when the context
 * initializes, before its routes, placeholders and dumps are logged.
 */
public final class SensitiveParameters implements ContextServicePlugin {
    /** The parameters the Kamelet declares {@code format: password}; EmbeddingContractTest holds the two together. */
    public static final List<String> SECRETS = List.of("githubToken", "portClientSecret", "githubAppPrivateKey", "httpsProxy",
            "databasePassword");

    @Override
    public void load(CamelContext context) {
        register(context.getCamelContextExtension());
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextInitializing(CamelContext initializing) {
                register(initializing.getCamelContextExtension());
            }
        });
    }

    private static void register(ExtendedCamelContext context) {
        context.setAdditionalSensitiveKeywords(withSecrets(context.getAdditionalSensitiveKeywords()));
    }

    /** The keywords already set (by the host or an earlier call) and each secret as Camel compares keys: lower case, no dashes. */
    static String withSecrets(String keywords) {
        Set<String> all = new LinkedHashSet<>();
        if (keywords != null && !keywords.isBlank()) {
            all.addAll(List.of(keywords.split(",")));
        }
        String present = String.join(",", all).toLowerCase(Locale.ENGLISH);
        for (String secret : SECRETS) {
            String key = secret.toLowerCase(Locale.ENGLISH);
            if (!present.contains(key)) {
                all.add(key);
            }
        }
        return String.join(",", all);
    }
}
