package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.sandbox.SandboxData;
import io.copilotportsync.support.StandIns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two syncs at once in one JVM, as embedded instances run: each with its own GitHub, Port and DATA_DIR, over
 * different organizations, so that an entity, a count or an acknowledgement that crossed over would show.
 */
class TwoRunsAtOnceTest {
    private static final List<String> OTHER_ORGS = List.of("globex", "initech");

    /** A second tenant: other organizations, other generated data, the same days. */
    private static StandIns otherTenant(Path dir) throws Exception {
        StandIns s = new StandIns(dir, SandboxData.generate(11, OTHER_ORGS, 6, StandIns.LAST_DAY, StandIns.DAYS, Set.of(), Sandbox.ENTERPRISE));
        s.env.put("GITHUB_ORGS", String.join(",", OTHER_ORGS));
        s.env.put("SYNC_START_DAY", s.firstDay().toString());
        s.env.put("SYNC_END_DAY", StandIns.LAST_DAY.toString());
        return s;
    }

    private record Outcome(int exitCode, String out, long startedNanos, long endedNanos) {
    }

    /**
     * @param name the instance's Camel name: two camel-mains of one name in one JVM register Quartz's scheduler
     *             under the same JMX name, and the second to start fails; embedded instances get names of their own too
     */
    private static Outcome runOnce(StandIns s, String name, CyclicBarrier together) throws Exception {
        SyncApplication app = new SyncApplication(SyncSettings.from(s.env::get, true), Map.of("camel.main.name", name), Clock.systemUTC(),
                StandIns.FAST);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        together.await(30, TimeUnit.SECONDS);
        long started = System.nanoTime();
        int code = app.runOnce(new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), started, System.nanoTime());
    }

    /** The user rows GitHub holds for the stand-ins' days: one seat-day entity each in githubCopilotUserUsage. */
    private static long userDays(StandIns s) {
        long enterprise = s.data.days().stream().map(s.data::enterpriseUserRows).filter(Objects::nonNull).mapToLong(List::size).sum();
        return s.data.allUserRows().count() + enterprise;
    }

    @Test
    void two_syncs_running_at_once_each_leave_their_port_exactly_as_a_clean_run_alone(@TempDir Path dir) throws Exception {
        Map<String, Map<String, ObjectNode>> aloneA = StandIns.cleanRunHoldings(dir.resolve("alone-a"));
        Map<String, Map<String, ObjectNode>> aloneB;
        try (StandIns b = otherTenant(dir.resolve("alone-b"))) {
            StandIns.Run run = b.runOnce(StandIns.FAST);
            assertEquals(0, run.exitCode(), run.out());
            aloneB = b.port.holdings();
        }
        try (StandIns a = new StandIns(dir.resolve("a")); StandIns b = otherTenant(dir.resolve("b"))) {
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<Outcome> runA = threads.submit(() -> runOnce(a, "copilot-port-sync-a", together));
                Future<Outcome> runB = threads.submit(() -> runOnce(b, "copilot-port-sync-b", together));
                Outcome outA = runA.get(5, TimeUnit.MINUTES);
                Outcome outB = runB.get(5, TimeUnit.MINUTES);
                assertTrue(outA.startedNanos() < outB.endedNanos() && outB.startedNanos() < outA.endedNanos(), "the runs did not overlap");
                assertEquals(0, outA.exitCode(), outA.out());
                assertEquals(0, outB.exitCode(), outB.out());
                // each summary counts its own organizations only
                assertTrue(outA.out().contains("octo-org") && !outA.out().contains("globex"), outA.out());
                assertTrue(outB.out().contains("globex") && !outB.out().contains("octo-org"), outB.out());
            } finally {
                threads.shutdownNow();
            }
            assertEquals(userDays(a), a.port.holdings().get("githubCopilotUserUsage").size());
            assertEquals(userDays(b), b.port.holdings().get("githubCopilotUserUsage").size());
            assertFalse(aloneA.equals(aloneB), "the two tenants' data must differ for the test to see a crossing");
            assertEquals(aloneA, a.port.holdings());
            assertEquals(aloneB, b.port.holdings());
        }
    }
}
