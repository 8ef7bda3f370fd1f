/**
 * The {@code porthoster} command: {@code serve}, {@code dev} and {@code check} over a content root, and {@code sync},
 * {@code receive} and {@code status} to deploy over SSH. Its main class is {@code dev.porthoster.server.Main}.
 */
module dev.porthoster.server {
    requires dev.porthoster.core;
    requires java.logging;
    requires java.management;
    requires jdk.management;
    // The broker's local channel: SO_PEERCRED, and this process's user ID.
    requires jdk.net;
    requires jdk.security.auth;
    requires jdk.unsupported;
    requires tools.jackson.databind;

    exports dev.porthoster.server;
}
