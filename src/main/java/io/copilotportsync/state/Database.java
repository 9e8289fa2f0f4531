package io.copilotportsync.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.copilotportsync.config.SyncSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Cluster mode's PostgreSQL: a connection pool, the schemas created on start (Quartz's own tables from the quartz
 * jar, and the sync state's), under an advisory lock so that replicas starting together do not race, and the
 * Quartz settings that make the schedule clustered: each trigger fires on one node, a dead node's job is recovered.
 */
public final class Database implements AutoCloseable {
    /** How often nodes check in: a node silent for longer is taken for dead and its jobs recovered. */
    public static final long CLUSTER_CHECKIN_MILLIS = 5_000;
    private static final long SCHEMA_LOCK = 0x436f70696c6f74L;
    /** Held by the replica whose run is going (embedded cluster mode, {@link #claimTick}). */
    private static final long RUN_LOCK = SCHEMA_LOCK + 1;

    private final HikariDataSource pool;

    public Database(SyncSettings settings) {
        io.copilotportsync.config.OptionalLibraries.require("cluster mode (SYNC_DATABASE_URL)", io.copilotportsync.config.OptionalLibraries.CLUSTER);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.databaseUrl());
        config.setUsername(settings.databaseUser());
        config.setPassword(settings.databasePassword());
        config.setMaximumPoolSize(4);
        config.setPoolName("sync-state");
        pool = new HikariDataSource(config);
        createSchemas();
    }

    public DataSource dataSource() {
        return pool;
    }

    private void createSchemas() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
            try {
                if (!exists(c, "qrtz_locks")) {
                    for (String statement : quartzSchema()) {
                        s.execute(statement);
                    }
                }
                s.execute("CREATE TABLE IF NOT EXISTS sync_days (kind TEXT NOT NULL, scope TEXT NOT NULL, day DATE NOT NULL, "
                        + "status TEXT NOT NULL, attempts INT NOT NULL, PRIMARY KEY (kind, scope, day))");
                s.execute("CREATE TABLE IF NOT EXISTS sync_hashes (blueprint TEXT NOT NULL, identifier TEXT NOT NULL, "
                        + "hash TEXT NOT NULL, PRIMARY KEY (blueprint, identifier))");
                // the kind, scope and day an entity was read for: a final day's hashes are let go (JdbcSyncState)
                s.execute("ALTER TABLE sync_hashes ADD COLUMN IF NOT EXISTS kind TEXT, ADD COLUMN IF NOT EXISTS scope TEXT, "
                        + "ADD COLUMN IF NOT EXISTS day DATE");
                // embedded cluster mode: the ticks a replica took (claimTick); the database is one instance's state
                s.execute("CREATE TABLE IF NOT EXISTS sync_ticks (tick TIMESTAMPTZ PRIMARY KEY, replica TEXT NOT NULL, "
                        + "claimed_at TIMESTAMPTZ NOT NULL DEFAULT now())");
                s.execute("CREATE TABLE IF NOT EXISTS sync_produced (kind TEXT NOT NULL, scope TEXT NOT NULL, entities TEXT NOT NULL, "
                        + "PRIMARY KEY (kind, scope))");
            } finally {
                s.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the schemas in SYNC_DATABASE_URL: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (ResultSet r = c.getMetaData().getTables(null, null, table, null)) {
            return r.next();
        }
    }

    /** Quartz's PostgreSQL schema as the quartz jar ships it, without its DROP statements. */
    private static java.util.List<String> quartzSchema() {
        try (InputStream in = org.quartz.Scheduler.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/tables_postgres.sql")) {
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.trim();
                if (!t.startsWith("--") && !t.startsWith("#") && !t.toUpperCase().startsWith("DROP ") && !t.equalsIgnoreCase("COMMIT;")) {
                    sql.append(line).append('\n');
                }
            }
            return java.util.Arrays.stream(sql.toString().split(";")).map(String::trim).filter(st -> !st.isEmpty()).toList();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the quartz jar's tables_postgres.sql cannot be read", e);
        }
    }

    /**
     * Takes one tick of the schedule for this replica, or null when it is not this replica's: another one took it
     * first, or another one's run is still going (a lock held by its connection, so a replica that dies lets go of
     * it). Replicas that each fire their own trigger (an application's Quartz that is not clustered) thus sync once a
     * tick between them, one run at a time. {@code tick} is the trigger's scheduled fire time, the same on every
     * replica whatever their clocks; ticks older than 30 days are let go, so the table stays small.
     *
     * @param replica who claims it, for whoever reads the table
     */
    public Claim claimTick(java.time.Instant tick, String replica) {
        Connection c = null;
        try {
            c = pool.getConnection();
            boolean ours;
            try (Statement s = c.createStatement(); ResultSet locked = s.executeQuery("SELECT pg_try_advisory_lock(" + RUN_LOCK + ")")) {
                ours = locked.next() && locked.getBoolean(1);
            }
            if (ours) {
                try (java.sql.PreparedStatement claim = c.prepareStatement(
                        "INSERT INTO sync_ticks (tick, replica) VALUES (?, ?) ON CONFLICT DO NOTHING");
                     Statement prune = c.createStatement()) {
                    claim.setObject(1, java.time.OffsetDateTime.ofInstant(tick, java.time.ZoneOffset.UTC));
                    claim.setString(2, replica);
                    ours = claim.executeUpdate() == 1;
                    prune.execute("DELETE FROM sync_ticks WHERE tick < now() - interval '30 days'");
                }
            }
            if (!ours) {
                c.close(); // and with it the lock, if it was taken
                return null;
            }
            return new TickClaim(c);
        } catch (SQLException e) {
            TickClaim.closeQuietly(c);
            throw new IllegalStateException("cannot claim the tick " + tick + " in SYNC_DATABASE_URL: " + e.getMessage(), e);
        }
    }

    /** A tick this replica runs: closing it (after the run) lets the next replica's run begin. */
    public interface Claim extends AutoCloseable {
        @Override
        void close();
    }

    private static final class TickClaim implements Claim {
        private final Connection connection;

        private TickClaim(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT pg_advisory_unlock(" + RUN_LOCK + ")");
            } catch (SQLException e) {
                // closing the connection lets go of the lock as well
            }
            closeQuietly(connection);
        }

        private static void closeQuietly(Connection c) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (SQLException e) {
                // nothing more to let go of
            }
        }
    }

    /** Camel properties that give camel-quartz a clustered JDBC job store on this database. */
    public static Map<String, String> quartzProperties(SyncSettings settings) {
        Map<String, String> q = new TreeMap<>();
        q.put("org.quartz.scheduler.instanceId", "AUTO");
        q.put("org.quartz.threadPool.threadCount", "2");
        q.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        q.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        q.put("org.quartz.jobStore.dataSource", "sync");
        q.put("org.quartz.jobStore.isClustered", "true");
        q.put("org.quartz.jobStore.clusterCheckinInterval", Long.toString(CLUSTER_CHECKIN_MILLIS));
        q.put("org.quartz.jobStore.misfireThreshold", "60000");
        q.put("org.quartz.dataSource.sync.provider", "hikaricp");
        q.put("org.quartz.dataSource.sync.driver", "org.postgresql.Driver");
        q.put("org.quartz.dataSource.sync.URL", settings.databaseUrl());
        q.put("org.quartz.dataSource.sync.user", settings.databaseUser());
        q.put("org.quartz.dataSource.sync.password", settings.databasePassword());
        q.put("org.quartz.dataSource.sync.maxConnections", "4");
        Map<String, String> camel = new TreeMap<>();
        q.forEach((k, v) -> camel.put("camel.component.quartz.properties[" + k + "]", v));
        return camel;
    }

    @Override
    public void close() {
        pool.close();
    }
}
