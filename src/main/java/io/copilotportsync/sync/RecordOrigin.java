package io.copilotportsync.sync;

/**
 * Where the records at hand come from, as the run's bookkeeping and dead letters name them: the run, the kind and
 * scope, the job (whose 28-day report days a record of no known day stands for) and the report file or API path.
 * The per-record beans make it from their typed parameters and hand it down, instead of the exchange.
 *
 * @param job null for a dead letter replayed
 */
record RecordOrigin(RunState run, String kind, String scope, SyncJob job, String source) {
    /** @param source the report file being read (exchange property "source"), else the API path of the page read */
    static RecordOrigin of(RunState run, String kind, String scope, SyncJob job, String source, String requestPath) {
        return new RecordOrigin(run, kind, scope, job, source != null ? source : String.valueOf(requestPath));
    }

    /** Whether a record of no known day stands for every day of a 28-day report. */
    boolean latest() {
        return job != null && job.latest();
    }
}
