package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed line of a report file in a batch: its number in the file (for its dead letter), the record, and the day
 * it is counted against (the job's, or in a 28-day report the record's own, once claimed).
 */
public record ReportRecord(long line, JsonNode record, String day) {
    ReportRecord onDay(String day) {
        return new ReportRecord(line, record, day);
    }
}
