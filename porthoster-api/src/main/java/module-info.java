/**
 * The Porthoster handler contract and service provider interfaces.
 *
 * <p>{@code dev.porthoster.api} holds the value types every module shares; {@code dev.porthoster.api.spi}
 * holds the interfaces a script engine or a transport implements. This module has no dependencies.
 */
module dev.porthoster.api {
    exports dev.porthoster.api;
    exports dev.porthoster.api.spi;
}
