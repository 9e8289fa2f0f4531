package io.copilotportsync.github;

import java.util.List;

/**
 * Consecutive lines of a report file, handed to the workers as one exchange instead of one exchange a line (Camel's
 * per-exchange routing cost more CPU than mapping a record). {@code firstPlace} is the first line's place in its
 * download attempt: the lines are marked done through the attempt, so that a download that starts again skips them.
 */
public record LineBatch(int firstPlace, List<String> lines) {
}
