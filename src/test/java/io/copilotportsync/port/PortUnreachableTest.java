package io.copilotportsync.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.copilotportsync.support.StandIns;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Port refusing the connection at start is said in the user's words: Port, its URL, what to check; no Camel dump. */
class PortUnreachableTest {

    @Test
    void a_refused_connection_to_port_names_port_and_its_url(@TempDir Path dir) throws Exception {
        int closed;
        // a loopback port nothing listens on any more
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed;
        try (StandIns standIns = new StandIns(dir)) {
            standIns.env.put("PORT_API_URL", url);
            // the refused connection is retried like any Port call; a cap of a second keeps the backoffs short
            standIns.env.put("RETRY_MAX_WAIT", "1s");
            StandIns.Run run = standIns.run("--once");
            String output = run.out() + run.err();
            assertEquals(1, run.exitCode(), output);
            assertEquals(1, output.lines().filter(l -> l.contains("Port (" + url + ") refused the connection")).count(), output);
            assertTrue(output.contains("check PORT_API_URL"), output);
            for (String camel : new String[] {"Multicast processing failed", "Exchange[", "ConnectException"}) {
                assertFalse(output.contains(camel), camel + " in:\n" + output);
            }
            assertTrue(standIns.port.holdings().values().stream().allMatch(java.util.Map::isEmpty), "nothing reached the real Port");
        }
    }
}
