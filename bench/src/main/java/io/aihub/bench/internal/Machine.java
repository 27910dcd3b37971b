package io.aihub.bench.internal;

import java.lang.management.ManagementFactory;

/** The machine a figure was measured on, as "N cores, M GiB". */
public final class Machine {

    private Machine() {}

    public static String describe() {
        int cores = Runtime.getRuntime().availableProcessors();
        long bytes = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize()
                : 0;
        double gib = bytes / (1024.0 * 1024.0 * 1024.0);
        return cores + " cores, " + Math.round(gib) + " GiB";
    }
}
