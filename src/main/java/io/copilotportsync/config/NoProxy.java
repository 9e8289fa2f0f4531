package io.copilotportsync.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The hosts of {@code NO_PROXY} that are reached directly, with curl's rules: {@code *} alone means every host; a
 * name matches itself and its subdomains ({@code example.com}, {@code .example.com} and {@code *.example.com} all
 * match {@code api.example.com}); an IP address matches itself, {@code 10.0.0.0/8} a range. Loopback is not exempt
 * unless listed, as in curl.
 */
public record NoProxy(List<String> entries) {
    public static final NoProxy NONE = new NoProxy(List.of());

    static NoProxy parse(String variable, String value) {
        List<String> entries = Arrays.stream(value.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .map(NoProxy::withoutWildcard)
                .toList();
        for (String e : entries) {
            boolean valid = e.equals("*") || e.matches("[a-z0-9._-]+") || e.matches("[0-9a-f:.]+(/\\d{1,3})?") && isAddressOrRange(e);
            if (!valid) {
                throw new ConfigurationException(variable + " holds '" + e + "', which is not a host name, .domain, IP address or"
                        + " address/bits range" + (e.matches(".*:\\d+") ? " (ports are not supported: list the host alone)" : ""));
            }
        }
        return new NoProxy(entries);
    }

    private static String withoutWildcard(String entry) {
        String e = entry.startsWith("*.") ? entry.substring(2) : entry.startsWith(".") ? entry.substring(1) : entry;
        e = e.startsWith("[") && e.endsWith("]") ? e.substring(1, e.length() - 1) : e;
        return e.endsWith(".") ? e.substring(0, e.length() - 1) : e;
    }

    /** True when calls to this host go direct. */
    public boolean bypasses(String host) {
        if (host == null) {
            return false;
        }
        String h = withoutWildcard(host.toLowerCase(Locale.ROOT));
        boolean address = isAddressOrRange(h);
        for (String e : entries) {
            if (e.equals("*") || e.equals(h)) {
                return true;
            }
            if (address ? e.contains("/") && inRange(h, e) : !isAddressOrRange(e) && h.endsWith("." + e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAddressOrRange(String s) {
        String address = s.contains("/") ? s.substring(0, s.indexOf('/')) : s;
        return (address.contains(":") || isDottedQuad(address)) && literal(address) != null;
    }

    private static boolean isDottedQuad(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") && Arrays.stream(s.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
    }

    /** An IP literal's bytes; null for anything else, and never a DNS lookup. */
    private static byte[] literal(String address) {
        if (!address.contains(":") && !isDottedQuad(address) || !address.matches("[0-9a-f:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean inRange(String host, String range) {
        byte[] h = literal(host);
        byte[] r = literal(range.substring(0, range.indexOf('/')));
        int bits = Integer.parseInt(range.substring(range.indexOf('/') + 1));
        if (h == null || r == null || h.length != r.length || bits > h.length * 8) {
            return false;
        }
        int shift = h.length * 8 - bits;
        return new BigInteger(1, h).shiftRight(shift).equals(new BigInteger(1, r).shiftRight(shift));
    }
}
