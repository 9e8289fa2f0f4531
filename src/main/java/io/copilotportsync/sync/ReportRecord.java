package io.copilotportsync.sync;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A record in a batch: a parsed line of a report file with its number in the file (for its dead letter), or an item
 * of a page (number 0), and the day it is counted against (the job's, or in a 28-day report the record's own).
 */
public record ReportRecord(long line, JsonNode record, String day) {
    ReportRecord onDay(String day) {
        return new ReportRecord(line, record, day);
    }
}
