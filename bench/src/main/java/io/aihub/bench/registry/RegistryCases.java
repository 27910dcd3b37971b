package io.aihub.bench.registry;

import io.aihub.bench.internal.AppInstance;
import io.aihub.bench.internal.KeepAliveClient;
import io.aihub.topology.Topics;
import java.util.function.Supplier;

/** The cases of {@code ./aihub bench registry} against one running app instance, one result line each. */
public final class RegistryCases {

    /** What the cases take from the command line. */
    public interface Settings extends ModelCases.Settings, PromoteToStream.Settings {

        /** Whether versions must be registered: for the register case or to read them back. */
        boolean registers();
    }

    private final Settings settings;
    private final ModelCases models;
    private final PromoteToStream promote;

    public RegistryCases(Settings settings, AppInstance app, KeepAliveClient http) {
        this.settings = settings;
        var client = new RegistryClient(http);
        var lines = new ResultLines(app);
        this.models = new ModelCases(settings, client, lines);
        this.promote = new PromoteToStream(
                settings, client, lines, app.settings().anomaly().sensitivity());
    }

    /**
     * Runs the cases asked for: baseline, register, get, list, then promote_to_stream (its topics made only then).
     *
     * @return the exit status: 1 if any request failed or a swap did not reach the stream in time
     */
    public int run(String bootstrapServers, Supplier<Topics> topics) throws InterruptedException {
        int status = 0;
        if (settings.cases().contains("baseline")) {
            status |= models.baseline();
        }
        if (settings.registers()) {
            status |= models.register();
            if (settings.cases().contains("get")) {
                status |= models.get();
            }
            if (settings.cases().contains("list")) {
                status |= models.list();
            }
        }
        if (settings.cases().contains("promote_to_stream")) {
            status |= promote.run(bootstrapServers, topics.get());
        }
        return status;
    }
}
