/**
 * {@link dev.porthoster.testkit.HandlerTestKit} loads a handler file with a chosen engine and drives it through fake
 * connections ({@link dev.porthoster.testkit.TestConnection}) and datagrams on a {@link
 * dev.porthoster.testkit.ManualEventLoop} whose clock the test advances.
 */
package dev.porthoster.testkit;
