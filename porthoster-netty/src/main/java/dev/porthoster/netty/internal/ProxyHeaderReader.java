package dev.porthoster.netty.internal;

import dev.porthoster.api.spi.EdgeRefusal;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.ProtocolDetectionResult;
import io.netty.handler.codec.ProtocolDetectionState;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import java.util.List;

/**
 * The first handler of a connection from a trusted load balancer: waits for the 12 bytes that tell a PROXY header
 * (v1 {@code PROXY ...} or the v2 signature) from anything else, then either hands them to Netty's
 * {@link HAProxyMessageDecoder} (which reads the header, at most {@link #MAX_V2_HEADER} bytes for v2 and 108 for v1,
 * and passes what follows it on) or refuses the connection as {@link EdgeRefusal#PROXY_MISSING}. Either way it leaves
 * the pipeline; the time limit is the connection's.
 */
final class ProxyHeaderReader extends ByteToMessageDecoder {

    /** TLVs a v2 header may carry, beyond its addresses: enough for an LB's ids and ALPN/SNI/SSL notes. */
    static final int MAX_TLV_BYTES = 3_840;
    /** The longest v2 header read: 16 fixed bytes, 216 of addresses, the TLVs. */
    static final int MAX_V2_HEADER = 16 + 216 + MAX_TLV_BYTES;

    private final ConnectionEdge edge;

    ProxyHeaderReader(ConnectionEdge edge) {
        this.edge = edge;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ProtocolDetectionResult<HAProxyProtocolVersion> found = HAProxyMessageDecoder.detectProtocol(in);
        if (found.state() == ProtocolDetectionState.NEEDS_MORE_DATA) {
            return;
        }
        if (found.state() == ProtocolDetectionState.INVALID) {
            in.skipBytes(in.readableBytes());
            ctx.pipeline().remove(this);
            edge.refuse(ctx, EdgeRefusal.PROXY_MISSING, "its first bytes are not a PROXY v1 or v2 header");
            return;
        }
        ctx.pipeline().addAfter(ctx.name(), "proxy-decoder", new HAProxyMessageDecoder(MAX_TLV_BYTES));
        ctx.pipeline().remove(this); // what was read so far goes on to the decoder
    }
}
