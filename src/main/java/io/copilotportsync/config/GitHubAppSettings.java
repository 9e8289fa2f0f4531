package io.copilotportsync.config;

import io.copilotportsync.logging.SecretRedactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.function.Function;

/**
 * GitHub App authentication: the App's id (or client id), its private key, and optionally the one installation
 * every organization uses. Absent (null from {@link #read}) when none of the App's variables is set.
 */
public record GitHubAppSettings(String appId, PrivateKey privateKey, Long installationId) {

    /** Reads GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY or GITHUB_APP_PRIVATE_KEY_FILE, GITHUB_APP_INSTALLATION_ID. */
    public static GitHubAppSettings read(Function<String, String> env) {
        String appId = value(env, "GITHUB_APP_ID");
        String key = value(env, "GITHUB_APP_PRIVATE_KEY");
        String keyFile = value(env, "GITHUB_APP_PRIVATE_KEY_FILE");
        String installation = value(env, "GITHUB_APP_INSTALLATION_ID");
        if (appId == null && key == null && keyFile == null) {
            if (installation != null) {
                throw new ConfigurationException("GITHUB_APP_INSTALLATION_ID is set but GITHUB_APP_ID is not: set the App's id "
                        + "and its private key too, or remove GITHUB_APP_INSTALLATION_ID");
            }
            return null;
        }
        if (appId == null) {
            throw new ConfigurationException("GITHUB_APP_ID is not set: the App ID (or Client ID) from the GitHub App's settings "
                    + "page (General > About) goes with its private key");
        }
        if (!appId.matches("[0-9]+|Iv[0-9A-Za-z._-]+")) {
            throw new ConfigurationException("GITHUB_APP_ID must be the App's numeric App ID or its Client ID (Iv...), got '" + appId + "'");
        }
        if (key != null && keyFile != null) {
            throw new ConfigurationException("GITHUB_APP_PRIVATE_KEY and GITHUB_APP_PRIVATE_KEY_FILE are both set: keep one");
        }
        if (key == null && keyFile == null) {
            throw new ConfigurationException("GITHUB_APP_PRIVATE_KEY (or GITHUB_APP_PRIVATE_KEY_FILE) is not set: generate a private "
                    + "key on the GitHub App's settings page and give its PEM text, or the path of the .pem file");
        }
        String pem = key != null ? key : readFile(keyFile);
        protect(pem);
        PrivateKey privateKey = PemPrivateKey.parse(pem, key != null ? "GITHUB_APP_PRIVATE_KEY"
                : "GITHUB_APP_PRIVATE_KEY_FILE (" + keyFile + ")");
        Long installationId = null;
        if (installation != null) {
            if (!installation.matches("[1-9][0-9]{0,17}")) {
                throw new ConfigurationException("GITHUB_APP_INSTALLATION_ID must be the installation's number (the last part of "
                        + "its settings URL, .../installations/NUMBER), got '" + installation + "'");
            }
            installationId = Long.valueOf(installation);
        }
        return new GitHubAppSettings(appId, privateKey, installationId);
    }

    /** Never the key itself, should settings end up in a message. */
    @Override
    public String toString() {
        return "GitHubAppSettings[appId=" + appId + ", privateKey=" + SecretRedactor.MASK + ", installationId=" + installationId + "]";
    }

    private static String readFile(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException("GITHUB_APP_PRIVATE_KEY_FILE: cannot read '" + file + "' (" + e.getClass().getSimpleName()
                    + "); give the path of the App's .pem file, readable by this process");
        }
    }

    /** The key's text and every line of its body, so that no fragment of it shows in a log. */
    private static void protect(String pem) {
        SecretRedactor.register(pem);
        String text = pem.replace("\\n", "\n");
        SecretRedactor.register(text);
        text.lines().map(String::trim).filter(line -> !line.startsWith("-----")).forEach(SecretRedactor::register);
    }

    private static String value(Function<String, String> env, String name) {
        String v = env.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
