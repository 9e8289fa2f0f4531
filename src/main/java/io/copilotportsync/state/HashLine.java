package io.copilotportsync.state;

import java.time.LocalDate;

/**
 * One line of hashes.log: {@code blueprint identifier hash kind scope day}, tab-separated, for an entity of a report
 * day; {@code blueprint identifier hash} for a snapshot's entity (and in journals written before days were kept);
 * {@code blueprint identifier -} when the entity was deleted from Port. The day lets a final day's entries go.
 */
record HashLine(String blueprint, String identifier, String hash, String kind, String scope, LocalDate day) {
    private static final String FORGOTTEN = "-";

    static HashLine forgotten(String blueprint, String identifier) {
        return new HashLine(blueprint, identifier, FORGOTTEN, null, null, null);
    }

    boolean forgotten() {
        return FORGOTTEN.equals(hash);
    }

    /** The line read back, or null for one a killed process left cut short. */
    static HashLine parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length == 3 && !f[2].isEmpty()) {
            return new HashLine(f[0], f[1], f[2], null, null, null);
        }
        if (f.length == 6 && !f[2].isEmpty()) {
            try {
                return new HashLine(f[0], f[1], f[2], f[3], f[4], LocalDate.parse(f[5]));
            } catch (java.time.format.DateTimeParseException torn) {
                return null;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        String entity = blueprint + "\t" + identifier + "\t" + hash;
        return day == null || kind == null || scope == null ? entity : entity + "\t" + kind + "\t" + scope + "\t" + day;
    }
}
