/**
 * The broker's screen for sockets the caller brings: {@link dev.porthoster.core.screen.ScreenedPort} puts one handler
 * instance behind exactly the screening, log bounds and restart backoff the broker applies to a served port, without
 * binding anything. The testkit drives its fake connections and datagrams through it; a host with its own transport
 * could too.
 */
package dev.porthoster.core.screen;
