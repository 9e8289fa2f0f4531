package io.copilotportsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.github.Scope;
import io.copilotportsync.support.StandIns;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The beans the routes call keep nothing of a run: a run's state is the exchange property "run" (RunState), so two
 * runs, or two embedded instances, cannot meet in a bean's field. Every field of our beans is final and of a type
 * that holds no run; what is legitimately long-lived and mutable is named here, with why.
 */
class BeansKeepNoRunStateTest {
    /** Types that hold (part of) one run: never a bean's field. */
    private static final Set<Class<?>> PER_RUN = Set.of(RunState.class, SyncSummary.class, io.copilotportsync.state.DayLedger.class,
            FieldDrift.class, SyncWindow.class, SyncJob.class, Scope.class, MappedEntity.class);

    /** Mutable fields that outlive runs on purpose: "Class.field" and why. */
    private static final Map<String, String> LONG_LIVED = Map.of(
            "RunStart.current", "the one holder of the run that began last, per application, for the command line and the shutdown hook",
            "PortTokenCache.token", "Port's access token, good for many runs until it expires",
            "PortTokenCache.refreshAt", "when that token is to be renewed",
            "PortPacer.budgets", "Port's rate-limit window per API: Port counts it per organization, across runs",
            "CatalogRelations.targets", "which catalog blueprints Port has: Port's schema, read again when a run starts",
            "CatalogRelations.declared", "the relations Port's copy of each blueprint declares: likewise Port's schema");

    /** What is wrong with the bean's fields, one line a field. */
    static List<String> runStateIn(Object bean) {
        List<String> problems = new ArrayList<>();
        for (Class<?> c = bean.getClass(); c != null && c.getName().startsWith("io.copilotportsync."); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                String name = c.getSimpleName() + "." + f.getName();
                if (LONG_LIVED.containsKey(name)) {
                    continue;
                }
                if (!Modifier.isFinal(f.getModifiers())) {
                    problems.add(name + " is not final: a value set during a run outlives it");
                }
                if (PER_RUN.contains(f.getType()) || f.getType() == CurrentRun.class) {
                    problems.add(name + " holds a run's state (" + f.getType().getSimpleName() + ")");
                }
                if ((Collection.class.isAssignableFrom(f.getType()) || Map.class.isAssignableFrom(f.getType())) && !unmodifiable(value(f, bean))
                        || f.getType().isArray() || f.getType().getName().startsWith("java.util.concurrent.atomic.")) {
                    problems.add(name + " is a mutable container (" + f.getType().getSimpleName() + ") that a run could fill");
                }
            }
        }
        return problems;
    }

    private static Object value(Field f, Object bean) {
        try {
            f.setAccessible(true);
            return f.get(bean);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** List.of, Set.copyOf, Collections.unmodifiable...: what no run can fill. */
    private static boolean unmodifiable(Object value) {
        String type = value == null ? "" : value.getClass().getName();
        return value == null || type.startsWith("java.util.ImmutableCollections$") || type.startsWith("java.util.Collections$Unmodifiable")
                || type.startsWith("java.util.Collections$Empty");
    }

    @Test
    void no_bean_the_routes_call_keeps_a_run_in_its_fields(@TempDir Path dir) throws Exception {
        try (StandIns standIns = new StandIns(dir)) {
            SyncApplication app = new SyncApplication(SyncSettings.from(standIns.env::get, true), Map.of(), Clock.systemUTC());
            try {
                Map<String, Object> beans = app.beans();
                assertTrue(beans.keySet().containsAll(Set.of("runStart", "jobPlanner", "progress", "recordMapping", "failures",
                        "acknowledgements", "deletions", "runEnd", "portBulk", "billingRefusal")), beans.keySet().toString());
                List<String> problems = new ArrayList<>();
                beans.forEach((name, bean) -> runStateIn(bean).forEach(p -> problems.add(name + ": " + p)));
                assertEquals(List.of(), problems);
            } finally {
                app.close();
            }
        }
    }

    /** What the check above must catch: a singleton that counts a run in a field, as SyncRun once did. */
    static final class CountsInFields {
        private volatile long pending;
        private final Map<String, Set<String>> produced = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile SyncSummary summary;
    }

    @Test
    void the_check_names_every_field_of_a_bean_that_keeps_a_run() {
        List<String> problems = runStateIn(new CountsInFields());
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("CountsInFields.pending is not final")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("CountsInFields.produced is a mutable container")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("CountsInFields.summary holds a run's state")), problems.toString());
    }
}
