/**
 * The port runtime, not API: one served port ({@code PortRuntime}) with the screen in front of its handler (allow and
 * deny lists, connection caps, token buckets, the UDP fair share), idle timers, the refusal log, the output budget and
 * the peers {@code ctx.reply} may answer. Embedders reach it through {@code Broker} and
 * {@code dev.porthoster.core.screen.ScreenedPort} only.
 */
package dev.porthoster.core.internal.runtime;
