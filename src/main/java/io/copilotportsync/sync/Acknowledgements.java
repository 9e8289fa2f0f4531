package io.copilotportsync.sync;

import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.port.EntityAnswers;
import io.copilotportsync.state.LocalWriteException;
import io.copilotportsync.state.SyncState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;

/**
 * Port's answer for each entity: acknowledged (its content hash recorded, its day one entity nearer final) or
 * refused (dead-lettered, its day not final). Answers come on the aggregator's threads, in exchanges of their own:
 * each entity names its run ({@link MappedEntity#run}), so an answer is counted against the run that mapped it.
 */
public final class Acknowledgements implements EntityAnswers<MappedEntity> {
    /** How long the end of a run waits for Port's last answers. */
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private final SyncState state;

    public Acknowledgements(SyncState state) {
        this.state = state;
    }

    @Override
    public void acknowledged(List<MappedEntity> entities) {
        byRun(entities).forEach((run, ofRun) -> {
            try {
                for (MappedEntity e : ofRun) {
                    run.summary().upserted(e.kind(), e.scope(), 1);
                    if (!run.faulted()) {
                        state.recordHash(e.kind(), e.scope(), e.day() == null ? null : java.time.LocalDate.parse(e.day()),
                                e.blueprint(), e.entity().identifier(), e.hash());
                        run.ledger().acknowledged(e.kind(), e.scope(), e.day());
                    }
                }
            } catch (LocalWriteException e) {
                run.stopFor(e);
            } finally {
                run.settle(ofRun.size());
            }
        });
    }

    @Override
    public void rejected(MappedEntity entity, String reason) {
        RunState run = entity.run();
        try {
            run.summary().failed(entity.kind(), entity.scope(), reason);
            run.summary().failedDay(entity.kind(), entity.scope(), entity.day());
            if (!run.faulted()) {
                run.ledger().rejected(entity.kind(), entity.scope(), entity.day());
                run.deadLetter(entity.kind(), entity.scope(), entity.day(), DeadLetters.Outcome.FAILED,
                        "port bulk upsert to " + entity.blueprint(), reason, entity.entity().body());
            }
        } catch (LocalWriteException e) {
            run.stopFor(e);
        } finally {
            run.settle(1);
        }
    }

    /** Waits until Port has answered for every mapped entity (batches may complete on the aggregator's timer thread). */
    public void awaitAcknowledged(@ExchangeProperty(PropertyNames.RUN) RunState run) throws InterruptedException {
        long left = run.awaitSettled(PATIENCE);
        if (left > 0 && !run.stopping()) { // a stop's summary says what is left (RunEnd)
            run.summary().runFailed(left + " entities were never acknowledged by Port within 10 minutes");
        }
    }

    private static Map<RunState, List<MappedEntity>> byRun(List<MappedEntity> entities) {
        Map<RunState, List<MappedEntity>> byRun = new IdentityHashMap<>();
        entities.forEach(e -> byRun.computeIfAbsent(e.run(), r -> new ArrayList<>()).add(e));
        return byRun;
    }
}
