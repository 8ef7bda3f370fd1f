/** The Netty transport provider. Everything else of this module is internal. */
package dev.porthoster.netty;
