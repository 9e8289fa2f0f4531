package io.copilotportsync.state;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * {@link SyncState} in PostgreSQL, shared by the replicas of cluster mode: day statuses are written at once; entity
 * hashes are read at the start of each run (another replica may have written them) and written in batches. At the
 * start of a run the hashes of final days are deleted (no run reads those days again), so the table and what is held
 * in memory stay about the open days.
 */
public final class JdbcSyncState implements SyncState {
    private static final int BATCH = 500;

    private final DataSource db;
    private final Set<String> finalDays = ConcurrentHashMap.newKeySet();
    private volatile AcknowledgedHashes hashes = new AcknowledgedHashes(this::settled);
    private final List<HashLine> pendingHashes = new ArrayList<>();

    public JdbcSyncState(DataSource db) {
        this.db = db;
        refresh();
    }

    @Override
    public void refresh() {
        flush();
        Set<String> finals = ConcurrentHashMap.newKeySet();
        AcknowledgedHashes fresh = new AcknowledgedHashes((kind, scope, day) -> finals.contains(kind + "\t" + scope + "\t" + day));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM sync_hashes h USING sync_days d WHERE h.kind = d.kind AND h.scope = d.scope "
                    + "AND h.day = d.day AND d.status = 'FINAL'");
            try (ResultSet r = s.executeQuery("SELECT kind, scope, day FROM sync_days WHERE status = 'FINAL'")) {
                while (r.next()) {
                    finals.add(r.getString(1) + "\t" + r.getString(2) + "\t" + r.getDate(3).toLocalDate());
                }
            }
            // streamed (a cursor, not every row at once): a year of entities does not fit a small heap as rows
            c.setAutoCommit(false);
            s.setFetchSize(10_000);
            try (ResultSet r = s.executeQuery("SELECT blueprint, identifier, hash, kind, scope, day FROM sync_hashes")) {
                while (r.next()) {
                    Date day = r.getDate(6);
                    fresh.put(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            day == null ? null : day.toLocalDate());
                }
            } finally {
                c.commit();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        finalDays.clear();
        finalDays.addAll(finals);
        hashes = fresh;
    }

    private boolean settled(String kind, String scope, LocalDate day) {
        return finalDays.contains(kind + "\t" + scope + "\t" + day);
    }

    @Override
    public Map<LocalDate, DayRecord> days(String kind, String scope) {
        Map<LocalDate, DayRecord> days = new TreeMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT day, status, attempts FROM sync_days WHERE kind = ? AND scope = ?")) {
            s.setString(1, kind);
            s.setString(2, scope);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    days.put(r.getDate(1).toLocalDate(), new DayRecord(DayStatus.valueOf(r.getString(2)), r.getInt(3)));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return days;
    }

    @Override
    public void recordDay(String kind, String scope, LocalDate day, DayStatus status) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO sync_days (kind, scope, day, status, attempts) VALUES (?, ?, ?, ?, 1) "
                        + "ON CONFLICT (kind, scope, day) DO UPDATE SET status = EXCLUDED.status, attempts = sync_days.attempts + 1")) {
            s.setString(1, kind);
            s.setString(2, scope);
            s.setDate(3, Date.valueOf(day));
            s.setString(4, status.name());
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
        String key = kind + "\t" + scope + "\t" + day;
        if (status == DayStatus.FINAL) {
            finalDays.add(key);
        } else {
            finalDays.remove(key);
        }
    }

    @Override
    public boolean acknowledged(String blueprint, String identifier, String hash) {
        return hashes.acknowledged(blueprint, identifier, hash);
    }

    @Override
    public void recordHash(String kind, String scope, LocalDate day, String blueprint, String identifier, String hash) {
        if (!hashes.put(blueprint, identifier, hash, kind, scope, day)) {
            return;
        }
        List<HashLine> batch = null;
        synchronized (pendingHashes) {
            pendingHashes.add(new HashLine(blueprint, identifier, hash, kind, scope, day));
            if (pendingHashes.size() >= BATCH) {
                batch = new ArrayList<>(pendingHashes);
                pendingHashes.clear();
            }
        }
        if (batch != null) {
            write(batch);
        }
    }

    @Override
    public void flush() {
        List<HashLine> batch;
        synchronized (pendingHashes) {
            batch = new ArrayList<>(pendingHashes);
            pendingHashes.clear();
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<HashLine> batch) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO sync_hashes (blueprint, identifier, hash, kind, scope, day) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (blueprint, identifier) DO UPDATE SET hash = EXCLUDED.hash, kind = EXCLUDED.kind, "
                        + "scope = EXCLUDED.scope, day = EXCLUDED.day")) {
            for (HashLine row : batch) {
                s.setString(1, row.blueprint());
                s.setString(2, row.identifier());
                s.setString(3, row.hash());
                s.setString(4, row.kind());
                s.setString(5, row.scope());
                s.setDate(6, row.day() == null ? null : Date.valueOf(row.day()));
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public void forgetHash(String blueprint, String identifier) {
        hashes.remove(blueprint, identifier);
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM sync_hashes WHERE blueprint = ? AND identifier = ?")) {
            s.setString(1, blueprint);
            s.setString(2, identifier);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public Set<String> produced(String kind, String scope) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT entities FROM sync_produced WHERE kind = ? AND scope = ?")) {
            s.setString(1, kind);
            s.setString(2, scope);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && !r.getString(1).isEmpty() ? new HashSet<>(Arrays.asList(r.getString(1).split("\n"))) : Set.of();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public void recordProduced(String kind, String scope, Set<String> entities) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO sync_produced (kind, scope, entities) VALUES (?, ?, ?) "
                        + "ON CONFLICT (kind, scope) DO UPDATE SET entities = EXCLUDED.entities")) {
            s.setString(1, kind);
            s.setString(2, scope);
            s.setString(3, String.join("\n", entities.stream().sorted().toList()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() {
        flush();
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("the sync state in SYNC_DATABASE_URL failed: " + e.getMessage(), e);
    }
}
