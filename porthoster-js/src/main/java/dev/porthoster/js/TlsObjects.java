package dev.porthoster.js;

import dev.porthoster.api.TlsSession;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * A {@link TlsSession} as the plain object the prelude's {@code conn} reads: Node's {@code tlsSocket} properties
 * ({@code alpnProtocol} and {@code servername} are {@code false} when absent, as in Node) and the subset of Node's
 * {@code getPeerCertificate()} documented in docs/handlers.md, in Node's spelling.
 */
final class TlsObjects {

    private static final DateTimeFormatter OPENSSL_TIME = DateTimeFormatter
            .ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Map<String, String> OID_NAMES = Map.of(
            "1.2.840.113549.1.9.1", "emailAddress", "2.5.4.5", "serialNumber", "2.5.4.42", "GN", "2.5.4.4", "SN",
            "2.5.4.12", "title", "2.5.4.46", "dnQualifier", "2.5.4.65", "pseudonym");

    private TlsObjects() {
    }

    static Map<String, Object> of(TlsSession s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("protocol", s.protocol());
        out.put("cipher", Map.of("name", s.cipherSuite(), "standardName", s.cipherSuite(), "version", s.protocol()));
        out.put("alpnProtocol", s.applicationProtocol().<Object>map(a -> a).orElse(false));
        out.put("servername", s.serverName().<Object>map(n -> n).orElse(false));
        out.put("authorized", s.authorized());
        out.put("peerCertificate", s.peerCertificates().isEmpty() ? Map.of() : certificate(s.peerCertificates().get(0)));
        return out;
    }

    static Map<String, Object> certificate(X509Certificate c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subject", names(c.getSubjectX500Principal()));
        out.put("issuer", names(c.getIssuerX500Principal()));
        String san = altNames(c);
        if (!san.isEmpty()) {
            out.put("subjectaltname", san);
        }
        out.put("ca", c.getBasicConstraints() >= 0);
        out.put("valid_from", OPENSSL_TIME.format(c.getNotBefore().toInstant()));
        out.put("valid_to", OPENSSL_TIME.format(c.getNotAfter().toInstant()));
        try {
            byte[] der = c.getEncoded();
            out.put("fingerprint", digest("SHA-1", der));
            out.put("fingerprint256", digest("SHA-256", der));
            out.put("fingerprint512", digest("SHA-512", der));
            out.put("raw", der);
        } catch (CertificateEncodingException e) {
            // left out: a certificate the JDK parsed always encodes
        }
        String serial = c.getSerialNumber().abs().toString(16).toUpperCase(Locale.ROOT);
        out.put("serialNumber", serial.length() % 2 == 1 ? "0" + serial : serial);
        return out;
    }

    /**
     * {@code [['C', 'DE'], ['O', 'Acme'], ['CN', 'x']]} in the certificate's order (a repeated attribute's value is an
     * array): pairs, because a map loses its order on the way to script; the prelude makes Node's object of them.
     */
    static List<List<Object>> names(X500Principal principal) {
        List<String[]> pairs = new ArrayList<>();
        String text = principal.getName(X500Principal.RFC2253, OID_NAMES);
        StringBuilder cur = new StringBuilder();
        String type = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (i + 2 < text.length() && isHex(next) && isHex(text.charAt(i + 2))) {
                    cur.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    cur.append(next);
                    i++;
                }
            } else if (ch == '=' && type == null) {
                type = cur.toString();
                cur.setLength(0);
            } else if ((ch == ',' || ch == '+') && type != null) {
                pairs.add(new String[] {type, cur.toString()});
                type = null;
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (type != null) {
            pairs.add(new String[] {type, cur.toString()});
        }
        java.util.Collections.reverse(pairs); // RFC 2253 writes the last RDN first
        Map<String, Object> byType = new LinkedHashMap<>();
        for (String[] p : pairs) {
            Object had = byType.get(p[0]);
            if (had == null) {
                byType.put(p[0], p[1]);
            } else if (had instanceof List<?> list) {
                List<Object> more = new ArrayList<>(list);
                more.add(p[1]);
                byType.put(p[0], more);
            } else {
                byType.put(p[0], List.of(had, p[1]));
            }
        }
        List<List<Object>> out = new ArrayList<>();
        byType.forEach((k, v) -> out.add(List.of(k, v)));
        return out;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String altNames(X509Certificate c) {
        Collection<List<?>> names;
        try {
            names = c.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return "";
        }
        if (names == null) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (List<?> n : names) {
            Object value = n.get(1);
            switch ((Integer) n.get(0)) {
                case 1 -> out.add("email:" + value);
                case 2 -> out.add("DNS:" + value);
                case 6 -> out.add("URI:" + value);
                case 7 -> out.add("IP Address:" + value);
                default -> { }
            }
        }
        return String.join(", ", out);
    }

    private static String digest(String algorithm, byte[] der) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
