package dev.porthoster.core.manifest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An address block such as {@code 203.0.113.0/24} or {@code 2001:db8::/32}. An IPv4 block also matches the
 * IPv4-mapped IPv6 form of its addresses ({@code ::ffff:203.0.113.7}), so a rule reads the same whichever way the
 * socket reports the peer.
 *
 * @param network the network address, host bits zero
 * @param prefix  the prefix length
 */
public record Cidr(InetAddress network, int prefix) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " is out of range 0–" + bits);
        }
    }

    /**
     * Parses {@code a.b.c.d/n}, {@code x:y::z/n}, or a bare address (a /32 or /128). Host bits must be zero.
     *
     * @return the block, or empty with no exception when {@code text} is not one; see {@link #problem(String)}
     */
    public static Optional<Cidr> parse(String text) {
        return problem(text).isPresent() ? Optional.empty() : Optional.of(parseValid(text));
    }

    /** Why {@code text} is not a CIDR block, or empty when it is one. */
    public static Optional<String> problem(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        if (addr.isEmpty() || !addr.matches("[0-9A-Fa-f:.]+") || (!addr.contains(":") && !addr.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return Optional.of("'" + text + "' is not an IPv4 or IPv6 address block such as 203.0.113.0/24 or 2001:db8::/32");
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(addr);
        } catch (UnknownHostException e) {
            return Optional.of("'" + text + "' is not an IPv4 or IPv6 address");
        }
        int bits = (addr.contains(":") ? 16 : 4) * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
                return Optional.of("'" + text + "' has prefix '/" + p + "'; expected /0 to /" + bits);
            }
            prefix = Integer.parseInt(p);
        }
        byte[] raw = bytes(a, addr.contains(":"));
        byte[] masked = mask(raw, prefix);
        if (!Arrays.equals(raw, masked)) {
            return Optional.of("'" + text + "' has host bits set after /" + prefix + "; did you mean "
                    + text(masked) + "/" + prefix + "?");
        }
        return Optional.empty();
    }

    private static Cidr parseValid(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        try {
            byte[] raw = bytes(InetAddress.getByName(addr), addr.contains(":"));
            int prefix = slash < 0 ? raw.length * 8 : Integer.parseInt(text.substring(slash + 1));
            // Inet6Address.getByAddress keeps ::ffff:a.b.c.d as IPv6; InetAddress.getByAddress would not.
            return new Cidr(raw.length == 16 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw), prefix);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** The address's bytes in the family it was written in (Java turns ::ffff:a.b.c.d into IPv4; keep it 16 bytes). */
    private static byte[] bytes(InetAddress a, boolean writtenAsV6) {
        byte[] raw = a.getAddress();
        if (writtenAsV6 && raw.length == 4) {
            byte[] v6 = new byte[16];
            v6[10] = (byte) 0xff;
            v6[11] = (byte) 0xff;
            System.arraycopy(raw, 0, v6, 12, 4);
            return v6;
        }
        return raw;
    }

    private static byte[] mask(byte[] raw, int prefix) {
        byte[] out = raw.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    private static String text(byte[] raw) {
        try {
            return dev.porthoster.api.spi.Addresses.text(raw.length == 16
                    ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code address} is inside this block (IPv4-mapped IPv6 addresses count as their IPv4 address). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            if (n.length == 4 && a.length == 16 && isV4Mapped(a)) {
                a = Arrays.copyOfRange(a, 12, 16);
            } else if (n.length == 16 && a.length == 4 && isV4Mapped(n)) {
                n = Arrays.copyOfRange(n, 12, 16);
                return prefix >= 96 && matches(a, n, prefix - 96);
            } else {
                return false;
            }
        }
        return matches(a, n, prefix);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static boolean matches(byte[] a, byte[] n, int prefix) {
        for (int i = 0; i < a.length && prefix > 0; i++, prefix -= 8) {
            int m = prefix >= 8 ? 0xff : (0xff << (8 - prefix)) & 0xff;
            if ((a[i] & m) != (n[i] & m)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return dev.porthoster.api.spi.Addresses.text(network) + "/" + prefix;
    }

}
