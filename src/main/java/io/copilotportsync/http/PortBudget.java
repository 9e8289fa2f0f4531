package io.copilotportsync.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One of Port's rate-limit budgets (a fixed window of requests per organization), as its answers tell it, shared by
 * every thread that sends: a request is let go only when the window Port described can still take it.
 *
 * <p>Port counts a request when it receives it, so an answer's remaining budget does not yet include the requests
 * still on their way: they are subtracted from it. When the window is over, one request (a probe) goes alone and its
 * answer tells what the next window holds; the others wait for it, so even a window end guessed too early costs one
 * 429, not one per thread. When Port's answers carry no usable headers, nothing is paced and 429s are handled as they
 * come (PortRetry).
 */
final class PortBudget {
    /** Before the first answer and after a window's end: one request finds out the budget. */
    private static final int PROBE = 0;
    /** The budget is known: requests go while it lasts. */
    private static final int PACED = 1;
    /** Port sent no usable headers: requests go unpaced, 429s are waited out by PortRetry. */
    private static final int UNPACED = 2;
    /** How long a waiting thread sleeps at most before it looks again (a probe lost without an answer, a clock jump). */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int mode = PROBE;
    private boolean probing;
    /** Requests we may still send before {@link #windowEnd}. */
    private long allowance;
    private long windowEnd;
    /** Counts the windows we learnt of: an answer to a request of an older window says nothing of this one. */
    private long window;
    /** Requests sent and not answered yet (probes apart). */
    private int outstanding;

    /** A permission to send one request; closed by its answer or, without one, by {@link #release}. */
    static final class Ticket {
        final long window;
        final boolean probe;
        boolean closed;

        Ticket(long window, boolean probe) {
            this.window = window;
            this.probe = probe;
        }
    }

    /** Waits until the budget can take one more request (or a probe is due), and takes it. */
    Ticket acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                if (mode == UNPACED) {
                    outstanding++;
                    return new Ticket(window, false);
                }
                long now = System.nanoTime();
                if (mode == PACED && now - windowEnd >= 0) {
                    mode = PROBE;
                }
                if (mode == PROBE) {
                    if (!probing) {
                        probing = true;
                        return new Ticket(window, true);
                    }
                    changed.awaitNanos(RECHECK_NANOS);
                    continue;
                }
                if (allowance > 0) {
                    allowance--;
                    outstanding++;
                    return new Ticket(window, false);
                }
                changed.awaitNanos(Math.min(RECHECK_NANOS, Math.max(1, windowEnd - now)));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Port answered the ticket's request.
     *
     * @param limit null when the answer had no usable rate-limit headers
     * @param nanosToReset from now until Port's window resets (or, for a 429, until it may be tried again)
     */
    void answered(Ticket ticket, int status, Long limit, Long remaining, Long nanosToReset) {
        lock.lock();
        try {
            if (!close(ticket)) {
                return;
            }
            long now = System.nanoTime();
            if (limit == null || remaining == null || nanosToReset == null) {
                // an answer of Port's own without the headers: Port does not state its budget, so it is not paced;
                // a 401, 429 or 5xx may come from before Port's limiter (a proxy): the next request probes again
                if (ticket.probe && status != 401 && status != 429 && status < 500) {
                    mode = UNPACED;
                }
                return;
            }
            boolean current = ticket.probe || mode == UNPACED || ticket.window == window;
            if (!current) {
                return;
            }
            if (status == 429) {
                // the budget is spent (by another client of the organization, or a probe sent too early): all wait
                mode = PACED;
                allowance = 0;
                windowEnd = now + nanosToReset;
                window++;
                return;
            }
            long left = Math.max(0, remaining - outstanding);
            if (ticket.probe || mode == UNPACED) {
                mode = PACED;
                allowance = left;
                windowEnd = now + nanosToReset;
                window++;
            } else {
                // never more than we counted ourselves: other clients of the organization spend the same budget
                allowance = Math.min(allowance, left);
            }
        } finally {
            changed.signalAll();
            lock.unlock();
        }
    }

    /** The request got no answer (or failed before it was sent): its ticket is given back. */
    void release(Ticket ticket) {
        lock.lock();
        try {
            close(ticket);
        } finally {
            changed.signalAll();
            lock.unlock();
        }
    }

    private boolean close(Ticket ticket) {
        if (ticket.closed) {
            return false;
        }
        ticket.closed = true;
        if (ticket.probe) {
            probing = false;
        } else {
            outstanding--;
        }
        return true;
    }
}
