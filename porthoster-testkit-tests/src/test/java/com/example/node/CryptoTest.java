package com.example.node;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code node:crypto}'s hashes and HMAC (md5, sha1, sha224, sha256, sha384, sha512), {@code timingSafeEqual} and
 * {@code webcrypto.subtle.digest}, computed in the prelude. Every expectation is Node 20's output for the same code.
 * The random functions are not offered yet (they need a host source of randomness).
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
    @ValueSource(strings = {"graal", "rhino"})
    void theRandomFunctionsSayTheyAreNotOfferedYet(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                randomBytes(16)
                => !Error [ERR_FEATURE_UNAVAILABLE_ON_PLATFORM]: crypto.randomBytes is not offered to handlers yet: it needs a secure random source from the host (issue 15)
                """);
    }
}
