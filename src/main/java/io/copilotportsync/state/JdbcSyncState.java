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
 * hashes are read at the start of each run (another replica may have written them) and written in batches.
 */
public final class JdbcSyncState implements SyncState {
    private static final int BATCH = 500;

    private final DataSource db;
    private final Map<String, String> hashes = new ConcurrentHashMap<>();
    private final List<String[]> pendingHashes = new ArrayList<>();

    public JdbcSyncState(DataSource db) {
        this.db = db;
        refresh();
    }

    @Override
    public void refresh() {
        flush();
        Map<String, String> fresh = new java.util.HashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT blueprint, identifier, hash FROM sync_hashes")) {
            while (r.next()) {
                fresh.put(r.getString(1) + "\t" + r.getString(2), r.getString(3));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        hashes.clear();
        hashes.putAll(fresh);
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
    }

    @Override
    public String hash(String blueprint, String identifier) {
        return hashes.get(blueprint + "\t" + identifier);
    }

    @Override
    public void recordHash(String blueprint, String identifier, String hash) {
        if (hash.equals(hashes.put(blueprint + "\t" + identifier, hash))) {
            return;
        }
        List<String[]> batch = null;
        synchronized (pendingHashes) {
            pendingHashes.add(new String[] {blueprint, identifier, hash});
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
        List<String[]> batch;
        synchronized (pendingHashes) {
            batch = new ArrayList<>(pendingHashes);
            pendingHashes.clear();
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<String[]> batch) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO sync_hashes (blueprint, identifier, hash) VALUES (?, ?, ?) "
                        + "ON CONFLICT (blueprint, identifier) DO UPDATE SET hash = EXCLUDED.hash")) {
            for (String[] row : batch) {
                s.setString(1, row[0]);
                s.setString(2, row[1]);
                s.setString(3, row[2]);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public void forgetHash(String blueprint, String identifier) {
        hashes.remove(blueprint + "\t" + identifier);
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
