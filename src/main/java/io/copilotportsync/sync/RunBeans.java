package io.copilotportsync.sync;

import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.mapping.MappingEngine;
import io.copilotportsync.state.SyncState;
import java.time.Clock;
import java.util.Map;

/** The stateless beans that do a run's steps, by the names routes/ calls them; each takes the run from the exchange. */
final class RunBeans {
    private RunBeans() {
    }

    /** Adds them to {@code beans}; answers the acknowledgements, which Port's bulk answers (portBulk) also count into. */
    static Acknowledgements put(Map<String, Object> beans, SyncSettings settings, MappingEngine mapping, SyncState state, Clock clock,
                                CurrentRun current, SyncMetrics metrics) {
        JobPlanner planner = new JobPlanner(settings, mapping, state, clock);
        Failures failures = new Failures(settings);
        Acknowledgements acknowledgements = new Acknowledgements(state);
        beans.put("runStart", new RunStart(settings, mapping, state, new DeadLetters(settings.dataDir()), clock, current, planner));
        beans.put("jobPlanner", planner);
        beans.put("progress", new Progress());
        beans.put("recordMapping", new RecordMapping(settings, mapping, state, failures));
        beans.put("failures", failures);
        beans.put("reportBatches", new ReportBatches(failures));
        beans.put("manifestCheck", new ManifestCheck());
        beans.put("acknowledgements", acknowledgements);
        beans.put("deletions", new Deletions(mapping, state));
        beans.put("runEnd", new RunEnd(state, metrics, clock));
        return acknowledgements;
    }
}
