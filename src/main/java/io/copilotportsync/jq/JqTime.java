package io.copilotportsync.jq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * jq's time functions over "broken down time" arrays {@code [year, month0, mday, hours, minutes, seconds, wday, yday]},
 * always in UTC: gmtime, mktime, strftime and strptime with the C conversions mappings use.
 */
public final class JqTime {
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december"};
    private static final String[] DAYS = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

    private JqTime() {
    }

    public static ArrayNode gmtime(double epochSeconds) {
        double whole = Math.floor(epochSeconds);
        LocalDateTime t = LocalDateTime.ofEpochSecond((long) whole, 0, ZoneOffset.UTC);
        double seconds = t.getSecond() + (epochSeconds - whole);
        return brokenDown(t, seconds);
    }

    private static ArrayNode brokenDown(LocalDateTime t, double seconds) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        a.add(t.getYear()).add(t.getMonthValue() - 1).add(t.getDayOfMonth()).add(t.getHour()).add(t.getMinute());
        a.add(seconds == Math.rint(seconds) ? LongNode.valueOf((long) seconds) : DoubleNode.valueOf(seconds));
        a.add(t.getDayOfWeek().getValue() % 7).add(t.getDayOfYear() - 1);
        return a;
    }

    /** Broken-down time to epoch seconds (timegm: UTC, fractional seconds dropped). */
    public static long mktime(JsonNode tm) {
        if (!tm.isArray() || tm.size() < 6) {
            throw new IllegalArgumentException("mktime requires array of 6 numbers");
        }
        for (int i = 0; i < 6; i++) {
            if (!tm.get(i).isNumber()) {
                throw new IllegalArgumentException("mktime requires parsed datetime inputs");
            }
        }
        LocalDateTime t = LocalDateTime.of((int) tm.get(0).asDouble(), 1, 1, 0, 0, 0)
                .plusMonths((long) tm.get(1).asDouble()).plusDays((long) tm.get(2).asDouble() - 1)
                .plusHours((long) tm.get(3).asDouble()).plusMinutes((long) tm.get(4).asDouble())
                .plusSeconds((long) Math.floor(tm.get(5).asDouble()));
        return t.toEpochSecond(ZoneOffset.UTC);
    }

    /** strftime over epoch seconds or a broken-down time. */
    public static String strftime(JsonNode input, String format) {
        JsonNode tm = input.isNumber() ? gmtime(input.asDouble()) : input;
        if (!tm.isArray() || tm.size() < 6) {
            throw new IllegalArgumentException("strftime/1 requires parsed datetime inputs");
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(mktime(tm), 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                out.append(c);
                continue;
            }
            char f = format.charAt(++i);
            switch (f) {
                case 'Y' -> out.append(t.getYear());
                case 'C' -> out.append(two(t.getYear() / 100));
                case 'y' -> out.append(two(t.getYear() % 100));
                case 'm' -> out.append(two(t.getMonthValue()));
                case 'd' -> out.append(two(t.getDayOfMonth()));
                case 'e' -> out.append(t.getDayOfMonth() < 10 ? " " + t.getDayOfMonth() : Integer.toString(t.getDayOfMonth()));
                case 'H' -> out.append(two(t.getHour()));
                case 'I' -> out.append(two(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12));
                case 'M' -> out.append(two(t.getMinute()));
                case 'S' -> out.append(two(t.getSecond()));
                case 'j' -> out.append(String.format("%03d", t.getDayOfYear()));
                case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'b', 'h' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
                case 'u' -> out.append(t.getDayOfWeek().getValue());
                case 'w' -> out.append(t.getDayOfWeek().getValue() % 7);
                case 'Z' -> out.append("UTC");
                case 'z' -> out.append("+0000");
                case 's' -> out.append(mktime(tm));
                case 'T' -> out.append(two(t.getHour())).append(':').append(two(t.getMinute())).append(':').append(two(t.getSecond()));
                case 'D' -> out.append(two(t.getMonthValue())).append('/').append(two(t.getDayOfMonth())).append('/').append(two(t.getYear() % 100));
                case 'F' -> out.append(t.getYear()).append('-').append(two(t.getMonthValue())).append('-').append(two(t.getDayOfMonth()));
                case 'R' -> out.append(two(t.getHour())).append(':').append(two(t.getMinute()));
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case '%' -> out.append('%');
                default -> out.append('%').append(f);
            }
        }
        return out.toString();
    }

    /** strptime: the parsed broken-down time, weekday and day of year computed; a mismatch is jq's error. */
    public static ArrayNode strptime(String input, String format) {
        Parser p = new Parser(input, format);
        if (!p.parse()) {
            throw new IllegalArgumentException("date \"" + input + "\" does not match format \"" + format + "\"");
        }
        LocalDateTime t = LocalDateTime.of(p.year, 1, 1, 0, 0).plusMonths(p.month).plusDays(p.yday >= 0 && p.mday < 0 ? p.yday : Math.max(p.mday, 1) - 1L)
                .plusHours(p.hour + (p.pm && p.hour < 12 ? 12 : 0) - (p.am && p.hour == 12 ? 12 : 0))
                .plusMinutes(p.minute).plusSeconds(p.second);
        return brokenDown(t, t.get(ChronoField.SECOND_OF_MINUTE));
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    /** A small C strptime: %Y %m %d %e %H %I %M %S %j %y %b %B %h %a %A %p %T %D %F %R %z %Z %n %t %%. */
    private static final class Parser {
        final String in;
        final String fmt;
        int pos;
        int year = 1900;
        int month;
        int mday = -1;
        int yday = -1;
        int hour;
        int minute;
        int second;
        boolean pm;
        boolean am;

        Parser(String in, String fmt) {
            this.in = in;
            this.fmt = fmt;
        }

        boolean parse() {
            return directives(fmt) && pos == in.length();
        }

        private boolean directives(String f) {
            for (int i = 0; i < f.length(); i++) {
                char c = f.charAt(i);
                if (Character.isWhitespace(c)) {
                    while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
                        pos++;
                    }
                    continue;
                }
                if (c != '%' || i + 1 >= f.length()) {
                    if (pos >= in.length() || in.charAt(pos) != c) {
                        return false;
                    }
                    pos++;
                    continue;
                }
                char d = f.charAt(++i);
                boolean ok = switch (d) {
                    case 'Y' -> (year = number(4, true)) != Integer.MIN_VALUE;
                    case 'm' -> (month = number(2, false) - 1) >= 0;
                    case 'd', 'e' -> { skipSpaces(); yield (mday = number(2, false)) > 0; }
                    case 'H' -> (hour = number(2, false)) >= 0;
                    case 'I' -> (hour = number(2, false)) >= 0;
                    case 'M' -> (minute = number(2, false)) >= 0;
                    case 'S' -> (second = number(2, false)) >= 0;
                    case 'j' -> (yday = number(3, false) - 1) >= 0;
                    case 'y' -> { int y = number(2, false); year = y < 69 ? 2000 + y : 1900 + y; yield y >= 0; }
                    case 'b', 'B', 'h' -> name(MONTHS, true);
                    case 'a', 'A' -> name(DAYS, false);
                    case 'p' -> ampm();
                    case 'T' -> directives("%H:%M:%S");
                    case 'D' -> directives("%m/%d/%y");
                    case 'F' -> directives("%Y-%m-%d");
                    case 'R' -> directives("%H:%M");
                    case 'z' -> zone();
                    case 'Z' -> { while (pos < in.length() && Character.isLetter(in.charAt(pos))) { pos++; } yield true; }
                    case 'n', 't' -> { skipSpaces(); yield true; }
                    case '%' -> pos < in.length() && in.charAt(pos++) == '%';
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        private void skipSpaces() {
            while (pos < in.length() && in.charAt(pos) == ' ') {
                pos++;
            }
        }

        private int number(int maxDigits, boolean signed) {
            int start = pos;
            boolean negative = false;
            if (signed && pos < in.length() && (in.charAt(pos) == '-' || in.charAt(pos) == '+')) {
                negative = in.charAt(pos) == '-';
                pos++;
            }
            int digitsStart = pos;
            while (pos < in.length() && pos - digitsStart < maxDigits && Character.isDigit(in.charAt(pos))) {
                pos++;
            }
            if (pos == digitsStart) {
                pos = start;
                return signed ? Integer.MIN_VALUE : -1;
            }
            int v = Integer.parseInt(in.substring(digitsStart, pos));
            return negative ? -v : v;
        }

        private boolean name(String[] names, boolean months) {
            String rest = in.substring(pos).toLowerCase(Locale.ROOT);
            for (int k = 0; k < names.length; k++) {
                for (String candidate : new String[] {names[k], names[k].substring(0, 3)}) {
                    if (rest.startsWith(candidate)) {
                        pos += candidate.length();
                        if (months) {
                            month = k;
                        }
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean ampm() {
            String rest = in.substring(pos).toUpperCase(Locale.ROOT);
            if (rest.startsWith("AM") || rest.startsWith("PM")) {
                pm = rest.startsWith("PM");
                am = !pm;
                pos += 2;
                return true;
            }
            return false;
        }

        private boolean zone() {
            if (pos < in.length() && in.charAt(pos) == 'Z') {
                pos++;
                return true;
            }
            if (pos < in.length() && (in.charAt(pos) == '+' || in.charAt(pos) == '-')) {
                pos++;
                int start = pos;
                while (pos < in.length() && (Character.isDigit(in.charAt(pos)) || in.charAt(pos) == ':') && pos - start < 5) {
                    pos++;
                }
                return pos - start >= 2;
            }
            return false;
        }
    }
}
