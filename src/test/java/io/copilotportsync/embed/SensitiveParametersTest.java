package io.copilotportsync.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.CamelContextHelper;
import org.junit.jupiter.api.Test;

/** Camel takes the secret parameters for sensitive in any context that has the jar, next to the host's own keywords. */
class SensitiveParametersTest {
    @Test
    void a_plain_context_takes_every_secret_parameter_for_sensitive_and_the_others_not() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            for (String secret : SensitiveParameters.SECRETS) {
                assertTrue(CamelContextHelper.containsSensitive(context, "camel.routeTemplate[0]." + secret), secret);
                assertTrue(CamelContextHelper.containsSensitive(context, secret), secret);
            }
            for (String plain : new String[] {"githubOrgs", "portClientId", "dataDir", "camel.kamelet.x.githubApiUrl"}) {
                assertFalse(CamelContextHelper.containsSensitive(context, plain), plain);
            }
            // the host's key named after the parameter, as camel-main compares keys (lower case, dashes dropped)
            assertTrue(CamelContextHelper.containsSensitive(context, "tenant-a.github-token"));
            // README says so: Camel's substring match also hides a key that is part of a secret's name
            assertTrue(CamelContextHelper.containsSensitive(context, "camel.server.port"));
        }
    }

    @Test
    void keywords_the_host_sets_before_its_context_starts_are_kept_and_ours_added_again() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getCamelContextExtension().setAdditionalSensitiveKeywords("vaultpin");
            context.start();
            assertTrue(CamelContextHelper.containsSensitive(context, "vaultPin"));
            assertTrue(CamelContextHelper.containsSensitive(context, "githubToken"));
        }
    }

    @Test
    void each_secret_is_added_once_in_the_form_camel_compares() {
        String once = SensitiveParameters.withSecrets(null);
        assertEquals("githubtoken,portclientsecret,githubappprivatekey,httpsproxy,databasepassword", once);
        assertEquals(once, SensitiveParameters.withSecrets(once));
        assertEquals("vaultpin,GitHubToken,portclientsecret,githubappprivatekey,httpsproxy,databasepassword",
                SensitiveParameters.withSecrets("vaultpin,GitHubToken"));
    }
}
