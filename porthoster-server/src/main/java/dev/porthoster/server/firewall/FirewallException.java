package dev.porthoster.server.firewall;

/** The firewall could not be set up or changed; the message says why and what to do. */
public final class FirewallException extends Exception {
    private static final long serialVersionUID = 1L;

    public FirewallException(String message) {
        super(message);
    }
}
