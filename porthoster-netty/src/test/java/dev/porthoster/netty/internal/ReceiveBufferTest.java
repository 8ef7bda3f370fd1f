package dev.porthoster.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where UDP reads land: whole datagrams in a buffer reused read after read, nothing allocated per read. */
class ReceiveBufferTest {

    private static final ByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);

    private static RecvByteBufAllocator.Handle startRead(ReceiveBuffer buffer) {
        RecvByteBufAllocator.Handle handle = buffer.newHandle();
        handle.reset(new DefaultChannelConfig(new EmbeddedChannel()));
        return handle;
    }

    @Test
    void epollReadsIntoOneSharedBufferWithRoomForEverySlot() {
        ReceiveBuffer buffer = new ReceiveBuffer(UdpSocket.MAX_DATAGRAMS_PER_READ_EPOLL, false);
        RecvByteBufAllocator.Handle read = startRead(buffer);
        assertEquals(ReceiveBuffer.SLOTS * UdpSocket.SLOT, read.guess());
        ByteBuf first = read.allocate(ALLOC);
        assertEquals(ReceiveBuffer.SLOTS * UdpSocket.SLOT, first.writableBytes());
        first.release();
        ByteBuf next = startRead(buffer).allocate(ALLOC);
        assertSame(first, next, "the next read reuses it");
        next.release();
    }

    @Test
    void aReadThatFindsTheSharedBufferHeldGetsAOneDatagramBufferOfItsOwn() {
        ReceiveBuffer buffer = new ReceiveBuffer(UdpSocket.MAX_DATAGRAMS_PER_READ_EPOLL, false);
        ByteBuf held = startRead(buffer).allocate(ALLOC);
        ByteBuf own = startRead(buffer).allocate(ALLOC);
        assertNotSame(held.unwrap() == null ? held : held.unwrap(), own);
        assertEquals(UdpSocket.SLOT, own.maxCapacity(), "room for the largest datagram, no more");
        own.release();
        held.release();
    }

    @Test
    void nioGivesEachCallOfAReadTheNextSlotUntilTheyRunOut() {
        ReceiveBuffer buffer = new ReceiveBuffer(UdpSocket.MAX_DATAGRAMS_PER_READ_NIO, true);
        RecvByteBufAllocator.Handle read = startRead(buffer);
        assertEquals(UdpSocket.SLOT, read.guess());
        List<ByteBuf> slots = new ArrayList<>();
        for (int i = 0; i < ReceiveBuffer.SLOTS; i++) {
            ByteBuf slot = read.allocate(ALLOC);
            assertEquals(UdpSocket.SLOT, slot.writableBytes(), "slot " + i + " holds a whole datagram");
            slots.add(slot);
        }
        ByteBuf shared = slots.get(0).unwrap();
        for (int i = 0; i < slots.size(); i++) {
            assertSame(shared, slots.get(i).unwrap(), "slot " + i + " lies in the shared buffer");
            slots.get(i).writeByte(i);
        }
        for (int i = 0; i < slots.size(); i++) {
            assertEquals(i, shared.getByte(i * UdpSocket.SLOT), "slots do not overlap");
        }
        ByteBuf extra = read.allocate(ALLOC);
        assertNotSame(shared, extra.unwrap(), "past the last slot a datagram gets its own buffer");
        assertEquals(UdpSocket.SLOT, extra.maxCapacity());
        extra.release();
        slots.forEach(ByteBuf::release);
        ByteBuf again = startRead(buffer).allocate(ALLOC);
        assertSame(shared, again.unwrap(), "the next read starts over at slot 0");
        assertEquals(0, again.writerIndex());
        again.release();
    }
}
