package dev.porthoster.server.sync;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The sync protocol's framing: every message is one frame, a type byte, a 4-byte length and that many bytes. Each
 * type has its own bound, checked before anything is allocated, so a peer cannot make the other end buffer more than
 * {@link #MAX_FRAME} bytes; anything unexpected ends the session with a {@link ProtocolException} naming what was
 * expected. The server speaks first ({@link Type#WELCOME}, starting with {@link #MAGIC}), so a login shell that prints
 * to standard output is recognised instead of misread.
 */
final class Wire {

    /** The first bytes of the server's first frame. */
    static final byte[] MAGIC = "PORTHOSTER-SYNC".getBytes(StandardCharsets.US_ASCII);
    /** The protocol version this build speaks; both ends must speak the same. */
    static final int VERSION = 1;
    /** Bytes of file content per {@link Type#DATA} frame. */
    static final int CHUNK = 64 * 1024;
    /** The largest frame of any type (a report). */
    static final int MAX_FRAME = 1 << 20;
    /** The longest path in a tree, in UTF-8 bytes. */
    static final int MAX_PATH_BYTES = 1024;
    static final int HASH_BYTES = 32;

    /** Frame types, with the largest payload each may carry. */
    enum Type {
        /** server: magic, version, limits. */
        WELCOME(1, 256),
        /** client: version, operation. */
        HELLO(2, 64),
        /** client: one file of the tree: path, size, SHA-256. */
        ENTRY(3, 2 + MAX_PATH_BYTES + 8 + HASH_BYTES),
        /** client: the tree is complete: its file count. */
        END_OF_TREE(4, 4),
        /** server: content it lacks: SHA-256 and the offset it already holds. */
        WANT(5, HASH_BYTES + 8),
        /** server: nothing more is wanted. */
        END_OF_WANTS(6, 0),
        /** client: content follows for this SHA-256, from this offset. */
        BLOB(7, HASH_BYTES + 8),
        /** client: a piece of content. */
        DATA(8, CHUNK),
        /** client: every wanted blob was sent: swap the tree in. */
        COMMIT(9, 0),
        /** server: the outcome, as JSON. */
        REPORT(10, MAX_FRAME),
        /** either side: why the session ends, as text. */
        ERROR(11, 16 * 1024);

        final int code;
        final int max;

        Type(int code, int max) {
            this.code = code;
            this.max = max;
        }

        static Type of(int code) throws ProtocolException {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new ProtocolException("unknown frame type " + code);
        }
    }

    /** What the client asks for. */
    enum Operation {
        SYNC(1), DRY_RUN(2), ROLLBACK(3);

        final int code;

        Operation(int code) {
            this.code = code;
        }

        static Operation of(int code) throws ProtocolException {
            for (Operation o : values()) {
                if (o.code == code) {
                    return o;
                }
            }
            throw new ProtocolException("unknown operation " + code);
        }
    }

    /** A frame read off the wire. */
    record Frame(Type type, byte[] payload) {
        DataInputStream body() {
            return new DataInputStream(new java.io.ByteArrayInputStream(payload));
        }

        String text() throws ProtocolException {
            return utf8(payload);
        }
    }

    /** The peer broke the protocol (or is not a porthoster of this version); the session ends. */
    static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }

    /** The peer ended the session with an {@link Type#ERROR} frame: its message. */
    static final class PeerError extends IOException {
        private static final long serialVersionUID = 1L;

        PeerError(String message) {
            super(message);
        }
    }

    private final DataInputStream in;
    private final DataOutputStream out;

    Wire(InputStream in, OutputStream out) {
        this.in = new DataInputStream(in);
        this.out = new DataOutputStream(out);
    }

    void send(Type type, byte[] payload) throws IOException {
        send(type, payload, 0, payload.length);
    }

    void send(Type type, byte[] payload, int offset, int length) throws IOException {
        if (length > type.max) {
            throw new IllegalArgumentException(type + " frame of " + length + " bytes is over its bound " + type.max);
        }
        out.writeByte(type.code);
        out.writeInt(length);
        out.write(payload, offset, length);
    }

    void sendText(Type type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        send(type, bytes.length > type.max ? java.util.Arrays.copyOf(bytes, type.max) : bytes);
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Reads the next frame; an {@link Type#ERROR} from the peer becomes a {@link PeerError}. */
    Frame read() throws IOException {
        int code;
        try {
            code = in.readUnsignedByte();
        } catch (EOFException e) {
            throw new EOFException("the other side closed the connection");
        }
        Type type = Type.of(code);
        int length = in.readInt();
        if (length < 0 || length > type.max) {
            throw new ProtocolException(type + " frame of " + length + " bytes; at most " + type.max + " allowed");
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length != length) {
            throw new EOFException("the other side closed the connection in the middle of a " + type + " frame");
        }
        if (type == Type.ERROR) {
            throw new PeerError(utf8(payload));
        }
        return new Frame(type, payload);
    }

    /** Reads the next frame and fails unless it is of type {@code expected}. */
    Frame expect(Type expected) throws IOException {
        Frame f = read();
        if (f.type() != expected) {
            throw new ProtocolException("expected a " + expected + " frame, got " + f.type());
        }
        return f;
    }

    /** Reads the next frame and fails unless it is one of {@code expected}. */
    Frame expect(Type a, Type b) throws IOException {
        Frame f = read();
        if (f.type() != a && f.type() != b) {
            throw new ProtocolException("expected a " + a + " or " + b + " frame, got " + f.type());
        }
        return f;
    }

    static String utf8(byte[] bytes) throws ProtocolException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("text that is not UTF-8");
        }
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
