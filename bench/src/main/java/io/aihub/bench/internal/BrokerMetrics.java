package io.aihub.bench.internal;

import java.lang.management.ManagementFactory;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.ObjectName;

/** The in-process broker's produce request times (its JMX histograms, which favour the last few minutes). */
public final class BrokerMetrics {

    private BrokerMetrics() {}

    /**
     * "TotalTimeMs=mean/p99/max ms, ..." for the produce requests' total, queue, local, remote and response times;
     * empty when no broker runs in this JVM.
     */
    public static String produceTimes() {
        var server = ManagementFactory.getPlatformMBeanServer();
        var times = new TreeMap<String, String>();
        try {
            for (ObjectName name : server.queryNames(
                    new ObjectName("kafka.network:type=RequestMetrics,name=*,request=Produce"), null)) {
                String metric = name.getKeyProperty("name");
                if (!metric.endsWith("TimeMs")) {
                    continue;
                }
                times.put(
                        metric,
                        String.format(
                                "%.1f/%.1f/%.1f",
                                (Double) server.getAttribute(name, "Mean"),
                                (Double) server.getAttribute(name, "99thPercentile"),
                                (Double) server.getAttribute(name, "Max")));
            }
        } catch (JMException | ClassCastException e) {
            return "unavailable (" + e + ")";
        }
        var text = new StringJoiner(", ");
        times.forEach((metric, value) -> text.add(metric + "=" + value));
        return text.toString();
    }
}
