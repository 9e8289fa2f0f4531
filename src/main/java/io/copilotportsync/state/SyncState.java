package io.copilotportsync.state;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * What the sync remembers between runs: the status of each (kind, scope, day), the content hash of each entity
 * Port acknowledged (so unchanged entities are not sent again), and the entities each snapshot kind produced
 * last time (for entityDeletionThreshold). Embedded: files under DATA_DIR; the cluster mode keeps it in PostgreSQL.
 */
public interface SyncState extends AutoCloseable {

    /** FINAL: every entity acknowledged and GitHub's data settled; PROVISIONAL: acknowledged, but the day is younger
     * than GitHub's readiness lag; NO_DATA: GitHub answered 204; FAILED: something of the day was not written. */
    enum DayStatus { FINAL, PROVISIONAL, NO_DATA, FAILED }

    /** A day's last status, and how many runs asked for it. */
    record DayRecord(DayStatus status, int attempts) {
    }

    Map<LocalDate, DayRecord> days(String kind, String scope);

    void recordDay(String kind, String scope, LocalDate day, DayStatus status);

    /** True when the content Port last acknowledged for the entity has this hash: it need not be sent again. */
    boolean acknowledged(String blueprint, String identifier, String hash);

    /**
     * Port acknowledged this content for the entity, read for the kind, scope and day (day null: a snapshot). Once
     * that day is final no run reads it again, and the hash may be let go: the state stays about the open days.
     */
    void recordHash(String kind, String scope, java.time.LocalDate day, String blueprint, String identifier, String hash);

    void forgetHash(String blueprint, String identifier);

    /** The entities ("blueprint\tidentifier") a snapshot kind produced for a scope in its last complete run. */
    Set<String> produced(String kind, String scope);

    void recordProduced(String kind, String scope, Set<String> entities);

    /** At the start of a run: read again what another replica may have written (cluster mode). */
    default void refresh() {
    }

    /** Writes what is kept in memory for speed (the end of a run). */
    default void flush() {
    }

    @Override
    void close();
}
