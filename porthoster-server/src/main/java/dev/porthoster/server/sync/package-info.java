/**
 * Deploy over SSH: {@code porthoster sync} (the client), {@code porthoster receive} (the server side, run over the
 * SSH session's stdin and stdout), {@code porthoster status}, the deploy folder with its atomic swap, and the local
 * channel through which {@code receive} and {@code status} reach the broker serving that folder. See docs/deploy.md.
 */
package dev.porthoster.server.sync;
