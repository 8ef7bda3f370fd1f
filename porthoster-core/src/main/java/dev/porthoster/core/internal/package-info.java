/**
 * Broker implementation, not API: provider selection, the in-memory shared store, the content watcher, the memory
 * guard, handler logs and restart backoff. The per-port runtime is in {@code dev.porthoster.core.internal.runtime}.
 */
package dev.porthoster.core.internal;
