package io.copilotportsync.sync;

import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.http.AnswerMessage;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's billing API refused a scope (403: the token lacks the billing permission; 404: no billing data for this
 * token, or the account is not on the enhanced billing platform). That is one warning per kind and scope naming the
 * permission, not a failed day: the other kinds and scopes go on, and the day is left unrecorded, so that it is
 * asked again once the permission is granted. Permissions as GitHub documents them for its billing usage endpoints
 * (docs.github.com/rest/billing/usage): an organization owner's token with the organization permission
 * "Administration" (read), or a classic one with admin:org; for an enterprise, an enterprise owner's or billing
 * manager's classic token with manage_billing:enterprise (enterprise endpoints take no fine-grained tokens or Apps).
 */
public final class BillingRefusal {
    private static final Logger LOG = LoggerFactory.getLogger(BillingRefusal.class);

    private final boolean githubApp;

    /** @param githubApp the organizations are read with a GitHub App's installation tokens */
    public BillingRefusal(boolean githubApp) {
        this.githubApp = githubApp;
    }

    public void refused(@ExchangeProperty(PropertyNames.RUN) RunState run,
                        @ExchangeProperty(PropertyNames.KIND) String kind, @ExchangeProperty(PropertyNames.SCOPE) String scope,
                        @ExchangeProperty(PropertyNames.STATUS) int status,
                        @ExchangeProperty(PropertyNames.SCOPE_TYPE) String scopeType, @Body String answer) {
        String warning = "GitHub's billing API refused the AI-credit usage (" + status + "): "
                + permission("enterprise".equals(scopeType)) + "; its days are asked again next run";
        if (run.summary().warning(kind, scope, warning)) {
            LOG.warn("{} {}: {} (GitHub said{})", kind, scope, warning, AnswerMessage.of(answer));
        }
    }

    private String permission(boolean enterprise) {
        if (enterprise) {
            return "reading it needs a classic token of an enterprise owner or billing manager with the manage_billing:enterprise scope";
        }
        return (githubApp ? "the GitHub App needs the organization permission 'Administration' (read)"
                : "reading it needs an organization owner's token: fine-grained with the organization permission 'Administration' (read),"
                + " or classic with the admin:org scope")
                + ", and the organization on GitHub's enhanced billing platform";
    }
}
