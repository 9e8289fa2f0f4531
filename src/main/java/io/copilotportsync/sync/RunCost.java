package io.copilotportsync.sync;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** What a one-shot run cost the process, for its last line: wall time, CPU time and the heap it used at most. */
final class RunCost {
    private RunCost() {
    }

    /** "Run took 12.3 s (CPU 20.1 s); peak heap used 180 MB", for a run that began at {@code startedNanos}. */
    static String since(long startedNanos) {
        return String.format("Run took %.1f s (CPU %.1f s); peak heap used %d MB", (System.nanoTime() - startedNanos) / 1e9,
                cpuSeconds(), peakHeapMegabytes());
    }

    private static double cpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap this process has used. */
    private static long peakHeapMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
