package dev.porthoster.core.internal;

import dev.porthoster.core.plan.Plan;

/**
 * A Java handler the application registered with the broker builder, served as if its file were in the content root.
 *
 * @param entry   its entry point: the spec, a {@code java:NAME.PROTO.PORT} pseudo file, the rules it is screened by
 * @param handler the {@link dev.porthoster.api.TcpHandler} or {@link dev.porthoster.api.UdpHandler}
 */
public record JavaEntry(Plan.EntryPoint entry, Object handler) { }
