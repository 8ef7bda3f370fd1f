/**
 * Value types shared by every Porthoster module: the identity of an entry point ({@link dev.porthoster.api.PortSpec})
 * and its {@link dev.porthoster.api.Protocol}.
 */
package dev.porthoster.api;
