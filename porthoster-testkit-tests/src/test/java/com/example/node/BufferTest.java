package com.example.node;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Buffer} as Node 20 has it: every encoding, every read and write, the helpers, and Node's errors (name,
 * {@code code} and message). Every expectation is Node 20's output for the same code; both engines must match it.
 */
class BufferTest {

    private static final String IMPORTS = "";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void everyEncodingNodeAcceptsTurnsAStringIntoBytes(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                Buffer.from('héllo wörld €😀', 'utf8')
                => Buffer<68 c3 a9 6c 6c 6f 20 77 c3 b6 72 6c 64 20 e2 82 ac f0 9f 98 80>
                Buffer.from('héllo', 'latin1')
                => Buffer<68 e9 6c 6c 6f>
                Buffer.from('héllo', 'binary')
                => Buffer<68 e9 6c 6c 6f>
                Buffer.from('hé€', 'ascii')
                => Buffer<68 e9 ac>
                Buffer.from('h€😀', 'utf16le')
                => Buffer<68 00 ac 20 3d d8 00 de>
                Buffer.from('h€', 'ucs2')
                => Buffer<68 00 ac 20>
                Buffer.from('h€', 'UCS-2')
                => Buffer<68 00 ac 20>
                Buffer.from('0aFfzz12', 'hex')
                => Buffer<0a ff>
                Buffer.from('abc', 'hex')
                => Buffer<ab>
                Buffer.from('aGVsbG8gd29ybGQ=', 'base64')
                => Buffer<68 65 6c 6c 6f 20 77 6f 72 6c 64>
                Buffer.from('aGVs bG8\\nd29y bGQ', 'base64')
                => Buffer<68 65 6c 6c 6f 1d db dc 9b 19>
                Buffer.from('-_-_', 'base64')
                => Buffer<fb ff bf>
                Buffer.from('+/+/', 'base64url')
                => Buffer<fb ff bf>
                Buffer.from('aGk', 'base64url')
                => Buffer<68 69>
                Buffer.from('YQ==YQ==', 'base64')
                => Buffer<61>
                Buffer.from('x', 'nope')
                => !TypeError [ERR_UNKNOWN_ENCODING]: Unknown encoding: nope
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void toStringDecodesEveryEncodingWithinARange(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                Buffer.from([0xfb, 0xff, 0xfe, 1]).toString('base64url')
                => "-__-AQ"
                Buffer.from([0xfb, 0xff, 0xfe, 1]).toString('base64')
                => "+//+AQ=="
                Buffer.from([0x68, 0xe9, 0xff, 0x80]).toString('latin1')
                => "h\\u00e9\\u00ff\\u0080"
                Buffer.from([0x68, 0xe9, 0xff, 0x80]).toString('ascii')
                => "hi\\u007f\\u0000"
                Buffer.from([0x68, 0, 0xac, 0x20, 0x41]).toString('utf16le')
                => "h\\u20ac"
                Buffer.from('héllo').toString('hex', 1, 3)
                => "c3a9"
                Buffer.from('hello').toString('utf8', -1, 100)
                => "hello"
                Buffer.from('hello').toString(undefined, 2)
                => "llo"
                Buffer.from('hello').toString('bogus')
                => !TypeError [ERR_UNKNOWN_ENCODING]: Unknown encoding: bogus
                Buffer.from([0xe0, 0x80, 0x80, 0xf0, 0x9f, 0x41]).toString()
                => "\\ufffd\\ufffd\\ufffd\\ufffdA"
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void isEncodingAndByteLengthAnswerAsNode(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                [Buffer.isEncoding('utf8'), Buffer.isEncoding('UTF-8'), Buffer.isEncoding('ucs-2'), Buffer.isEncoding('Binary'), Buffer.isEncoding('base64url'), Buffer.isEncoding('utf16'), Buffer.isEncoding(''), Buffer.isEncoding(1), Buffer.isEncoding('latin-1')]
                => [true,true,true,true,true,false,false,false,false]
                [Buffer.byteLength('h€😀'), Buffer.byteLength('h€', 'utf16le'), Buffer.byteLength('aGVsbG8=', 'base64'), Buffer.byteLength('aGVsbG8', 'base64'), Buffer.byteLength('abcd', 'hex'), Buffer.byteLength('abc', 'hex'), Buffer.byteLength('hé', 'latin1'), Buffer.byteLength(new Uint16Array(3)), Buffer.byteLength(new ArrayBuffer(7))]
                => [8,4,5,5,2,1,2,6,7]
                Buffer.byteLength(5)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "string" argument must be of type string or an instance of Buffer or ArrayBuffer. Received type number (5)
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void fromTakesWhatNodeTakesAndRefusesTheRestWithItsError(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                Buffer.from(new Uint16Array([1, 0x102]))
                => Buffer<01 02>
                Buffer.from(new Uint16Array([1, 0x102]).buffer)
                => Buffer<01 00 02 01>
                =rhino=> Buffer<00 01 01 02>
                const ab = new ArrayBuffer(8); const b = Buffer.from(ab, 2, 3); b[0] = 9;
                [b.length, new Uint8Array(ab)[2], b.byteOffset]
                => [3,9,2]
                Buffer.from(new ArrayBuffer(4), 5)
                => !RangeError [ERR_BUFFER_OUT_OF_BOUNDS]: "offset" is outside of buffer bounds
                Buffer.from(new ArrayBuffer(4), 1, 9)
                => !RangeError [ERR_BUFFER_OUT_OF_BOUNDS]: "length" is outside of buffer bounds
                Buffer.from({ type: 'Buffer', data: [1, 2, 300] })
                => Buffer<01 02 2c>
                Buffer.from({ length: 2, 0: 7, 1: 8 })
                => Buffer<07 08>
                Buffer.from([257, -1, 1.7, '3', 'x'])
                => Buffer<01 ff 01 03 00>
                Buffer.from(5)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received type number (5)
                Buffer.from(null)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received null
                Buffer.from(new String('hi'))
                => Buffer<68 69>
                Buffer.from(Buffer.from('abc'))
                => Buffer<61 62 63>
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void allocAndCopyBytesFromCheckTheirArgumentsAsNode(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                Buffer.alloc(5, 'ab')
                => Buffer<61 62 61 62 61>
                Buffer.alloc(4, 'aGk=', 'base64')
                => Buffer<68 69 68 69>
                Buffer.alloc(3, 257)
                => Buffer<01 01 01>
                Buffer.alloc(3, '')
                => Buffer<00 00 00>
                Buffer.alloc(-1)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "size" is out of range. It must be >= 0 && <= 4294967296. Received -1
                Buffer.alloc('5')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "size" argument must be of type number. Received type string ('5')
                Buffer.alloc(2 ** 53)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "size" is out of range. It must be >= 0 && <= 4294967296. Received 9_007_199_254_740_992
                Buffer.allocUnsafe(3).length
                => 3
                Buffer.allocUnsafeSlow(2).length
                => 2
                [typeof Buffer.poolSize, Buffer.poolSize]
                => ["number",8192]
                Buffer.copyBytesFrom(new Uint16Array([1, 2, 3]), 1, 1)
                => Buffer<02 00>
                =rhino=> Buffer<00 02>
                Buffer.copyBytesFrom(new Uint8Array([1, 2, 3]), 1)
                => Buffer<02 03>
                Buffer.copyBytesFrom([1, 2])
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "view" argument must be an instance of TypedArray. Received an instance of Array
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void concatCompareAndEqualsWorkOnRangesAndRefuseNonBuffers(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                Buffer.concat([Buffer.from('ab'), new Uint8Array([99]), Buffer.from('de')], 4)
                => Buffer<61 62 63 64>
                Buffer.concat([Buffer.from('ab')], 4)
                => Buffer<61 62 00 00>
                Buffer.concat([])
                => Buffer<>
                Buffer.concat(['ab'])
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "list[0]" argument must be an instance of Buffer or Uint8Array. Received type string ('ab')
                Buffer.concat('ab')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "list" argument must be an instance of Array. Received type string ('ab')
                [Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.compare(Buffer.from('b'), Buffer.from('a')), Buffer.compare(Buffer.from('ab'), Buffer.from('ab')), Buffer.compare(Buffer.from('a'), Buffer.from('ab'))]
                => [-1,1,0,-1]
                Buffer.compare('a', Buffer.from('a'))
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "buf1" argument must be an instance of Buffer or Uint8Array. Received type string ('a')
                const b = Buffer.from('abcdef');
                [b.compare(Buffer.from('cd'), 0, 2, 2, 4), b.compare(Buffer.from('xcdx'), 1, 3, 2, 4), b.compare(Buffer.from('abc'), 0, 3, 0, 2), b.compare(Buffer.from('b'), 0, 1, 1)]
                => [0,0,-1,1]
                Buffer.from('abc').compare(Buffer.from('abc'), 5)
                => 1
                Buffer.from('abc').compare(Buffer.from('abc'), 0, 2, 3, 1)
                => -1
                Buffer.from('abc').compare(Buffer.from('abc'), -1)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "targetStart" is out of range. It must be >= 0 && <= 4294967296. Received -1
                Buffer.from('abc').compare('abc')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "target" argument must be an instance of Buffer or Uint8Array. Received type string ('abc')
                [Buffer.from('abc').equals(Buffer.from('abc')), Buffer.from('abc').equals(new Uint8Array([97, 98, 99]))]
                => [true,true]
                Buffer.from('abc').equals('abc')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "otherBuffer" argument must be an instance of Buffer or Uint8Array. Received type string ('abc')
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void indexOfAndLastIndexOfSearchFromNodesStartingPoints(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const b = Buffer.from('this is a buffer is');
                [b.indexOf('is'), b.indexOf('is', 3), b.indexOf('is', -3), b.indexOf(Buffer.from('a buffer')), b.indexOf(97), b.indexOf(97 + 256), b.indexOf('zz'), b.indexOf(''), b.indexOf('', 100), b.indexOf('aXM=', 0, 'base64'), b.indexOf('is', 'latin1')]
                => [2,5,17,8,8,8,-1,0,19,2,2]
                const b = Buffer.from('this is a buffer is');
                [b.lastIndexOf('is'), b.lastIndexOf('is', 5), b.lastIndexOf('is', -4), b.lastIndexOf(Buffer.from('is'), 2), b.lastIndexOf(105), b.lastIndexOf('zz'), b.lastIndexOf(''), b.lastIndexOf('', 3), b.lastIndexOf('is', -100), b.lastIndexOf('is', null)]
                => [17,5,5,2,17,-1,19,3,-1,-1]
                [Buffer.from('abc').includes('bc'), Buffer.from('abc').includes('bc', 2), Buffer.from('abc').includes(99)]
                => [true,false,true]
                Buffer.from('abc').indexOf({})
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "value" argument must be one of type number or string or an instance of Buffer or Uint8Array. Received an instance of Object
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void fillRepeatsAValueOverARangeAndRefusesBadRanges(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                Buffer.from('abcdef').fill('xy', 1, 4)
                => Buffer<61 78 79 78 65 66>
                Buffer.from('abcdef').fill(0x101)
                => Buffer<01 01 01 01 01 01>
                Buffer.from('abcdef').fill('aGk=', 'base64')
                => Buffer<68 69 68 69 68 69>
                Buffer.from('abcdef').fill('€')
                => Buffer<e2 82 ac e2 82 ac>
                Buffer.from('abcdef').fill(Buffer.from([1, 2]), 2)
                => Buffer<61 62 01 02 01 02>
                Buffer.from('abcdef').fill('zz', 1, 100)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "end" is out of range. It must be >= 0 && <= 6. Received 100
                Buffer.from('abcdef').fill('zz', -1)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 && <= 4294967296. Received -1
                Buffer.from('abcdef').fill('x', 'nope')
                => !TypeError [ERR_UNKNOWN_ENCODING]: Unknown encoding: nope
                Buffer.from('abcdef').fill('zz', 'hex')
                => !TypeError [ERR_INVALID_ARG_VALUE]: The argument 'value' is invalid. Received 'zz'
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void copyClipsToTheTargetAndRefusesNegativeStarts(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const a = Buffer.from('abcdef'); const t = Buffer.alloc(4, 46);
                [a.copy(t, 1, 2), t]
                => [3,Buffer<2e 63 64 65>]
                const a = Buffer.from('abcdef'); const t = Buffer.alloc(4, 46);
                [a.copy(t), t]
                => [4,Buffer<61 62 63 64>]
                const a = Buffer.from('abcdef');
                [a.copy(a, 2, 0, 3), a]
                => [3,Buffer<61 62 61 62 63 66>]
                const a = Buffer.from('abcdef'); const t = Buffer.alloc(4, 46);
                [a.copy(t, 5), a.copy(t, 0, 7), t]
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "sourceStart" is out of range. It must be >= 0 && <= 6. Received 7
                Buffer.from('abcdef').copy(Buffer.alloc(4), -1)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "targetStart" is out of range. It must be >= 0. Received -1
                Buffer.from('abcdef').copy(Buffer.alloc(4), 0, -1)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "sourceStart" is out of range. It must be >= 0 && <= 6. Received -1
                Buffer.from('abcdef').copy('x')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "target" argument must be an instance of Buffer or Uint8Array. Received type string ('x')
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void swapReversesEachGroupOfBytes(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                [Buffer.from([1, 2, 3, 4]).swap16(), Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap32(), Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap64()]
                => [Buffer<02 01 04 03>,Buffer<04 03 02 01 08 07 06 05>,Buffer<08 07 06 05 04 03 02 01>]
                Buffer.from([1, 2, 3]).swap16()
                => !RangeError [ERR_INVALID_BUFFER_SIZE]: Buffer size must be a multiple of 16-bits
                Buffer.from([1, 2, 3, 4, 5, 6]).swap32()
                => !RangeError [ERR_INVALID_BUFFER_SIZE]: Buffer size must be a multiple of 32-bits
                Buffer.from([1, 2, 3, 4]).swap64()
                => !RangeError [ERR_INVALID_BUFFER_SIZE]: Buffer size must be a multiple of 64-bits
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void toJsonGivesTypeAndData(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                Buffer.from([1, 2, 300]).toJSON()
                => {type:"Buffer",data:[1,2,44]}
                JSON.stringify(Buffer.from('hi'))
                => "{\\u0022type\\u0022:\\u0022Buffer\\u0022,\\u0022data\\u0022:[104,105]}"
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void writePutsWholeCharactersAtAnOffsetInAnyEncoding(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const b = Buffer.alloc(8, 46);
                [b.write('héllo', 1), b]
                => [6,Buffer<2e 68 c3 a9 6c 6c 6f 2e>]
                const b = Buffer.alloc(8, 46);
                [b.write('héllo', 1, 3), b]
                => [3,Buffer<2e 68 c3 a9 2e 2e 2e 2e>]
                const b = Buffer.alloc(8, 46);
                [b.write('aGVsbG8=', 2, 'base64'), b]
                => [5,Buffer<2e 2e 68 65 6c 6c 6f 2e>]
                const b = Buffer.alloc(8, 46);
                [b.write('abcd', 'hex'), b]
                => [2,Buffer<ab cd 2e 2e 2e 2e 2e 2e>]
                const b = Buffer.alloc(8, 46);
                [b.write('abcd', 6, 'latin1'), b]
                => [2,Buffer<2e 2e 2e 2e 2e 2e 61 62>]
                const b = Buffer.alloc(4, 46);
                [b.write('€€'), b]
                => [3,Buffer<e2 82 ac 2e>]
                const b = Buffer.alloc(4, 46);
                [b.write('€', 2, 'utf16le'), b]
                => [2,Buffer<2e 2e ac 20>]
                const b = Buffer.alloc(4, 46);
                [b.write('xyz', 1, 2, 'utf8'), b]
                => [2,Buffer<2e 78 79 2e>]
                Buffer.alloc(4).write('x', 5)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 && <= 4. Received 5
                Buffer.alloc(4).write('x', 4)
                => 0
                Buffer.alloc(4).write('x', 1, 9)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "length" is out of range. It must be >= 0 && <= 4. Received 9
                Buffer.alloc(4).write('x', -1)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 && <= 4. Received -1
                Buffer.alloc(4).write(5)
                => !TypeError [ERR_INVALID_ARG_TYPE]: argument must be a string
                Buffer.alloc(4).write('x', 0, 1, 'nope')
                => !TypeError [ERR_UNKNOWN_ENCODING]: Unknown encoding: nope
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void sliceAndSubarrayShareMemoryLikeNode(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const b = Buffer.from('abcdef'); const s = b.slice(1, 3); s[0] = 88;
                [b, s, b.subarray(-2), b.slice(-2, -1), b.slice(4, 2)]
                => [Buffer<61 58 63 64 65 66>,Buffer<58 63>,Buffer<65 66>,Buffer<65>,Buffer<>]
                const b = Buffer.from([1, 2, 3]);
                [Buffer.isBuffer(b), Buffer.isBuffer(new Uint8Array(1)), b instanceof Uint8Array, b.buffer instanceof ArrayBuffer]
                => [true,false,true,true]
                [...Buffer.from('ab').entries()].join('|') + ' ' + [...Buffer.from('ab').keys()] + ' ' + [...Buffer.from('ab').values()]
                => "0,97|1,98 0,1 97,98"
                Buffer.from('hello world').toLocaleString()
                => "hello world"
                String(Buffer.from('hi'))
                => "hi"
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void intsOfEveryWidthReadAsInNode(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const b = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0x80]);
                [b.readUInt8(0), b.readUint8(9), b.readInt8(8), b.readInt8(9), b.readUInt16LE(0), b.readUInt16BE(0), b.readUint16LE(8), b.readInt16LE(8), b.readInt16BE(8)]
                => [1,128,-1,-128,513,258,33023,-32513,-128]
                const b = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0x80]);
                [b.readUInt32LE(0), b.readUInt32BE(0), b.readUint32BE(6), b.readInt32LE(6), b.readInt32BE(6)]
                => [67305985,16909060,118030208,-2130769913,118030208]
                const b = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0x80]);
                [b.readUIntLE(0, 6), b.readUIntBE(0, 6), b.readUintBE(1, 3), b.readIntLE(4, 6), b.readIntBE(4, 6), b.readIntBE(8, 2), b.readIntLE(7, 3), b.readUIntLE(5, 5), b.readIntBE(5, 5), b.readUIntBE(9, 1)]
                => [6618611909121,1108152157446,131844,-139642137016827,5523445972864,-128,-8323320,554034530054,25887833984,128]
                Buffer.from([1, 2, 3]).readUInt16BE()
                => 258
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void aReadOutsideTheBufferFailsWithNodesError(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const b = Buffer.from([1, 2, 3]);
                b.readUInt16LE(2)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 and <= 1. Received 2
                Buffer.from([1, 2, 3]).readUInt8(3)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 and <= 2. Received 3
                Buffer.from([1, 2, 3]).readUInt8(-1)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 and <= 2. Received -1
                Buffer.from([1, 2, 3]).readUInt8(1.5)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be an integer. Received 1.5
                Buffer.from([1, 2, 3]).readUInt8('1')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "offset" argument must be of type number. Received type string ('1')
                Buffer.from([1, 2, 3]).readUInt32LE(0)
                => !RangeError [ERR_BUFFER_OUT_OF_BOUNDS]: Attempt to access memory outside buffer bounds
                Buffer.from([1, 2, 3]).readUInt16LE(NaN)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be an integer. Received NaN
                Buffer.from([1, 2, 3]).readUIntLE(0, 7)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received 7
                Buffer.from([1, 2, 3]).readUIntLE(0)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "byteLength" argument must be of type number. Received undefined
                Buffer.from([1, 2, 3]).readUIntLE(undefined, 2)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "offset" argument must be of type number. Received undefined
                Buffer.from([1, 2, 3]).readIntBE(0, 0)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received 0
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void intsOfEveryWidthWriteAsInNode(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const b = Buffer.alloc(10);
                [b.writeUInt8(255), b.writeInt8(-2, 1), b.writeUInt16LE(0x1234, 2), b.writeInt16BE(-2, 4), b.writeUint32BE(0xdeadbeef, 6), b]
                => [1,2,4,6,10,Buffer<ff fe 34 12 ff fe de ad be ef>]
                const b = Buffer.alloc(8);
                [b.writeInt32LE(-5, 0), b.writeUInt32LE(4294967295, 4), b]
                => [4,8,Buffer<fb ff ff ff ff ff ff ff>]
                const b = Buffer.alloc(12);
                [b.writeUIntLE(0x123456789abc, 0, 6), b.writeIntBE(-2, 6, 6), b]
                => [6,12,Buffer<bc 9a 78 56 34 12 ff ff ff ff ff fe>]
                const b = Buffer.alloc(8);
                [b.writeUIntBE(0x123456, 0, 3), b.writeIntLE(-0x123456, 3, 3), b.writeUintLE(0x0102030405, 0, 5), b]
                => [3,6,5,Buffer<05 04 03 02 01 ed 00 00>]
                const b = Buffer.alloc(4);
                [b.writeUInt8(1.7), b.writeInt8('-3', 1), b.writeUInt16LE(NaN, 2), b]
                => [1,2,4,Buffer<01 fd 00 00>]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void aValueOutOfRangeForItsWidthIsRefusedWithTheRange(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                Buffer.alloc(4).writeUInt8(256)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "value" is out of range. It must be >= 0 and <= 255. Received 256
                Buffer.alloc(4).writeInt8(-129)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "value" is out of range. It must be >= -128 and <= 127. Received -129
                Buffer.alloc(4).writeUInt16LE(65536)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "value" is out of range. It must be >= 0 and <= 65535. Received 65536
                Buffer.alloc(4).writeInt16BE(-32769)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "value" is out of range. It must be >= -32768 and <= 32767. Received -32769
                Buffer.alloc(4).writeUInt32LE(-1)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "value" is out of range. It must be >= 0 and <= 4294967295. Received -1
                Buffer.alloc(4).writeInt32BE(2 ** 31)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "value" is out of range. It must be >= -2147483648 and <= 2147483647. Received 2147483648
                Buffer.alloc(4).writeUInt32LE(2 ** 40)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "value" is out of range. It must be >= 0 and <= 4294967295. Received 1_099_511_627_776
                Buffer.alloc(8).writeUIntLE(2 ** 48, 0, 6)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "value" is out of range. It must be >= 0 and < 2 ** 48. Received 281_474_976_710_656
                Buffer.alloc(8).writeIntBE(-(2 ** 47) - 1, 0, 6)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "value" is out of range. It must be >= -(2 ** 47) and < 2 ** 47. Received -140_737_488_355_329
                Buffer.alloc(8).writeUIntBE(2 ** 40, 0, 5)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "value" is out of range. It must be >= 0 and < 2 ** 40. Received 1_099_511_627_776
                Buffer.alloc(8).writeUIntBE(2 ** 24, 0, 3)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "value" is out of range. It must be >= 0 and <= 16777215. Received 16777216
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void aWriteOutsideTheBufferFailsWithNodesError(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                Buffer.alloc(4).writeUInt16LE(1, 3)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 and <= 2. Received 3
                Buffer.alloc(4).writeUInt8(1, 4)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 and <= 3. Received 4
                Buffer.alloc(4).writeUInt8(1, '0')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "offset" argument must be of type number. Received type string ('0')
                Buffer.alloc(4).writeUInt16LE(1, '0')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "offset" argument must be of type number. Received type string ('0')
                Buffer.alloc(4).writeUIntLE(1, 0, 7)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received 7
                Buffer.alloc(4).writeUIntLE(1, 0)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "byteLength" argument must be of type number. Received undefined
                Buffer.alloc(8).writeUInt32LE(1, 6)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 and <= 4. Received 6
                Buffer.alloc(1).writeUInt16LE(1, 0)
                => !RangeError [ERR_BUFFER_OUT_OF_BOUNDS]: Attempt to access memory outside buffer bounds
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void floatsAndDoublesRoundTripInBothByteOrders(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const b = Buffer.alloc(12);
                [b.writeFloatLE(1.5), b.writeFloatBE(-0.1, 4), b.writeFloatLE('2', 8), b, b.readFloatLE(0), b.readFloatBE(4), b.readFloatLE(8)]
                => [4,8,12,Buffer<00 00 c0 3f bd cc cc cd 00 00 00 40>,1.5,-0.10000000149011612,2]
                const b = Buffer.alloc(16);
                [b.writeDoubleLE(Math.PI), b.writeDoubleBE(-1e300, 8), b, b.readDoubleLE(0), b.readDoubleBE(8)]
                => [8,16,Buffer<18 2d 44 54 fb 21 09 40 fe 37 e4 3c 88 00 75 9c>,3.141592653589793,-1e+300]
                const b = Buffer.alloc(4);
                [b.writeFloatLE(1e40), b.readFloatLE(0), b.writeFloatBE(NaN), b.readFloatBE(0), b.writeFloatLE(-0), b.readFloatLE(0)]
                => [4,Infinity,4,NaN,4,-0]
                Buffer.alloc(4).readDoubleLE(0)
                => !RangeError [ERR_BUFFER_OUT_OF_BOUNDS]: Attempt to access memory outside buffer bounds
                Buffer.alloc(4).writeDoubleLE(1)
                => !RangeError [ERR_BUFFER_OUT_OF_BOUNDS]: Attempt to access memory outside buffer bounds
                Buffer.alloc(8).readFloatBE(5)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 and <= 4. Received 5
                Buffer.alloc(8).writeFloatBE(1, 1.5)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be an integer. Received 1.5
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void bigInt64ReadsAndWritesOnBothEngines(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const b = Buffer.alloc(16);
                [b.writeBigUInt64LE(18446744073709551615n), b.writeBigInt64BE(-2n, 8), b, b.readBigUInt64LE(0), b.readBigInt64BE(8), b.readBigUint64BE(8), b.readBigInt64LE(0)]
                => [8,16,Buffer<ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff fe>,18446744073709551615n,-2n,18446744073709551614n,-1n]
                const b = Buffer.alloc(8);
                [b.writeBigUint64BE(0x0102030405060708n), b, b.readBigUInt64BE(), b.readBigUInt64LE()]
                => [8,Buffer<01 02 03 04 05 06 07 08>,72623859790382856n,578437695752307201n]
                Buffer.alloc(8).writeBigUInt64LE(18446744073709551616n)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "value" is out of range. It must be >= 0n and < 2n ** 64n. Received 18_446_744_073_709_551_616n
                Buffer.alloc(8).writeBigInt64LE(-9223372036854775809n)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "value" is out of range. It must be >= -(2n ** 63n) and < 2n ** 63n. Received -9_223_372_036_854_775_809n
                Buffer.alloc(8).writeBigInt64LE(-5n, 1)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 and <= 0. Received 1
                Buffer.alloc(4).readBigInt64LE(0)
                => !RangeError [ERR_BUFFER_OUT_OF_BOUNDS]: Attempt to access memory outside buffer bounds
                Buffer.alloc(16).readBigUInt64BE(9)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 and <= 8. Received 9
                Buffer.alloc(8).writeBigInt64LE(1n, 0.5)
                => !RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be an integer. Received 0.5
                """);
    }
}
