/**
 * For engine authors: the bridge a script engine implements so that {@link dev.porthoster.js.ScriptHandlerInstance}
 * can run handlers on it. The lifecycle (bookkeeping, host operations, {@code conn}, open/close, the watchdog,
 * restarts) is written once in {@code dev.porthoster.js}; an engine supplies only a {@link
 * dev.porthoster.js.spi.ScriptContext} per handler boot: evaluate the prelude and the entry module, call a function,
 * make functions and objects from Java operations, move bytes in and out, stop a running callback, close.
 * Interfaces only.
 */
package dev.porthoster.js.spi;
