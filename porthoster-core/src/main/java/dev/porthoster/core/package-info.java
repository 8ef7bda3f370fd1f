/**
 * Embedding Porthoster: {@link dev.porthoster.core.Broker} serves a content root and reports each file's
 * {@link dev.porthoster.core.HandlerStatus}; {@link dev.porthoster.core.HandlerCheck} loads handlers without serving
 * them; {@link dev.porthoster.core.Engines} and {@link dev.porthoster.core.SharedStores} find engines and make stores.
 * The filename grammar and the scan are in {@code dev.porthoster.core.plan}, the access manifest in
 * {@code dev.porthoster.core.manifest}.
 */
package dev.porthoster.core;
