/**
 * Service provider interfaces: what a script engine ({@link dev.porthoster.api.spi.ScriptEngineProvider}) or a
 * network transport ({@link dev.porthoster.api.spi.TransportProvider}) implements to plug into the broker.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader} by {@code dev.porthoster.core} only. A provider module
 * declares {@code provides} in its module descriptor and ships a {@code META-INF/services} entry so that it works on
 * the class path too. Every callback into a handler instance happens on the {@link EventLoop} that instance is pinned to.
 */
package dev.porthoster.api.spi;
