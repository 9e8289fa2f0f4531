package io.copilotportsync.port;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that send completed batches to Port (the aggregator's executor): PORT_CONCURRENCY of them, and a
 * queue as long; when both are full, whoever completes the next batch waits for room instead of sending it
 * itself, so no more than PORT_CONCURRENCY bulk requests are ever in flight, and mapping slows to Port's pace.
 */
public final class UpsertExecutor extends ThreadPoolExecutor {

    public UpsertExecutor(int concurrency) {
        super(concurrency, concurrency, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(concurrency), threads(), (task, pool) -> {
            try {
                pool.getQueue().put(task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RejectedExecutionException("interrupted while waiting for a free Port upsert thread", e);
            }
        });
    }

    private static java.util.concurrent.ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "port-upsert-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
