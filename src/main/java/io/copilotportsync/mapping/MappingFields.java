package io.copilotportsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field names each kind's mapping mentions in any of its expressions (selector, itemsToParse, identifier,
 * title, properties, relations), so that fields GitHub sends and no expression reads can be named: GitHub adds
 * fields every month, and a user should learn of them from the sync, not from changelogs. A name counts as
 * mentioned wherever it stands in a path ({@code .a.b} mentions a and b), which errs on the side of silence.
 */
public final class MappingFields {
    /** {@code .name}, {@code ."name"} and {@code .["name"]}: how jq reads a field. */
    private static final Pattern FIELD = Pattern.compile("\\.\\s*(?:([A-Za-z_][A-Za-z0-9_]*)|\"([^\"]+)\"|\\[\\s*\"([^\"]+)\"\\s*])");
    /** Expressions that read every field of the item, by any name: such a kind has no unused field. */
    private static final Pattern WHOLE_ITEM = Pattern.compile("\\b(to_entries|with_entries|keys|keys_unsorted|paths|tostream|leaf_paths)\\b"
            + "|^\\s*\\.\\s*$");

    private final Map<String, Set<String>> mentioned;
    private final Set<String> readsEverything;

    private MappingFields(Map<String, Set<String>> mentioned, Set<String> readsEverything) {
        this.mentioned = mentioned;
        this.readsEverything = readsEverything;
    }

    public static MappingFields of(MappingDefinition definition) {
        Map<String, Set<String>> mentioned = new HashMap<>();
        Set<String> everything = new HashSet<>();
        for (MappingDefinition.Resource r : definition.resources()) {
            Set<String> names = mentioned.computeIfAbsent(r.kind(), k -> new HashSet<>());
            List<String> expressions = new java.util.ArrayList<>(r.fields().values());
            expressions.add(r.selectorQuery());
            if (r.itemsToParse() != null) {
                expressions.add(r.itemsToParse());
            }
            for (String expression : expressions) {
                if (expression == null) {
                    continue;
                }
                if (WHOLE_ITEM.matcher(expression).find()) {
                    everything.add(r.kind());
                }
                Matcher m = FIELD.matcher(expression);
                while (m.find()) {
                    names.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
                }
            }
        }
        return new MappingFields(Map.copyOf(mentioned), Set.copyOf(everything));
    }

    /** Whether some expression of the kind's mapping mentions the field (or reads every field of its items). */
    public boolean mentions(String kind, String field) {
        return readsEverything.contains(kind) || mentioned.getOrDefault(kind, Set.of()).contains(field);
    }

    /**
     * The top-level fields of the items that the kind's mapping does not use, sorted; the context fields the sync
     * adds ({@code __organization} and the like) are not GitHub's and are left out.
     */
    public Set<String> unused(String kind, Collection<? extends JsonNode> items) {
        Set<String> unused = new TreeSet<>();
        for (JsonNode item : items) {
            for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.startsWith("__") && !mentions(kind, name)) {
                    unused.add(name);
                }
            }
        }
        return unused;
    }

    /** The one line a run logs, and validate prints, for a kind with unused fields. */
    public static String line(String kind, Set<String> unused) {
        return kind + ": GitHub sent fields your mapping does not use: " + String.join(", ", unused)
                + " (map them in the mapping file if you want them in Port)";
    }
}
