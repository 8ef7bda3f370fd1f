/**
 * What a content root asks for: {@link dev.porthoster.core.plan.FileName} is the filename grammar,
 * {@link dev.porthoster.core.plan.Plan} what a scan of the root decided, entry by entry, with every refusal and its
 * reason, and {@link dev.porthoster.core.plan.ReservedPorts} the ports no handler may claim.
 */
package dev.porthoster.core.plan;
