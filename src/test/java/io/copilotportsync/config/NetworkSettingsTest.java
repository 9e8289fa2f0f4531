package io.copilotportsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.support.StandIns;
import io.copilotportsync.support.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS_PROXY, NO_PROXY and GITHUB_CA_FILE that cannot work stop start-up with one line naming the variable and the fix. */
class NetworkSettingsTest {

    private static Map<String, String> valid() {
        return StandIns.validSettings();
    }

    private static String configurationError(Map<String, String> env) {
        return StandIns.configurationError(env);
    }

    @Test
    void a_ca_file_that_does_not_exist_names_github_ca_file(@TempDir Path dir) {
        Map<String, String> env = valid();
        env.put("GITHUB_CA_FILE", dir.resolve("missing.pem").toString());
        String err = configurationError(env);
        assertTrue(err.contains("GITHUB_CA_FILE names " + dir.resolve("missing.pem") + ", which cannot be read"), err);
    }

    @Test
    void a_ca_file_without_a_pem_certificate_names_github_ca_file(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n");
        Map<String, String> env = valid();
        env.put("GITHUB_CA_FILE", file.toString());
        String err = configurationError(env);
        assertTrue(err.contains("GITHUB_CA_FILE (" + file + ") holds no PEM certificate"), err);
    }

    @Test
    void a_damaged_certificate_names_github_ca_file_and_which_certificate(@TempDir Path dir) throws Exception {
        String good = Files.readString(TestCertificates.get().caPem());
        Path file = Files.writeString(dir.resolve("ca.pem"), good + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Map<String, String> env = valid();
        env.put("GITHUB_CA_FILE", file.toString());
        String err = configurationError(env);
        assertTrue(err.contains("GITHUB_CA_FILE (" + file + "): certificate 2 is not a valid X.509 certificate"), err);
    }

    @Test
    void every_certificate_of_a_bundle_is_read_whatever_text_surrounds_them(@TempDir Path dir) throws Exception {
        String ca = Files.readString(TestCertificates.get().caPem());
        Path file = Files.writeString(dir.resolve("bundle.pem"), "# company CAs\nsubject=CN=one\n" + ca + "\nsubject=CN=two\n" + ca);
        Map<String, String> env = valid();
        env.put("GITHUB_CA_FILE", file.toString());
        assertEquals(2, SyncSettings.from(env::get, true).network().caBundle().certificates().size());
    }

    @Test
    void a_proxy_that_is_not_http_host_port_names_the_variable() {
        for (String[] bad : new String[][] {
                {"socks5://proxy.corp:1080", "HTTPS_PROXY uses socks5://; only an http:// proxy is supported"},
                {"https://proxy.corp:3128", "HTTPS_PROXY uses https://; only an http:// proxy is supported"},
                {"http://proxy.corp", "HTTPS_PROXY needs a host and a port: http://host:port"},
                {"http://proxy.corp:3128/path", "HTTPS_PROXY has a path or query"}}) {
            Map<String, String> env = valid();
            env.put("HTTPS_PROXY", bad[0]);
            String err = configurationError(env);
            assertTrue(err.contains(bad[1]), err);
        }
        Map<String, String> lower = valid();
        lower.put("https_proxy", "proxy.corp");
        assertTrue(configurationError(lower).contains("https_proxy needs a host and a port"));
    }

    @Test
    void a_bad_proxy_url_never_shows_its_password() {
        Map<String, String> env = valid();
        env.put("HTTPS_PROXY", "socks5://sync-bot:pr0xy-s3cret@proxy.corp:1080");
        String err = configurationError(env);
        assertTrue(err.contains("HTTPS_PROXY"), err);
        assertFalse(err.contains("pr0xy-s3cret"), err);
    }

    @Test
    void a_no_proxy_entry_with_a_port_or_a_url_names_the_variable() {
        Map<String, String> env = valid();
        env.put("NO_PROXY", "localhost,internal.corp:8443");
        assertTrue(configurationError(env).contains("NO_PROXY holds 'internal.corp:8443', which is not a host name, .domain, IP address"
                + " or address/bits range (ports are not supported: list the host alone)"));
        env.put("NO_PROXY", "https://internal.corp");
        assertTrue(configurationError(env).contains("NO_PROXY holds 'https://internal.corp'"));
    }
}
