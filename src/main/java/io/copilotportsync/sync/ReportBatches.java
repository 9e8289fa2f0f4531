package io.copilotportsync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.github.FileProgress;
import io.copilotportsync.github.LineBatch;
import io.copilotportsync.github.ReportDownload;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Body;

/**
 * A batch of report lines becomes the records the job reads: each line parsed once, the records of days the job
 * does not read passed over; a line that is not JSON, or a record with no valid day, is dead-lettered alone.
 */
public final class ReportBatches {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Failures failures;

    public ReportBatches(Failures failures) {
        this.failures = failures;
    }

    /** The body, a {@link LineBatch}, becomes its records, each with its number in the file and the job's day. */
    public List<ReportRecord> parse(@Body LineBatch batch, @ExchangeProperty(PropertyNames.FILE_ATTEMPT) FileProgress.Attempt attempt,
                                    @ExchangeProperty(PropertyNames.DAY) String day, @ExchangeProperty(PropertyNames.RUN) RunState run,
                                    @ExchangeProperty(PropertyNames.KIND) String kind, @ExchangeProperty(PropertyNames.SCOPE) String scope,
                                    @ExchangeProperty(PropertyNames.JOB) SyncJob job, @ExchangeProperty(PropertyNames.SOURCE) String source) {
        List<ReportRecord> records = new ArrayList<>(batch.lines().size());
        for (int i = 0; i < batch.lines().size(); i++) {
            String line = batch.lines().get(i);
            long number = ReportDownload.lineNumber(attempt, batch.firstPlace() + i);
            try {
                records.add(new ReportRecord(number, JSON.readTree(line), day));
            } catch (JsonProcessingException e) {
                failures.lineFailed(new RecordOrigin(run, kind, scope, job, source), number, line, day, e);
            }
        }
        return records;
    }

    /** A record on its own (the body, as a dead letter kept it) as a batch of one, of no known line, on the job's day. */
    public List<ReportRecord> ofOne(@Body JsonNode record, @ExchangeProperty(PropertyNames.DAY) String day) {
        return List.of(new ReportRecord(0, record, day));
    }

    /** The items of a JSON array (the body, such as a page of seats) as a batch of records of the job's day. */
    public List<ReportRecord> ofAll(@Body JsonNode items, @ExchangeProperty(PropertyNames.DAY) String day) {
        List<ReportRecord> records = new ArrayList<>();
        items.forEach(item -> records.add(new ReportRecord(0, item, day)));
        return records;
    }

    /**
     * The records of the batch (the body) that belong to the job, as {@code JobPlanner.claims} says for one: in a
     * 28-day report, those of days the job reads, each on its own day; a record with no valid day is dead-lettered.
     */
    public List<ReportRecord> claim(@Body List<ReportRecord> records, @ExchangeProperty(PropertyNames.JOB) SyncJob job,
                                    @ExchangeProperty(PropertyNames.DAYS_WITH_RECORDS) Set<String> withRecords,
                                    @ExchangeProperty(PropertyNames.RUN) RunState run, @ExchangeProperty(PropertyNames.SOURCE) String source) {
        if (job == null || !job.latest()) {
            return records;
        }
        RecordOrigin origin = new RecordOrigin(run, job.kind(), job.scope().label(), job, source);
        List<ReportRecord> claimed = new ArrayList<>(records.size());
        for (ReportRecord r : records) {
            try {
                String day = JobPlanner.claimedDay(job, r.record());
                if (day != null) {
                    withRecords.add(day);
                    claimed.add(r.onDay(day));
                }
            } catch (IllegalStateException e) {
                failures.lineFailed(origin, r.line(), r.record().toString(), r.day(), e);
            }
        }
        return claimed;
    }
}
