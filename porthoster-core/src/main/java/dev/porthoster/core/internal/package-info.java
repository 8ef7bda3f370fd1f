/** Broker implementation: provider selection, the in-memory shared store, per-port runtime. Not API. */
package dev.porthoster.core.internal;
