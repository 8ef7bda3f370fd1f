/** The {@code porthoster} command line. {@link dev.porthoster.server.Main} is the entry point. */
package dev.porthoster.server;
