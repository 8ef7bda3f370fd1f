/**
 * The script host every engine builds on. {@link dev.porthoster.js.ModuleRules} is the one place that decides which
 * file a handler's {@code import} may read (real paths inside the content root, never a {@code _} or {@code .}
 * component, regular files only, bounded in size and read time) and what the {@code node:} built-ins are; each
 * engine only adapts it to its own module loader.
 */
package dev.porthoster.js;
