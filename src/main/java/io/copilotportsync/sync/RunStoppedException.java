package io.copilotportsync.sync;

/**
 * The process is stopping (SIGTERM, or the host's stop): no job starts and no record is mapped any more, while the
 * batches in flight get the shutdown timeout to be acknowledged. Not a failure of a day: the days left are simply
 * not recorded, and the next run reads them.
 */
final class RunStoppedException extends RuntimeException {
    RunStoppedException() {
        super("the process is stopping: the run ends before its work is done", null, false, false);
    }
}
