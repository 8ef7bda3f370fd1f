/** Netty transport implementation: loops, listeners, connection adapters. Not API. */
package dev.porthoster.netty.internal;
