/** The Rhino script engine provider. */
package dev.porthoster.engine.rhino;
