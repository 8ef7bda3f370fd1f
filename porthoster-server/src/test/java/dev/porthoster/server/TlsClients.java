package dev.porthoster.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** TLS clients for tests: the JDK's {@link SSLSocket}, and the real {@code openssl s_client}. */
final class TlsClients {

    private TlsClients() {
    }

    /** What {@code openssl s_client} printed on stdout and whether it exited 0. */
    record SClient(String out, int exit) { }

    /**
     * Runs {@code openssl s_client -quiet} against {@code 127.0.0.1:port} with {@code extra} options, sends
     * {@code input}, and returns its output once the server has closed (or after 30 s).
     */
    static SClient sClient(int port, String input, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-quiet"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new SClient(out, p.exitValue());
    }

    /** Certificates from a PEM file. */
    static List<X509Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pem)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
        }
        return out;
    }

    /** A PKCS#8 PEM key ({@code -----BEGIN PRIVATE KEY-----}, as OpenSSL 3 writes), EC or RSA. */
    static PrivateKey key(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem);
        String b64 = text.substring(text.indexOf("-----BEGIN PRIVATE KEY-----") + 27, text.indexOf("-----END PRIVATE KEY-----"));
        byte[] der = Base64.getMimeDecoder().decode(b64);
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }

    /**
     * A JDK client trusting {@code trusted}'s certificates, presenting {@code clientCert}/{@code clientKey} when given,
     * connected from {@code source} to 127.0.0.1:{@code port} with SNI {@code serverName} and ALPN {@code alpn}
     * (none when empty). The handshake has not run yet.
     */
    static SSLSocket connect(int port, String source, Path trusted, Path clientCert, Path clientKey, String serverName,
                             List<String> alpn) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (X509Certificate c : certificates(trusted)) {
            trust.setCertificateEntry("t" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientCert != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("me", key(clientKey), new char[0], certificates(clientCert).toArray(Certificate[]::new));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        s.setSoTimeout(10_000);
        SSLParameters params = s.getSSLParameters();
        if (serverName != null) {
            params.setServerNames(List.of(new SNIHostName(serverName)));
        }
        if (!alpn.isEmpty()) {
            params.setApplicationProtocols(alpn.toArray(String[]::new));
        }
        s.setSSLParameters(params);
        return s;
    }

    /** One line from the socket. */
    static String readLine(SSLSocket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }
}
