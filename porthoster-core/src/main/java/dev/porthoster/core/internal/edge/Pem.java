package dev.porthoster.core.internal.edge;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files as OpenSSL writes them: certificates, and unencrypted private keys in PKCS#8 ({@code PRIVATE KEY}) or the
 * traditional forms ({@code RSA PRIVATE KEY}, PKCS#1; {@code EC PRIVATE KEY}, SEC1), which are rewrapped as PKCS#8 so
 * the JDK reads them. Failures are {@link Bad} with a sentence meant for the user.
 */
final class Pem {

    /** A file that is not what it should be; the message says what it is instead. */
    static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]{1,40})-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final byte[] RSA_ALGORITHM = der(0x30, cat(der(0x06, hex("2a864886f70d010101")), der(0x05, new byte[0])));
    private static final byte[] EC_PUBLIC_KEY_OID = der(0x06, hex("2a8648ce3d0201"));

    private Pem() {
    }

    private record Block(String label, String headers, byte[] der) { }

    private static List<Block> blocks(byte[] file) throws Bad {
        String text = new String(file, StandardCharsets.US_ASCII).replace("\r", "");
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            String headers = "";
            int blank = body.indexOf("\n\n");
            if (body.contains(":") && blank > 0) { // RFC 1421 headers, as on an encrypted traditional key
                headers = body.substring(0, blank);
                body = body.substring(blank + 2);
            }
            try {
                out.add(new Block(m.group(1), headers, Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new Bad("its " + m.group(1) + " block is not valid base64");
            }
        }
        return out;
    }

    /** Every certificate in the file, in order; at least one and at most {@code max}. */
    static List<X509Certificate> certificates(byte[] file, int max) throws Bad {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        for (Block b : blocks(file)) {
            if (!b.label().equals("CERTIFICATE") && !b.label().equals("TRUSTED CERTIFICATE")) {
                if (b.label().contains("PRIVATE KEY")) {
                    throw new Bad("it holds a private key; the certificate file must hold certificates only (put the "
                            + "key in the file tls.key names)");
                }
                continue;
            }
            if (out.size() == max) {
                throw new Bad("it holds more than " + max + " certificates");
            }
            try {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            } catch (CertificateException | ClassCastException e) {
                throw new Bad("certificate " + (out.size() + 1) + " in it cannot be read: " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new Bad("it holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    /** The one private key in the file. */
    static PrivateKey privateKey(byte[] file) throws Bad {
        List<Block> all = blocks(file);
        Optional<byte[]> curve = all.stream().filter(b -> b.label().equals("EC PARAMETERS")).map(Block::der).findFirst();
        List<Block> keys = all.stream().filter(b -> b.label().endsWith("PRIVATE KEY")).toList();
        if (keys.isEmpty()) {
            throw new Bad("it holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        if (keys.size() > 1) {
            throw new Bad("it holds " + keys.size() + " private keys; keep only the one that matches the certificate");
        }
        Block key = keys.get(0);
        if (key.label().equals("ENCRYPTED PRIVATE KEY") || key.headers().contains("ENCRYPTED")) {
            throw new Bad("the key is encrypted with a passphrase, which the broker cannot type; write it unencrypted "
                    + "(openssl pkey -in KEY -out KEY.plain) and keep the file readable by the broker only");
        }
        byte[] pkcs8 = switch (key.label()) {
            case "PRIVATE KEY" -> key.der();
            case "RSA PRIVATE KEY" -> der(0x30, cat(der(0x02, new byte[] {0}), RSA_ALGORITHM, der(0x04, key.der())));
            case "EC PRIVATE KEY" -> der(0x30, cat(der(0x02, new byte[] {0}),
                    der(0x30, cat(EC_PUBLIC_KEY_OID, curveOf(key.der(), curve))), der(0x04, key.der())));
            default -> throw new Bad("its key is a " + key.label() + ", not an RSA, EC or Ed25519 key");
        };
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // not this algorithm; try the next
            }
        }
        throw new Bad("its private key cannot be read as an RSA, EC or Ed25519 key");
    }

    /**
     * The curve OID of a SEC1 key: its {@code [0]} parameters, else an {@code EC PARAMETERS} block beside it (as
     * {@code openssl ecparam -genkey} writes).
     */
    private static byte[] curveOf(byte[] sec1, Optional<byte[]> parametersBlock) throws Bad {
        Der outer = new Der(sec1, 0, sec1.length);
        Der seq = outer.next();
        if (seq == null || seq.tag != 0x30) {
            throw new Bad("its EC PRIVATE KEY is not a SEC1 structure");
        }
        Der inner = seq.children();
        for (Der child = inner.next(); child != null; child = inner.next()) {
            if (child.tag == 0xA0) {
                Der oid = child.children().next();
                if (oid != null && oid.tag == 0x06) {
                    return oid.encoded();
                }
            }
        }
        if (parametersBlock.isPresent() && parametersBlock.get().length > 2 && parametersBlock.get()[0] == 0x06) {
            return parametersBlock.get();
        }
        throw new Bad("its EC PRIVATE KEY does not name its curve");
    }

    /** A minimal DER reader: one element at a time within [start, end). */
    private static final class Der {
        final byte[] buf;
        int pos;
        final int end;
        int tag;
        int start;
        int contentStart;
        int contentEnd;

        Der(byte[] buf, int start, int end) {
            this.buf = buf;
            this.pos = start;
            this.end = end;
        }

        Der next() throws Bad {
            if (pos >= end) {
                return null;
            }
            if (end - pos < 2) {
                throw new Bad("its key is cut short");
            }
            Der e = new Der(buf, pos, end);
            e.start = pos;
            e.tag = buf[pos++] & 0xff;
            int len = buf[pos++] & 0xff;
            if (len > 0x80) {
                int n = len & 0x7f;
                if (n > 3 || pos + n > end) {
                    throw new Bad("its key has an impossible length");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (buf[pos++] & 0xff);
                }
            } else if (len == 0x80) {
                throw new Bad("its key uses an indefinite length");
            }
            if (pos + len > end) {
                throw new Bad("its key is cut short");
            }
            e.contentStart = pos;
            e.contentEnd = pos + len;
            pos += len;
            return e;
        }

        Der children() {
            return new Der(buf, contentStart, contentEnd);
        }

        byte[] encoded() {
            return java.util.Arrays.copyOfRange(buf, start, contentEnd);
        }
    }

    static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
