package io.aihub.bench.export;

import io.aihub.services.export.ParquetExport;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Connections of {@link ExportData} that add up the CPU seconds their PostgreSQL backends spent while open (user +
 * system, read from {@code /proc/<pid>/stat} at open and at close: local databases only; NaN elsewhere).
 */
public final class MeteredConnections implements ParquetExport.ConnectionSource {

    private final ExportData data;
    private final DoubleAdder cpuSeconds = new DoubleAdder();

    public MeteredConnections(ExportData data) {
        this.data = data;
    }

    /** CPU seconds of the backends of every connection closed so far. */
    public double cpuSeconds() {
        return cpuSeconds.sum();
    }

    @Override
    public Connection connect() throws SQLException {
        Connection connection = data.connect();
        long pid;
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            pid = rows.getLong(1);
        }
        double opened = processCpuSeconds(pid);
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        cpuSeconds.add(processCpuSeconds(pid) - opened);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static double processCpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
