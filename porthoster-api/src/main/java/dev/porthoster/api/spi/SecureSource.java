package dev.porthoster.api.spi;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The JVM's one strong random source behind {@link HandlerHost#randomBytes(byte[])}: DRBG (NIST SP 800-90A, thread
 * safe, seeded and reseeded from the operating system), else the platform default. Made once: seeding costs, drawing
 * does not.
 */
final class SecureSource {

    static final SecureRandom INSTANCE = make();

    private SecureSource() {
    }

    private static SecureRandom make() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
