package com.example.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.porthoster.testkit.HandlerTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code node:crypto}'s hashes and HMAC (md5, sha1, sha224, sha256, sha384, sha512), {@code timingSafeEqual} and
 * {@code webcrypto.subtle.digest}, computed in the prelude; the random functions ({@code randomBytes},
 * {@code randomFill(Sync)}, {@code randomInt}, {@code randomUUID}, {@code getRandomValues} and the global
 * {@code crypto}) over the host's secure source. Every expectation is Node 20's output for the same code.
 */
class CryptoTest {

    private static final String IMPORTS = """
            import crypto, { createHash, createHmac, timingSafeEqual, webcrypto, randomBytes } from 'node:crypto';
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void hashesDigestAsNodeForEveryAlgorithmAndEncoding(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'].map((a) => createHash(a).update('The quick brown fox ').update(Buffer.from('jumps over the lazy dog')).digest('hex'))
                => ["9e107d9d372bb6826bd81d3542a419d6","2fd4e1c67a2d28fced849ee1bb76e7391b93eb12","730e109bd7a8a32b1cb9d9a09aa2325d2430587ddbc0c38bad911525","d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592","ca737f1014a48f4c0b6dd43cb177b0afd9e5169367544c494011e3317dbf9a509cb1e5dc1e85a941bbee3d7f2afbc9b1","07e547d9586f6a73f73fbac0435ed76951218fb7d0c8d788a309d785436bbb642e93a252a954f23912547d1e8a3b5ed6e1bfd7097821233fa0538f3db854fee6"]
                [createHash('sha1').update('dGhlIHNhbXBsZSBub25jZQ==' + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64'), createHash('SHA256').update('x').digest().length, createHash('md5').update('6869', 'hex').digest('base64url')]
                => ["s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",32,"SfaKXIST7CwL9ImCHCH8Ow"]
                const h = createHash('sha256').update('a');
                const c = h.copy();
                [h.digest('hex'), c.update('b').digest('hex')]
                => ["ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb","fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void hmacDigestsAsNodeWithShortAndLongKeys(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                ['md5', 'sha1', 'sha256', 'sha512'].map((a) => createHmac(a, 'key').update('The quick brown fox jumps over the lazy dog').digest('hex'))
                => ["80070713463e7749b90c2dc24911e275","de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9","f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8","b42af09057bac1e2d41708e48a902e09b5ff7f12ab428a4fe86653c73dd248fb82f948a549f7b791a5b41915ee4d1ec3935357e4e2317250d0372afa2ebeeb3a"]
                [createHmac('sha256', 'k'.repeat(200)).update('data').digest('hex'), createHmac('sha256', Buffer.from([1, 2, 3])).update('').digest('base64')]
                => ["0163658d479ec73f2b801df07141db1426aaae2c6b5e8e6d9e6789f92f5e2b4f","NorAXNgdlyF0pG/VTap07Q6AjAmwzIbww/w0K+9m9AU="]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void aFinishedOrUnknownHashFailsAsNode(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const h = createHash('sha1');
                h.digest();
                h.update('x')
                => !Error [ERR_CRYPTO_HASH_FINALIZED]: Digest already called
                createHash('whirlpool9')
                => !Error: Digest method not supported
                createHash('sha1').update(5)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void timingSafeEqualComparesEqualLengthsOnly(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                [timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), timingSafeEqual(Buffer.from('abc'), Buffer.from('abd'))]
                => [true,false]
                timingSafeEqual(Buffer.from('abc'), Buffer.from('ab'))
                => !RangeError [ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH]: Input buffers must have the same byte length
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void webcryptoDigestResolvesWithAnArrayBuffer(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                webcrypto.subtle.digest('SHA-256', new TextEncoder().encode('abc')).then((ab) => [ab instanceof ArrayBuffer, Buffer.from(ab).toString('hex')])
                => [true,"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"]
                [crypto.getHashes().includes('sha256'), crypto.getHashes().includes('md5'), typeof randomBytes]
                => [true,true,"function"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void randomBytesAndRandomFillGiveFreshBytesWithNodesArgumentRules(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const a = randomBytes(32), b = randomBytes(32);
                [Buffer.isBuffer(a), a.length, a.equals(b), randomBytes(0).length, randomBytes(1.5).length, randomBytes(100000).length]
                => [true,32,false,0,1,100000]
                const big = randomBytes(200000);
                [big.subarray(0, 65536).equals(big.subarray(65536, 131072)), new Set(big).size]
                => [false,256]
                randomBytes(-1)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received -1
                randomBytes('3')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "size" argument must be of type number. Received type string ('3')
                randomBytes(NaN)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received NaN
                randomBytes(2 ** 31)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received 2147483648
                randomBytes(3, 5)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received type number (5)
                new Promise((resolve) => { const order = []; const r = randomBytes(8, (err, buf) => resolve([r, err, buf.length, order.join()])); order.push('sync first'); })
                => [undefined,null,8,"sync first"]
                const z = Buffer.alloc(8);
                crypto.randomFillSync(z, 2, 4);
                [z[0], z[1], z[6], z[7], crypto.randomFillSync(z) === z]
                => [0,0,0,0,true]
                const w = new Uint32Array(4);
                crypto.randomFillSync(w, 1, 2);
                [w[0], w[3], crypto.randomFillSync(new ArrayBuffer(8)) instanceof ArrayBuffer]
                => [0,0,true]
                crypto.randomFillSync(new Uint8Array(4), 5)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 && <= 4. Received 5
                crypto.randomFillSync(new Uint8Array(4), 1, 4)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "size + offset" is out of range. It must be <= 4. Received 5
                crypto.randomFillSync('x')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "buf" argument must be an instance of ArrayBuffer or ArrayBufferView. Received type string ('x')
                crypto.randomFill(new Uint8Array(4))
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received undefined
                new Promise((resolve) => { const u = new Uint8Array(6); crypto.randomFill(u, 4, (err, out) => resolve([err, out === u, u[0], u[3]])); })
                => [null,true,0,0]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void randomIntStaysInItsRangeAndChecksItsArgumentsAsNode(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const seen = new Set();
                for (let i = 0; i < 2000; i++) seen.add(crypto.randomInt(3, 7));
                [...seen].sort().join()
                => "3,4,5,6"
                let inRange = true;
                for (let i = 0; i < 200; i++) { const n = crypto.randomInt(-(2 ** 46), 2 ** 46); inRange = inRange && Number.isSafeInteger(n) && n >= -(2 ** 46) && n < 2 ** 46; }
                [inRange, crypto.randomInt(1)]
                => [true,0]
                new Promise((resolve) => crypto.randomInt(10, (err, n) => resolve([err, n >= 0 && n < 10])))
                => [undefined,true]
                crypto.randomInt(1.5)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "max" argument must be a safe integer. Received type number (1.5)
                crypto.randomInt(5, 5)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "max" is out of range. It must be greater than the value of "min" (5). Received 5
                crypto.randomInt(0, 2 ** 48)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "max - min" is out of range. It must be <= 281474976710655. Received 281_474_976_710_656
                crypto.randomInt(2 ** 48)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "max" is out of range. It must be <= 281474976710655. Received 281_474_976_710_656
                crypto.randomInt('1', 5)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "min" argument must be a safe integer. Received type string ('1')
                crypto.randomInt(1, 5, 7)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received type number (7)
                crypto.randomInt()
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "max" argument must be a safe integer. Received undefined
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void randomUuidAndGetRandomValuesAsNodeAndTheWebCryptoGlobal(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const ids = [crypto.randomUUID(), globalThis.crypto.randomUUID(), webcrypto.randomUUID()];
                [ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)), new Set(ids).size]
                => [true,3]
                crypto.randomUUID({ disableEntropyCache: 1 })
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "options.disableEntropyCache" property must be of type boolean. Received type number (1)
                crypto.randomUUID(5)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "options" argument must be of type object. Received type number (5)
                const u = new Uint16Array(4);
                [globalThis.crypto === webcrypto, globalThis.crypto.getRandomValues(u) === u, crypto.getRandomValues(new Uint8Array(65536)).length, webcrypto.getRandomValues(new BigInt64Array(2)).length, typeof globalThis.crypto.subtle.digest, Object.keys(globalThis.crypto)]
                => [true,true,65536,2,"function",[]]
                crypto.getRandomValues(new Uint8Array(65537))
                => !QuotaExceededError [22]: The requested length exceeds 65,536 bytes
                globalThis.crypto.getRandomValues(new Uint32Array(16385))
                => !QuotaExceededError [22]: The requested length exceeds 65,536 bytes
                webcrypto.getRandomValues(new Float64Array(2))
                => !TypeMismatchError [17]: The data argument must be an integer-type TypedArray
                crypto.getRandomValues(new DataView(new ArrayBuffer(2)))
                => !TypeMismatchError [17]: The data argument must be an integer-type TypedArray
                crypto.getRandomValues()
                => !TypeMismatchError [17]: The data argument must be an integer-type TypedArray
                const g = webcrypto.getRandomValues;
                g(new Uint8Array(2))
                => !TypeError [ERR_INVALID_THIS]: Value of "this" must be of type Crypto
                const h = crypto.getRandomValues;
                h(new Uint8Array(2)).length
                => 2
                """);
    }

    @Test
    void aSeededTestkitDrawsTheSameRandomValuesOnEveryRunAndEngine() throws IOException {
        Path file = dir.resolve("token.tcp.7000.port.js");
        Files.writeString(file, """
                import { randomUUID, randomBytes, randomInt } from 'node:crypto';
                export function handle(conn) {
                  conn.end(`${randomUUID()} ${randomBytes(4).toString('hex')} ${randomInt(1000)}`);
                }
                """);
        List<String> drawn = new ArrayList<>();
        for (String engine : List.of("graal", "rhino", "graal")) {
            try (HandlerTestKit kit = HandlerTestKit.load(file).engine(engine).random(42).start()) {
                drawn.add(kit.connect("127.0.0.1", 1).read());
            }
        }
        assertEquals(List.of(drawn.get(0), drawn.get(0), drawn.get(0)), drawn, "same seed, same draws");
        try (HandlerTestKit kit = HandlerTestKit.load(file).engine("graal").random(43).start()) {
            assertNotEquals(drawn.get(0), kit.connect("127.0.0.1", 1).read(), "another seed, other draws");
        }
    }
}
