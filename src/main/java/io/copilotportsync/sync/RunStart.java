package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.github.Scope;
import io.copilotportsync.mapping.MappingEngine;
import io.copilotportsync.mapping.MappingFields;
import io.copilotportsync.state.DayLedger;
import io.copilotportsync.state.DayPlanner;
import io.copilotportsync.state.SyncState;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A run begins: its state is made, its scopes (GITHUB_ORGS, GITHUB_ENTERPRISE, or the organizations found) set. */
public final class RunStart {
    private static final Logger LOG = LoggerFactory.getLogger(RunStart.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SyncSettings settings;
    private final SyncState state;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final CurrentRun current;
    private final MappingFields mappingFields;
    private final Set<String> teamKinds;
    private final JobPlanner planner;

    public RunStart(SyncSettings settings, MappingEngine mapping, SyncState state, DeadLetters deadLetters, Clock clock,
                    CurrentRun current, JobPlanner planner) {
        this.settings = settings;
        this.state = state;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.current = current;
        this.planner = planner;
        this.mappingFields = MappingFields.of(mapping.definition());
        this.teamKinds = mapping.kinds().stream().filter(k -> SourceKind.names().contains(k)
                && SourceKind.of(k, settings.mappingFile()).family() == SourceKind.Family.TEAM_REPORT).collect(Collectors.toUnmodifiableSet());
    }

    /** The run's state, made before anything can fail (the routes keep it as the exchange property {@code run}). */
    public RunState begin() {
        RunState run = new RunState(SyncWindow.of(settings.startDay(), settings.endDay(), clock),
                new DayLedger(state, DayPlanner.lastFinalDay(LocalDate.now(clock))), new FieldDrift(mappingFields, teamKinds),
                deadLetters, current.logSummary(), current.progressEvery(), settings.retry().failuresBeforeSkip());
        current.begun(run);
        state.refresh();
        settings.githubOrgs().forEach(org -> run.scopes().add(new Scope(Scope.Type.ORGANIZATION, org,
                JSON.createObjectNode().put("login", org))));
        if (!settings.githubEnterprise().isEmpty()) {
            run.scopes().add(new Scope(Scope.Type.ENTERPRISE, settings.githubEnterprise(),
                    JSON.createObjectNode().put("slug", settings.githubEnterprise())));
        }
        LOG.info("Sync run started: kinds {}, days {}", planner.kinds(), run.window());
        return run;
    }

    /** With GITHUB_ORGS empty, the organizations come from /user/orgs (see routes/sync-run.camel.yaml). */
    public boolean discoversOrganizations() {
        return settings.githubOrgs().isEmpty();
    }

    /** One organization object of /user/orgs: it becomes a scope, and its full object the __organization context. */
    public void discovered(@Body JsonNode org, @ExchangeProperty(PropertyNames.RUN) RunState run) {
        String login = org.path("login").asText("");
        if (login.isEmpty()) {
            LOG.warn("/user/orgs listed an organization without a login; skipped: {}", org);
            return;
        }
        run.scopes().add(new Scope(Scope.Type.ORGANIZATION, login, org));
    }
}
