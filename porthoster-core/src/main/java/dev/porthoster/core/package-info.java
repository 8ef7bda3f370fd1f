/**
 * Embedding Porthoster: {@link dev.porthoster.core.Broker} serves a content root; {@link dev.porthoster.core.Plan}
 * is what a scan of that root decided, entry by entry, with the reason for every refusal; {@link
 * dev.porthoster.core.FileName} is the filename grammar.
 */
package dev.porthoster.core;
