/**
 * The script host every engine builds on, for engine authors. {@link dev.porthoster.js.Prelude} is the JavaScript
 * runtime every engine evaluates before a handler; {@link dev.porthoster.js.StoreCalls} maps its store calls onto the
 * shared store; {@link dev.porthoster.js.ScriptErrors} turns a failure that began in Java into the JavaScript error a
 * handler sees. {@link dev.porthoster.js.ModuleRules} is the one place that decides which file a handler's
 * {@code import} may read (real paths inside the content root, never a {@code _} or {@code .} component, regular
 * files only, bounded in size and read time) and what the {@code node:} built-ins are; each engine only adapts it to
 * its own module loader.
 */
package dev.porthoster.js;
