package io.copilotportsync.sync;

import java.time.LocalDate;

/**
 * One unit of work of a run: a kind for one scope, and for the daily reports one day. {@code route} names the
 * direct endpoint (in routes/) that does it; {@code report} is the report name for the report families.
 */
public record SyncJob(String kind, String route, Scope scope, LocalDate day, String report) {
}
