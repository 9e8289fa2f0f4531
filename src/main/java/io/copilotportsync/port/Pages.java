package io.copilotportsync.port;

import io.copilotportsync.flow.PropertyNames;
import io.copilotportsync.http.AnswerMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard pages under mappings/pages/ (Port's Pages API body, POST /v1/pages): created in Port when missing,
 * never overwritten, so that a page a user has changed in Port stays as they left it. None when the mapping file
 * says {@code createPages: false}.
 */
public final class Pages {
    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);

    /** One page file: its identifier and the JSON Port's create endpoint takes. */
    public record Page(String identifier, Path file, String json) {
    }

    private final List<Page> all;

    public Pages(List<Page> all) {
        this.all = List.copyOf(all);
    }

    public static Pages read(Path dir, boolean create) {
        if (!create || !Files.isDirectory(dir)) {
            return new Pages(List.of());
        }
        List<Page> found = DefinitionFiles.read(dir, "page").stream()
                .map(d -> new Page(d.identifier(), d.file(), d.json())).toList();
        return new Pages(found);
    }

    public List<Page> all() {
        return all;
    }

    /**
     * Port's answer to GET or POST of a page. A page Port refuses is a warning, not a stop: the entities matter more
     * than their dashboard, and the next run tries again.
     */
    public void answered(@ExchangeProperty(PropertyNames.PAGE) Page page, @ExchangeProperty(PropertyNames.STATUS) int status, @ExchangeProperty(PropertyNames.PAGE_STEP) String step,
                         @Body String answer) {
        boolean create = "create".equals(step);
        if (!create && (status == 200 || status == 404)) {
            return;
        }
        if (create && (status == 200 || status == 201)) {
            LOG.info("Created page '{}' in Port from {}", page.identifier(), page.file());
        } else if (create && status == 409) {
            LOG.info("Page '{}' was created meanwhile by someone else (Port answered 409); leaving it as it is", page.identifier());
        } else {
            LOG.warn("Port answered {} when we {} page '{}' ({}){}; the sync goes on without it. Fix the file, or set "
                    + "createPages: false in the mapping file", status, create ? "created" : "checked", page.identifier(), page.file(),
                    AnswerMessage.of(answer));
        }
    }
}
