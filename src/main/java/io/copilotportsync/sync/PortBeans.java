package io.copilotportsync.sync;

import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.http.Network;
import io.copilotportsync.http.PortPacer;
import io.copilotportsync.http.RetryTimings;
import io.copilotportsync.port.BulkUpsert;
import io.copilotportsync.port.PortRetry;
import io.copilotportsync.port.PortTokenCache;
import java.time.Clock;
import java.util.Map;

/** The beans that call Port, by the names routes/ uses: its token, its retry and pacing, the bulk upserts' answers. */
final class PortBeans {
    private PortBeans() {
    }

    static void put(Map<String, Object> beans, SyncSettings settings, RetryTimings timings, SyncMetrics metrics, Network network,
                    Acknowledgements acknowledgements) {
        PortTokenCache portToken = new PortTokenCache(settings.routeProperties().get("port.api-url"),
                settings.portClientId(), settings.portClientSecret(), Clock.systemUTC(), network, timings);
        beans.put("portToken", portToken);
        beans.put("portRetry", new PortRetry(timings, portToken, metrics));
        beans.put("portPacer", new PortPacer(timings, metrics));
        beans.put("portBulk", new BulkUpsert<>(acknowledgements));
    }
}
