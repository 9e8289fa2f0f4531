package io.copilotportsync.sync;

import java.time.LocalDate;

/** One unit of work: a kind's daily report for one organization and day. */
public record ReportDay(String kind, String report, String organization, String organizationJson, LocalDate day) {
}
