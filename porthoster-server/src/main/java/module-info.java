/**
 * The {@code porthoster} command: {@code serve}, {@code dev} and {@code check} over a content root. Its main class is
 * {@code dev.porthoster.server.Main}.
 */
module dev.porthoster.server {
    requires dev.porthoster.core;
    requires java.logging;
    requires java.management;
    requires jdk.management;
    requires jdk.unsupported;
    requires tools.jackson.databind;

    exports dev.porthoster.server;
}
