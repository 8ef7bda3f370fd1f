package dev.porthoster.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelConfig;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Where UDP datagrams are read into: one buffer per event-loop thread, reused by every read of every UDP socket on
 * that loop, with room for {@link #SLOTS} datagrams of {@link UdpSocket#SLOT} bytes each, so that every datagram
 * arrives whole. With native epoll a read hands Netty the whole buffer and {@code recvmmsg} fills up to
 * {@link #SLOTS} datagrams in one call; with NIO, which reads one datagram per call and keeps them all until the read
 * ends, each call gets the next slot. Nothing is allocated per read: {@link UdpSocket} copies exactly each datagram's
 * bytes out and releases it at once, which hands the buffer back before the next read. Should a read find it still
 * held, it takes a one-datagram buffer from the channel's allocator instead.
 */
final class ReceiveBuffer extends DefaultMaxMessagesRecvByteBufAllocator {

    /** Datagrams one {@code recvmmsg} call can return; with NIO, datagrams per read. */
    static final int SLOTS = 16;

    private static final FastThreadLocal<ByteBuf> PER_LOOP = new FastThreadLocal<>() {
        @Override
        protected ByteBuf initialValue() {
            return Unpooled.directBuffer(SLOTS * UdpSocket.SLOT, SLOTS * UdpSocket.SLOT);
        }

        @Override
        protected void onRemoval(ByteBuf buffer) {
            if (buffer.refCnt() > 0) {
                buffer.release();
            }
        }
    };

    private final boolean slotPerCall;

    /**
     * @param maxDatagramsPerRead datagrams read before the loop turns to other work
     * @param slotPerCall         true for NIO (one datagram per call), false for epoll's {@code recvmmsg}
     */
    ReceiveBuffer(int maxDatagramsPerRead, boolean slotPerCall) {
        super(maxDatagramsPerRead);
        this.slotPerCall = slotPerCall;
    }

    private static ByteBuf shared() {
        ByteBuf shared = PER_LOOP.get();
        if (shared.refCnt() == 0) { // released by mistake somewhere: start a fresh one
            PER_LOOP.remove();
            shared = PER_LOOP.get();
        }
        return shared;
    }

    @Override
    public Handle newHandle() {
        return new MaxMessageHandle() {
            /** The next free slot in this read (NIO), or -1 when the shared buffer was busy as the read began. */
            private int next;

            @Override
            public void reset(ChannelConfig config) {
                super.reset(config);
                next = shared().refCnt() == 1 ? 0 : -1;
            }

            @Override
            public ByteBuf allocate(ByteBufAllocator alloc) {
                ByteBuf shared = shared();
                if (!slotPerCall && shared.refCnt() == 1) {
                    return shared.clear().retain();
                }
                if (slotPerCall && next >= 0 && next < SLOTS) {
                    return shared.retainedSlice(UdpSocket.SLOT * next++, UdpSocket.SLOT).clear();
                }
                return alloc.ioBuffer(UdpSocket.SLOT, UdpSocket.SLOT);
            }

            @Override
            public int guess() {
                return slotPerCall ? UdpSocket.SLOT : SLOTS * UdpSocket.SLOT;
            }
        };
    }
}
