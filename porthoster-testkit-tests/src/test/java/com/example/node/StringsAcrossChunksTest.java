package com.example.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.porthoster.testkit.HandlerTestKit;
import dev.porthoster.testkit.TestConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Strings across chunks: {@code node:string_decoder}'s {@code StringDecoder} and {@code conn.setEncoding} keep a
 * character cut between two chunks and deliver it whole, exactly as Node 20 (every expectation here is Node 20's
 * output for the same code).
 */
class StringsAcrossChunksTest {

    private static final String IMPORTS = """
            import { StringDecoder } from 'node:string_decoder';
            import * as sdModule from 'node:string_decoder';
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void aMultiByteCharacterSplitAcrossChunksDecodesWhole(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const d = new StringDecoder('utf8');
                [d.write(Buffer.from([0xe2, 0x82])), d.write(Buffer.from([0xac])), d.end()]
                => ["","\\u20ac",""]
                const d = new StringDecoder();
                [d.write(Buffer.from([0xf0])), d.write(Buffer.from([0x9f])), d.write(Buffer.from([0x98])), d.write(Buffer.from([0x80, 0x41]))]
                => ["","","","\\ud83d\\ude00A"]
                const d = new StringDecoder('utf8');
                [d.write(Buffer.from([0xe2, 0x82])), d.end(Buffer.from([0xac]))]
                => ["","\\u20ac"]
                const d = new StringDecoder('utf8');
                [d.write(Buffer.from([0xe2, 0x82])), d.lastNeed, d.lastTotal, d.encoding]
                => ["",1,3,"utf8"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void aCharacterLeftIncompleteBecomesOneReplacementAtEnd(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const d = new StringDecoder('utf8');
                [d.write(Buffer.from([0x41, 0xe2, 0x82])), d.end()]
                => ["A","\\ufffd"]
                const d = new StringDecoder('utf8');
                [d.write(Buffer.from([0xf0, 0x9f])), d.end(), d.write(Buffer.from('ok'))]
                => ["","\\ufffd","ok"]
                const d = new StringDecoder('utf8');
                [d.write(Buffer.alloc(0)), d.end(Buffer.alloc(0)), d.end()]
                => ["","",""]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void invalidUtf8BecomesReplacementsAsInV8(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const d = new StringDecoder('utf8');
                [d.write(Buffer.from([0xe2])), d.write(Buffer.from([0x41])), d.end()]
                => ["","\\ufffdA",""]
                const d = new StringDecoder('utf8');
                [d.write(Buffer.from([0xff, 0xe2, 0x82, 0xac, 0x80])), d.end()]
                => ["\\ufffd\\u20ac\\ufffd",""]
                const d = new StringDecoder('utf8');
                [d.write(Buffer.from([0xed, 0xa0])), d.write(Buffer.from([0x80])), d.end()]
                => ["","\\ufffd\\ufffd\\ufffd",""]
                const d = new StringDecoder('utf8');
                [d.write(Buffer.from([0xc3])), d.write(Buffer.from([0xc3])), d.write(Buffer.from([0xa9])), d.end()]
                => ["","\\ufffd","\\u00e9",""]
                const d = new StringDecoder('utf8');
                [d.write(Buffer.from([0xf4, 0x90])), d.write(Buffer.from([0x80, 0x80])), d.end()]
                => ["","\\ufffd\\ufffd\\ufffd\\ufffd",""]
                const d = new StringDecoder('utf8');
                [d.write(Buffer.from([0xe0, 0x80])), d.end()]
                => ["","\\ufffd\\ufffd"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void utf16leKeepsAnOddByteAndAHalfSurrogatePair(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const d = new StringDecoder('utf16le');
                [d.write(Buffer.from([0x61])), d.write(Buffer.from([0x00, 0x62])), d.write(Buffer.from([0x00])), d.end()]
                => ["","a","b",""]
                const d = new StringDecoder('ucs2');
                [d.write(Buffer.from([0x3d, 0xd8])), d.write(Buffer.from([0x00, 0xde])), d.end(), d.encoding]
                => ["","\\ud83d\\ude00","","utf16le"]
                const d = new StringDecoder('utf-16le');
                [d.write(Buffer.from([0x3d, 0xd8, 0x00])), d.end()]
                => ["\\ud83d",""]
                const d = new StringDecoder('utf16le');
                [d.write(Buffer.from([0x3d, 0xd8])), d.end()]
                => ["","\\ud83d"]
                const d = new StringDecoder('utf16le');
                [d.write(Buffer.from([0x3d])), d.end()]
                => ["",""]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void base64AndHexKeepWholeGroupsAcrossChunks(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const d = new StringDecoder('base64');
                [d.write(Buffer.from('a')), d.write(Buffer.from('bc')), d.write(Buffer.from('defg')), d.end()]
                => ["","YWJj","ZGVm","Zw=="]
                const d = new StringDecoder('base64');
                [d.write(Buffer.from('ab')), d.end()]
                => ["","YWI="]
                const d = new StringDecoder('base64url');
                [d.write(Buffer.from([0xfb, 0xff])), d.end(Buffer.from([0xfe])), d.encoding]
                => ["","-__-","base64url"]
                const d = new StringDecoder('hex');
                [d.write(Buffer.from([1, 0xab])), d.end(Buffer.from([0xff])), d.encoding]
                => ["01ab","ff","hex"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void singleByteEncodingsNeverBuffer(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const d = new StringDecoder('latin1');
                [d.write(Buffer.from([0xe9, 0x41])), d.end(), d.encoding]
                => ["\\u00e9A","","latin1"]
                const d = new StringDecoder('binary');
                [d.write(Buffer.from([0xe9])), d.encoding]
                => ["\\u00e9","latin1"]
                const d = new StringDecoder('ascii');
                [d.write(Buffer.from([0xe9, 0x41])), d.encoding]
                => ["iA","ascii"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void encodingNamesAndBadArgumentsFailAsInNode(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                new StringDecoder('utf-8').encoding
                => "utf8"
                new StringDecoder('UTF8').encoding
                => "utf8"
                new StringDecoder('nope')
                => !TypeError [ERR_UNKNOWN_ENCODING]: Unknown encoding: nope
                new StringDecoder(5)
                => !TypeError [ERR_UNKNOWN_ENCODING]: Unknown encoding: 5
                const d = new StringDecoder('utf8');
                d.write('not bytes')
                => "not bytes"
                const d = new StringDecoder('utf8');
                d.write(5)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "buf" argument must be an instance of Buffer, TypedArray, or DataView. Received type number (5)
                const d = new StringDecoder('utf8');
                [d.write(new Uint8Array([0xc3, 0xa9])), d.write(new DataView(new Uint8Array([0x41]).buffer))]
                => ["\\u00e9","A"]
                [typeof sdModule.StringDecoder, sdModule.default === undefined ? 'no default' : typeof sdModule.default.StringDecoder]
                => ["function","function"]
                const d = new StringDecoder('utf8');
                d.text(Buffer.from([0x41, 0x42]), 1)
                => "B"
                """);
    }

    /** The handler of the connection tests; under Node 20 with real sockets it answered what the tests expect. */
    private static final String COLLECTOR = """
            export function handle(conn) {
              conn.setEncoding('utf8');
              const seen = [];
              conn.on('data', (s) => seen.push(JSON.stringify(s)));
              conn.on('end', () => conn.end(seen.join(' ') + ' ' + conn.readableEncoding + '\\n'));
            }
            """;

    private TestConnection collector(HandlerTestKit kit) {
        return kit.connect("127.0.0.1", 1);
    }

    private HandlerTestKit start(String engine) throws IOException {
        Path file = dir.resolve("collect.tcp.7000.port.js");
        Files.writeString(file, COLLECTOR);
        return HandlerTestKit.load(file).engine(engine).start();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void aMultiByteCharacterSplitAcrossDataEventsArrivesWholeAfterSetEncoding(String engine) throws IOException {
        try (HandlerTestKit kit = start(engine)) {
            TestConnection conn = collector(kit);
            conn.send(new byte[] {0x68, (byte) 0xe2, (byte) 0x82}).send(new byte[] {(byte) 0xac, 0x21}).end();
            assertEquals("\"h\" \"\u20ac!\" utf8\n", conn.read());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void aFourByteCharacterInThreeChunksIsOneDataEvent(String engine) throws IOException {
        try (HandlerTestKit kit = start(engine)) {
            TestConnection conn = collector(kit);
            conn.send(new byte[] {(byte) 0xf0}).send(new byte[] {(byte) 0x9f, (byte) 0x98})
                    .send(new byte[] {(byte) 0x80}).end();
            assertEquals("\"\ud83d\ude00\" utf8\n", conn.read());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void anIncompleteCharacterAtTheEndComesAsALastReplacementBeforeEnd(String engine) throws IOException {
        try (HandlerTestKit kit = start(engine)) {
            TestConnection conn = collector(kit);
            conn.send(new byte[] {0x41, (byte) 0xe2, (byte) 0x82}).end();
            assertEquals("\"A\" \"\ufffd\" utf8\n", conn.read());
        }
    }
}
