package io.aihub.bench.internal;

import java.lang.management.ManagementFactory;

/** The machine a figure was measured on, as "N cores, M GiB", and how busy it was. */
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

    /**
     * The system load average of the last minute (runnable threads, all processes), rounded to 2 decimals, or -1
     * where the platform has none: above the core count means something else competed for the cores.
     */
    public static double loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? -1 : Math.round(load * 100.0) / 100.0;
    }
}
