package dev.porthoster.core.internal.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP addresses written as text, parsed without ever asking a resolver: a host name is not an address and is refused,
 * never looked up ({@link InetAddress#getByName} would query DNS for it, on the calling thread).
 */
final class IpLiterals {

    private IpLiterals() {
    }

    /**
     * The address {@code text} spells: a dotted quad ({@code 192.0.2.1}, no leading zeros, as Node's
     * {@code net.isIPv4}) or an IPv6 address ({@code 2001:db8::1}, {@code ::ffff:192.0.2.1}); empty for anything else.
     * An IPv4-mapped IPv6 address comes back as the IPv4 address, as Java and Node's dual-stack sockets see it.
     */
    static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        byte[] bytes = text.indexOf(':') >= 0 ? v6(text) : v4(text);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            return Optional.empty(); // only thrown for a wrong length
        }
    }

    private static byte[] v4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = decimalOctet(parts[i]);
            if (v < 0) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static int decimalOctet(String s) {
        if (s.isEmpty() || s.length() > 3 || (s.length() > 1 && s.charAt(0) == '0')) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 255 ? v : -1;
    }

    private static byte[] v6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        // A dotted quad may end the address, never come before "::".
        int[] before = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        int[] after = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
        if (before == null || after == null) {
            return null;
        }
        int words = before.length + after.length;
        if (gap < 0 ? words != 8 : words > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(after, 0, all, 8 - after.length, after.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >>> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return out;
    }

    /** The 16-bit words of a colon-separated run ("" has none), a final dotted quad as two words; null if invalid. */
    private static int[] groups(String run, boolean quadAllowed) {
        if (run.isEmpty()) {
            return new int[0];
        }
        String[] parts = run.split(":", -1);
        int last = parts.length - 1;
        boolean quad = parts[last].indexOf('.') >= 0;
        if (quad && !quadAllowed) {
            return null;
        }
        int[] out = new int[parts.length + (quad ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            if (i == last && quad) {
                byte[] v4 = v4(parts[i]);
                if (v4 == null) {
                    return null;
                }
                out[i] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                out[i + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                continue;
            }
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = hexDigit(p.charAt(k));
                if (d < 0) {
                    return null;
                }
                v = (v << 4) | d;
            }
            out[i] = v;
        }
        return out;
    }

    /** ASCII only: {@link Character#digit} would also take other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
