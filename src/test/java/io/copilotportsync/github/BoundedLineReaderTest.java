package io.copilotportsync.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Report lines are read as the JDK's readLine reads them, and no line past the limit is held. */
class BoundedLineReaderTest {
    private static List<String> lines(String text, int limit) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limit);
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        assertNull(reader.readLine());
        return lines;
    }

    @Test
    void lines_end_with_lf_or_crlf_and_the_last_needs_no_end() throws IOException {
        assertEquals(List.of("{\"a\":1}", "", "{\"b\":\"ü\"}", "{\"c\":3}"), lines("{\"a\":1}\r\n\n{\"b\":\"ü\"}\n{\"c\":3}", 100));
        assertEquals(List.of(), lines("", 100));
        assertEquals(List.of("x"), lines("x\n", 100));
    }

    @Test
    void a_line_spanning_many_buffer_fills_is_read_whole_up_to_the_limit() throws IOException {
        String longLine = "y".repeat(200_000);
        assertEquals(List.of("a", longLine, "b"), lines("a\n" + longLine + "\r\nb\n", 200_000));
        assertEquals(List.of(longLine), lines(longLine, 200_000));
    }

    @Test
    void a_line_one_byte_over_the_limit_is_refused_whether_or_not_it_has_an_end() {
        String over = "z".repeat(200_001);
        assertThrows(BoundedLineReader.LineTooLong.class, () -> lines("a\n" + over + "\nb\n", 200_000));
        assertThrows(BoundedLineReader.LineTooLong.class, () -> lines(over, 200_000));
        assertThrows(BoundedLineReader.LineTooLong.class, () -> lines("z".repeat(11) + "\n", 10));
    }
}
