package io.copilotportsync.jq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Map;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import org.junit.jupiter.api.Test;

/** What the parity suite cannot show: env is off unless enabled, and jq 1.5's dateadd/datesub/date exist. */
class JqDialectTest {

    private static List<JsonNode> run(JqDialect jq, String expression, JsonNode in) throws JsonQueryException {
        return jq.apply(jq.compile(expression), in);
    }

    @Test
    void env_is_off_unless_enabled() {
        JqDialect off = new JqDialect(false, Map.of("SECRET", "x"));
        JsonQueryException e = assertThrows(JsonQueryException.class, () -> run(off, "env.SECRET", NullNode.instance));
        assertTrue(e.getMessage().contains("MAPPING_JQ_ENV=true"), e.getMessage());
        assertThrows(JsonQueryException.class, () -> run(off, "$ENV.SECRET", NullNode.instance));
    }

    @Test
    void env_and_dollar_env_read_the_environment_when_enabled() throws Exception {
        JqDialect on = new JqDialect(true, Map.of("REGION", "eu"));
        assertEquals("eu", run(on, "env.REGION", NullNode.instance).get(0).asText());
        assertEquals("eu", run(on, "$ENV.REGION", NullNode.instance).get(0).asText());
    }

    @Test
    void dateadd_datesub_and_date_are_jq_15s_definitions() throws Exception {
        JqDialect jq = new JqDialect(false, Map.of());
        assertEquals("1700000060", JqJson.write(run(jq, "dateadd(\"seconds\"; 60)", com.fasterxml.jackson.databind.node.LongNode.valueOf(1700000000L)).get(0)));
        assertEquals("1699999940", JqJson.write(run(jq, "datesub(\"seconds\"; 60)", com.fasterxml.jackson.databind.node.LongNode.valueOf(1700000000L)).get(0)));
        assertEquals("\"2023-11-14T22:13:20Z\"", JqJson.write(run(jq, "date", com.fasterxml.jackson.databind.node.LongNode.valueOf(1700000000L)).get(0)));
    }

    @Test
    void interpolations_in_format_strings_keep_the_formats_meaning() {
        assertEquals("\"\\((.a) | tostring)\"", JqSource.rewriteInterpolations("\"\\(.a)\""));
        assertEquals("@json \"v=\\(.a)\"", JqSource.rewriteInterpolations("@json \"v=\\(.a)\""));
        assertEquals("\"a\\((\"b\\((.c) | tostring)\") | tostring)\" # \\(x)", JqSource.rewriteInterpolations("\"a\\(\"b\\(.c)\")\" # \\(x)"));
    }
}
