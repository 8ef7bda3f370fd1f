/**
 * The access manifest beside a handler ({@code echo.tcp.7000.port.json}): {@link
 * dev.porthoster.core.manifest.ManifestParser} reads it, strictly and with bounds, into a {@link
 * dev.porthoster.core.manifest.Manifest}; a manifest that cannot be used is a {@link
 * dev.porthoster.core.manifest.ManifestException} naming file, line and key; {@link dev.porthoster.core.manifest.Cidr}
 * is one address block of an allow or deny list.
 */
package dev.porthoster.core.manifest;
