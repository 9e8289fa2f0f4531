package io.copilotportsync.config;

import java.text.ParseException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Settings that read well but cannot work as meant: refused at start-up with one line, before anything connects, or,
 * where the run can still do something useful, one warning line each.
 */
public final class StartupChecks {
    /** The first days GitHub's usage reports exist for: earlier days are never asked for. */
    public static final LocalDate ORGANIZATION_REPORTS_SINCE = LocalDate.of(2025, 12, 12);
    public static final LocalDate ENTERPRISE_REPORTS_SINCE = LocalDate.of(2025, 10, 10);

    private static final String[] TIME_FIELDS = {"second", "minute", "hour"};
    private static final int[] TIME_FIELD_MAX = {59, 59, 23};
    private static final String CRON_FIELDS = "fields: second minute hour day-of-month month day-of-week [year]";

    private StartupChecks() {
    }

    /**
     * Quartz 2.5 accepts a single out-of-range minute ({@code 0 99 3 * * ?} fires at 03:00), and a schedule that
     * matches no date ({@code 0 0 0 30 2 ?}) only fails when the trigger is created, as a stack trace.
     */
    static void cron(String name, String value, Date now) {
        String[] fields = value.trim().split("\\s+");
        for (int f = 0; f < TIME_FIELDS.length && f < fields.length; f++) {
            for (String part : fields[f].split(",")) {
                for (String bound : part.split("/")[0].split("-")) {
                    if (bound.matches("\\d+") && (bound.length() > 2 || Integer.parseInt(bound) > TIME_FIELD_MAX[f])) {
                        throw new ConfigurationException(name + " '" + value + "' has " + TIME_FIELDS[f] + " " + bound + ": "
                                + TIME_FIELDS[f] + "s are 0-" + TIME_FIELD_MAX[f] + " (" + CRON_FIELDS + "); example: '"
                                + SyncSettings.DEFAULT_CRON + "'");
                    }
                }
            }
        }
        try {
            CronExpression cron = new CronExpression(value);
            // the schedule's trigger runs in UTC (routes/schedule.camel.yaml)
            cron.setTimeZone(TimeZone.getTimeZone("UTC"));
            if (cron.getNextValidTimeAfter(now) == null) {
                throw new ConfigurationException(name + " '" + value + "' never fires: no time from now on (UTC) matches it,"
                        + " as with a day the month does not have or a year gone by; example: '" + SyncSettings.DEFAULT_CRON + "'");
            }
        } catch (ParseException e) {
            throw new ConfigurationException(name + " is not a Quartz cron expression ('" + value + "'): " + e.getMessage());
        }
    }

    /** @param raw the variable as set, @param logins what it names once trimmed */
    static void organizations(String name, String raw, List<String> logins) {
        if (raw != null && !raw.isBlank() && logins.isEmpty()) {
            throw new ConfigurationException(name + " '" + raw.trim() + "' names no organization: list logins separated"
                    + " by commas, or leave " + name + " unset to sync every organization the token can see");
        }
        Set<String> seen = new HashSet<>();
        for (String login : logins) {
            // GitHub logins ignore case: Octo and octo are one organization
            if (!seen.add(login.toLowerCase(Locale.ROOT))) {
                throw new ConfigurationException(name + " names '" + login + "' twice ('" + raw.trim() + "'): name each"
                        + " organization once, or every job of it runs twice and its counts double");
            }
        }
    }

    static void logLevel(String name, String value, Set<String> known) {
        if (value != null && !value.isBlank() && !known.contains(value.trim().toUpperCase(Locale.ROOT))) {
            throw new ConfigurationException(name + " must be one of ERROR, WARN, INFO, DEBUG or TRACE, got '" + value.trim() + "'");
        }
    }

    /** What the run will do differently from what the window says, one line each; {@code today} is UTC's. */
    public static List<String> warnings(SyncSettings settings, LocalDate today) {
        List<String> warnings = new ArrayList<>();
        LocalDate end = settings.endDay();
        if (end != null && !end.isBefore(today)) {
            warnings.add("SYNC_END_DAY " + end + " is not over yet (today is " + today + ", UTC): GitHub has a day's report"
                    + " only after the day, so the days from " + today + " on come back without data; leave SYNC_END_DAY"
                    + " unset to read up to yesterday");
        }
        LocalDate start = settings.startDay();
        boolean enterprise = !settings.githubEnterprise().isEmpty();
        if (start != null && (start.isBefore(ORGANIZATION_REPORTS_SINCE) || enterprise && start.isBefore(ENTERPRISE_REPORTS_SINCE))) {
            LocalDate first = enterprise ? ENTERPRISE_REPORTS_SINCE : ORGANIZATION_REPORTS_SINCE;
            boolean nothing = end != null && end.isBefore(first);
            warnings.add("SYNC_START_DAY " + start + " is before GitHub's first usage report day (organizations "
                    + ORGANIZATION_REPORTS_SINCE + (enterprise ? ", enterprise " + ENTERPRISE_REPORTS_SINCE : "") + "): "
                    + (nothing ? "the whole window ends before it (SYNC_END_DAY " + end + "), so no usage report is read"
                    : "the days before it are not asked for"));
        }
        return warnings;
    }
}
