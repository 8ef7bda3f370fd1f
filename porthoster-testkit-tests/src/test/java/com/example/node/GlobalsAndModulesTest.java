package com.example.node;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The globals and modules handler code imports: {@code atob}/{@code btoa}, {@code EventTarget}/{@code Event},
 * {@code AbortSignal.any/timeout}, {@code node:events}, {@code node:util}, {@code node:net}, {@code node:buffer},
 * {@code node:assert}. Every expectation is Node 20's output for the same code.
 */
class GlobalsAndModulesTest {

    private static final String IMPORTS = """
            import events, { EventEmitter, once, on, errorMonitor, captureRejectionSymbol } from 'node:events';
            import util, { format, promisify, types, inspect } from 'node:util';
            import net, { isIP, isIPv4, isIPv6 } from 'node:net';
            import assert from 'node:assert';
            import strictAssert from 'node:assert/strict';
            import { Buffer as B2, atob as atob2, btoa as btoa2, constants, kMaxLength } from 'node:buffer';
            const caught = (fn) => { try { fn(); return 'no throw'; } catch (e) { return [e.name, e.code, e.message]; } };
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void aBuiltinImportedWithoutNodePrefixIsTheSameModule(String engine) {
        NodeParity.check(engine, dir, """
                import { Buffer as B1 } from 'buffer';
                import { Buffer as B2 } from 'node:buffer';
                import { setTimeout as wait } from 'timers/promises';
                import { EventEmitter } from 'events';
                """, """
                [B1 === B2, B1 === Buffer, typeof wait, typeof new EventEmitter().on]
                => [true,true,"function","function"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void atobAndBtoaAreTheWhatwgForgivingBase64(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                [btoa('hello'), btoa('\\u00ff\\u00fe'), atob('aGVsbG8='), atob(' aGVs bG8 '), atob('aGVsbG8'), atob('')]
                => ["aGVsbG8=","//4=","hello","hello","hello",""]
                caught(() => btoa('€'))
                => ["InvalidCharacterError",5,"Invalid character"]
                caught(() => atob('a'))
                => ["InvalidCharacterError",5,"The string to be decoded is not correctly encoded."]
                caught(() => atob('a$bc'))
                => ["InvalidCharacterError",5,"Invalid character"]
                caught(() => atob())
                => ["TypeError","ERR_MISSING_ARGS","The \\u0022input\\u0022 argument must be specified"]
                [atob2 === atob, btoa2 === btoa, B2 === Buffer, kMaxLength, constants.MAX_LENGTH]
                => [true,true,true,4294967296,4294967296]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void netIsIpTellsFourSixOrZeroAsNode(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                [isIP('127.0.0.1'), isIP('::1'), isIP('fe80::1%eth0'), isIP('256.1.1.1'), isIP('1.2.3'), isIP('::ffff:1.2.3.4'), isIP('x'), isIP(''), isIPv4('10.0.0.1'), isIPv6('10.0.0.1'), isIPv6('2001:db8::8a2e:370:7334'), net.isIP('1::2::3')]
                => [4,6,6,0,0,6,0,0,true,false,true,0]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void eventTargetDispatchesToEachListenerOnceWithOnceSignalAndStop(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const log = [];
                const t = new EventTarget();
                const f = (e) => log.push([e.type, e.target === t, e.currentTarget === t, e.isTrusted, e.defaultPrevented]);
                t.addEventListener('ping', f); t.addEventListener('ping', f); t.addEventListener('ping', { handleEvent: (e) => log.push('obj ' + e.type) }, { once: true });
                const r1 = t.dispatchEvent(new Event('ping'));
                const r2 = t.dispatchEvent(new Event('ping', { cancelable: true }));
                t.removeEventListener('ping', f);
                t.dispatchEvent(new Event('ping'));
                [log, r1, r2]
                => [[["ping",true,true,false,false],"obj ping",["ping",true,true,false,false]],true,true]
                const t = new EventTarget();
                t.addEventListener('x', (e) => e.preventDefault());
                const e = new Event('x', { cancelable: true });
                [t.dispatchEvent(e), e.defaultPrevented, t.dispatchEvent(new Event('x')), new CustomEvent('c', { detail: 5 }).detail]
                => [false,true,true,5]
                const log = [];
                const t = new EventTarget();
                t.addEventListener('x', () => log.push(1)); t.addEventListener('x', (e) => { log.push(2); e.stopImmediatePropagation(); }); t.addEventListener('x', () => log.push(3));
                t.dispatchEvent(new Event('x'));
                log
                => [1,2]
                const ac = new AbortController();
                const t = new EventTarget();
                const log = [];
                t.addEventListener('x', () => log.push('x'), { signal: ac.signal });
                t.dispatchEvent(new Event('x')); ac.abort(); t.dispatchEvent(new Event('x'));
                [log, ac.signal instanceof EventTarget, ac.signal.aborted, ac.signal.reason.name]
                => [["x"],true,true,"AbortError"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void abortSignalAnyAndTimeoutAbortWithTheReason(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const a = new AbortController(), b = new AbortController();
                const any = AbortSignal.any([a.signal, b.signal]);
                const log = [];
                any.addEventListener('abort', () => log.push('any'));
                b.abort('why');
                [any.aborted, any.reason, log, AbortSignal.any([AbortSignal.abort(1)]).reason]
                => [true,"why",["any"],1]
                caught(() => AbortSignal.any('x'))
                => ["TypeError","ERR_INVALID_ARG_TYPE","The \\u0022signals\\u0022 argument must be an instance of Array. Received type string ('x')"]
                const s = AbortSignal.timeout(5);
                new Promise((r) => setTimeout(r, 30)).then(() => [s.aborted, s.reason.name, s.reason.message])
                => [true,"TimeoutError","The operation was aborted due to timeout"]
                caught(() => AbortSignal.timeout(-1))
                => ["RangeError","ERR_OUT_OF_RANGE","The value of \\u0022delay\\u0022 is out of range. It must be >= 0 && <= 4294967295. Received -1"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void errorMonitorSeesAnErrorBeforeTheListenersAndAnUnheardErrorThrows(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const e = new EventEmitter();
                const log = [];
                e.on(errorMonitor, (err) => log.push('monitor ' + err.message));
                e.on('error', (err) => log.push('error ' + err.message));
                e.emit('error', new Error('boom'));
                log
                => ["monitor boom","error boom"]
                const e = new EventEmitter();
                e.on(errorMonitor, (err) => {});
                caught(() => e.emit('error', new Error('unheard')))
                => ["Error",undefined,"unheard"]
                caught(() => new EventEmitter().emit('error', 'text'))
                => ["Error","ERR_UNHANDLED_ERROR","Unhandled error. ('text')"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void captureRejectionsTurnsARejectedListenerIntoAnError(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const e = new EventEmitter({ captureRejections: true });
                const log = [];
                e.on('error', (err) => log.push('error ' + err.message));
                e.on('go', async () => { throw new Error('async boom'); });
                e.emit('go');
                new Promise((r) => setTimeout(r, 10)).then(() => log)
                => ["error async boom"]
                const e = new EventEmitter({ captureRejections: true });
                const log = [];
                e[captureRejectionSymbol] = (err, name, arg) => log.push([err.message, name, arg]);
                e.on('go', async () => { throw new Error('x'); });
                e.emit('go', 7);
                new Promise((r) => setTimeout(r, 10)).then(() => log)
                => [["x","go",7]]
                caught(() => new EventEmitter({ captureRejections: 1 }))
                => ["TypeError","ERR_INVALID_ARG_TYPE","The \\u0022options.captureRejections\\u0022 property must be of type boolean. Received type number (1)"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void eventsOnceAndOnAwaitEmissions(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                [EventEmitter.captureRejections, events === EventEmitter, events.once === once, typeof on, typeof EventEmitter.errorMonitor, captureRejectionSymbol === Symbol.for('nodejs.rejection')]
                => [false,true,true,"function","symbol",true]
                const e = new EventEmitter();
                setTimeout(() => e.emit('ready', 1, 2), 5);
                once(e, 'ready')
                => [1,2]
                const e = new EventEmitter();
                const it = on(e, 'tick');
                setTimeout(() => { e.emit('tick', 1); e.emit('tick', 2); }, 5);
                it.next().then((a) => it.next().then((b) => it.return().then((c) => [a, b, c])))
                => [{value:[1],done:false},{value:[2],done:false},{value:undefined,done:true}]
                const signal = AbortSignal.timeout(5);
                setTimeout(() => {}, 50); // Node does not wait for an AbortSignal.timeout
                once(signal, 'abort').then(([event]) => [event.type, event instanceof Event, signal.reason.name])
                => ["abort",true,"TimeoutError"]
                const ac = new AbortController();
                const waiting = once(new EventEmitter(), 'never', { signal: ac.signal });
                ac.abort();
                waiting.then(() => 'resolved', (e) => [e.name, e.code])
                => ["AbortError","ABORT_ERR"]
                once({}, 'x')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "emitter" argument must be an instance of EventEmitter. Received an instance of Object
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void utilFormatPromisifyTypesAndFriendsAsNode(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                [format('%s=%d %i %j %%', 'a', 42.5, 42.5, { x: 1 }), format('a', 'b', 3), format('%s', 'x', 'extra'), format(1, 2), util.format('%d', '0x10')]
                => ["a=42.5 42 {\\u0022x\\u0022:1} %","a b 3","x extra","1 2","16"]
                const sleep = promisify((ms, cb) => setTimeout(() => cb(null, 'slept ' + ms), ms));
                sleep(5)
                => "slept 5"
                const fail = promisify((cb) => cb(new Error('nope')));
                fail().catch((e) => e.message)
                => "nope"
                promisify(setTimeout)(5, 'v')
                => "v"
                [types.isPromise(Promise.resolve()), types.isDate(new Date()), types.isRegExp(/x/), types.isUint8Array(Buffer.alloc(1)), types.isTypedArray(new DataView(new ArrayBuffer(1))), types.isArrayBufferView(new DataView(new ArrayBuffer(1))), types.isMap(new Map()), types.isNativeError(new TypeError()), types.isAnyArrayBuffer(new ArrayBuffer(1))]
                => [true,true,true,true,false,true,true,true,true]
                [util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), util.isDeepStrictEqual([1], ['1']), util.isDeepStrictEqual(new Map([[1, 2]]), new Map([[1, 2]])), util.isDeepStrictEqual(NaN, NaN)]
                => [true,false,true,true]
                [new util.TextEncoder().encode('é'), new util.TextDecoder().decode(new Uint8Array([0xc3, 0xa9])), util.TextEncoder === TextEncoder]
                => [Uint8Array<c3 a9>,"\\u00e9",true]
                function A() {} function Bc() {}
                util.inherits(A, Bc);
                [new A() instanceof Bc, A.super_ === Bc]
                => [true,true]
                caught(() => promisify(5))
                => ["TypeError","ERR_INVALID_ARG_TYPE","The \\u0022original\\u0022 argument must be of type function. Received type number (5)"]
                [inspect('str'), inspect(5), inspect([1, 'a']), inspect({ a: 1, b: 'x' }), inspect(Buffer.from('hi')), inspect(null), inspect(undefined)]
                => ["'str'","5","[ 1, 'a' ]","{ a: 1, b: 'x' }","<Buffer 68 69>","null","undefined"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void textDecoderStreamsKeepsWhatAChunkCutAndHonoursFatalAndTheBom(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const d = new TextDecoder();
                [d.decode(new Uint8Array([0xef, 0xbb]), { stream: true }), d.decode(new Uint8Array([0xbf, 0x68, 0xc3]), { stream: true }), d.decode(new Uint8Array([0xa9])), d.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))]
                => ["","h","\\u00e9","A"]
                [new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), new TextDecoder().decode(new Uint8Array([0x41, 0xc3])), new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0x41, 0xc3]), { stream: true })]
                => ["\\ufeffA","A\\ufffd","A"]
                new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0x41, 0xc3]))
                => !TypeError [ERR_ENCODING_INVALID_ENCODED_DATA]: The encoded data was not valid for encoding utf-8
                const f = new TextDecoder('utf-8', { fatal: true });
                [f.decode(new Uint8Array([0xe2, 0x82]), { stream: true }), f.decode(new Uint8Array([0xac]))]
                => ["","\\u20ac"]
                new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xed, 0xa0, 0x80]))
                => !TypeError [ERR_ENCODING_INVALID_ENCODED_DATA]: The encoded data was not valid for encoding utf-8
                [new TextDecoder('latin1').encoding, new TextDecoder('ascii').encoding, new TextDecoder('utf-16').encoding, new TextDecoder(' UTF8 ').encoding, new TextDecoder('latin1').decode(new Uint8Array([0x80, 0xe9]))]
                => ["windows-1252","windows-1252","utf-16le","utf-8","\\u0080\\u00e9"]
                const u16 = new TextDecoder('utf-16le');
                [new TextDecoder('utf-16le').decode(new Uint8Array([0x68, 0, 0x3d, 0xd8, 0x00, 0xde, 0x41])), u16.decode(new Uint8Array([0xff, 0xfe, 0x68]), { stream: true }), u16.decode(new Uint8Array([0]))]
                => ["h\\ud83d\\ude00\\ufffd","","h"]
                new TextDecoder('nope')
                => !RangeError [ERR_ENCODING_NOT_SUPPORTED]: The "nope" encoding is not supported
                new TextDecoder().decode('x')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.
                [new TextDecoder().fatal, new TextDecoder(undefined, { fatal: 1 }).fatal, new TextDecoder().ignoreBOM, new TextDecoder().decode(new DataView(new Uint8Array([0x68, 0x69]).buffer))]
                => [false,true,false,"hi"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void textEncoderEncodesIntoWholeCharactersOnly(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const e = new TextEncoder();
                const u = new Uint8Array(4);
                [e.encodeInto('h€llo', u), [...u], e.encodeInto('😀x', new Uint8Array(3)), e.encode().length, e.encode(null).length, e.encode(5), e.encode('\\ud800x')]
                => [{read:2,written:4},[104,226,130,172],{read:0,written:0},0,4,Uint8Array<35>,Uint8Array<ef bf bd 78>]
                new TextEncoder().encodeInto('x', 'y')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "dest" argument must be an instance of Uint8Array. Received type string ('y')
                new TextEncoder().encodeInto(5, new Uint8Array(2))
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "src" argument must be of type string. Received type number (5)
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void anEventEmitterCanBeInheritedTheWayCodeBeforeClassesDoes(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                function Legacy(name) { EventEmitter.call(this); this.name = name; }
                util.inherits(Legacy, EventEmitter);
                Legacy.prototype.hello = function () { this.emit('hello', this.name); };
                const l = new Legacy('old');
                const seen = [];
                l.on('hello', (n) => seen.push(n));
                l.prependOnceListener('hello', (n) => seen.push('first ' + n));
                l.hello(); l.hello();
                [seen, l instanceof EventEmitter, typeof EventEmitter.init, l.eventNames(), new EventEmitter().getMaxListeners()]
                => [["first old","old","old"],true,"function",["hello"],10]
                const m = new EventEmitter();
                m.on(errorMonitor, () => {});
                m.on('x', () => {});
                m.eventNames()
                => ["x",Symbol(events.errorMonitor)]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void theSmallerExportsOfUtilEventsBufferStreamAndAssertAsNode(String engine) {
        NodeParity.check(engine, dir, """
                import { debuglog, stripVTControlCharacters, toUSVString, formatWithOptions, isPrimitive, isBuffer, isNullOrUndefined, types, aborted } from 'node:util';
                import { listenerCount, getMaxListeners, setMaxListeners, defaultMaxListeners, captureRejections, addAbortListener, EventEmitter } from 'node:events';
                import { isUtf8, isAscii, kStringMaxLength, INSPECT_MAX_BYTES } from 'node:buffer';
                import { Readable, isDestroyed, isWritable, isDisturbed, getDefaultHighWaterMark } from 'node:stream';
                import { doesNotMatch } from 'node:assert';
                """, """
                const d = debuglog('x');
                [typeof d, d.enabled, stripVTControlCharacters('\\u001b[31mred\\u001b[0m'), toUSVString('a\\ud800b'), formatWithOptions({ colors: true }, '%s=%d', 'a', 1), isPrimitive(null), isBuffer(Buffer.alloc(1)), isNullOrUndefined(undefined)]
                => ["function",false,"red","a\\ufffdb","a=1",true,true,true]
                [types.isUint8ClampedArray(new Uint8ClampedArray(1)), types.isMapIterator(new Map().keys()), types.isSetIterator(new Set().values()), types.isGeneratorObject((function* () {})()), types.isBigIntObject(Object(1n)), types.isArgumentsObject((function () { return arguments; })())]
                => [true,true,true,true,true,true]
                const e = new EventEmitter();
                e.on('x', () => {});
                const before = [listenerCount(e, 'x'), getMaxListeners(e), defaultMaxListeners, captureRejections];
                setMaxListeners(3, e);
                [...before, e.getMaxListeners()]
                => [1,10,10,false,3]
                const ac = new AbortController();
                const heard = [];
                const disposable = addAbortListener(ac.signal, () => heard.push('aborted'));
                ac.abort();
                aborted(ac.signal, {}).then(() => [heard, typeof disposable])
                => [["aborted"],"object"]
                [isUtf8(Buffer.from([0xc3, 0xa9])), isUtf8(Buffer.from([0xc3])), isAscii(Buffer.from('ab')), isAscii(Buffer.from('é')), kStringMaxLength, INSPECT_MAX_BYTES]
                => [true,false,true,false,536870888,50]
                isUtf8('x')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "input" argument must be an instance of ArrayBuffer, Buffer, or TypedArray. Received type string ('x')
                const r = new Readable({ read() {} });
                [isDestroyed(r), isWritable(r), isDisturbed(r), getDefaultHighWaterMark(false), getDefaultHighWaterMark(true)]
                => [false,null,false,16384,16]
                const caughtMessage = (fn) => { try { fn(); return 'no throw'; } catch (e) { return [e.name, e.code, e.operator, e.message.split('\\n')]; } };
                [caughtMessage(() => doesNotMatch('abc', /b/)), caughtMessage(() => doesNotMatch('abc', /x/)), caughtMessage(() => doesNotMatch(1, /x/))]
                => [["AssertionError","ERR_ASSERTION","doesNotMatch",["The input was expected to not match the regular expression /b/. Input:","","'abc'",""]],"no throw",["AssertionError","ERR_ASSERTION","doesNotMatch",["The \\u0022string\\u0022 argument must be of type string. Received type number (1)"]]]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void assertFailsWithNodesAssertionError(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                caught(() => assert.strictEqual(1, 2))
                => ["AssertionError","ERR_ASSERTION","Expected values to be strictly equal:\\u000a\\u000a1 !== 2\\u000a"]
                caught(() => assert.strictEqual(1, 2, 'my message'))
                => ["AssertionError","ERR_ASSERTION","my message\\u000a\\u000a1 !== 2\\u000a"]
                caught(() => assert(false))
                => ["AssertionError","ERR_ASSERTION","The expression evaluated to a falsy value:\\u000a\\u000a  assert(false)\\u000a"]
                =graal=> ["AssertionError","ERR_ASSERTION","The expression evaluated to a falsy value"]
                =rhino=> ["AssertionError","ERR_ASSERTION","The expression evaluated to a falsy value"]
                caught(() => assert.ok(0, 'zero'))
                => ["AssertionError","ERR_ASSERTION","zero"]
                [caught(() => assert.deepStrictEqual({ a: 1 }, { a: 1 })), caught(() => assert.deepEqual({ a: 1 }, { a: '1' })), caught(() => assert.equal(1, '1')), caught(() => strictAssert.equal(1, 1))]
                => ["no throw","no throw","no throw","no throw"]
                caught(() => strictAssert.equal(1, '1'))[0]
                => "AssertionError"
                caught(() => assert.notStrictEqual(1, 1))
                => ["AssertionError","ERR_ASSERTION","Expected \\u0022actual\\u0022 to be strictly unequal to: 1"]
                caught(() => assert.deepStrictEqual({ a: 1 }, { a: '1' }))[0]
                => "AssertionError"
                [caught(() => assert.throws(() => { throw new TypeError('t'); }, TypeError)), caught(() => assert.throws(() => { throw new TypeError('t'); }, /t/)), caught(() => assert.throws(() => { throw new TypeError('t'); }, { name: 'TypeError', message: 't' }))]
                => ["no throw","no throw","no throw"]
                caught(() => assert.throws(() => {}))
                => ["AssertionError","ERR_ASSERTION","Missing expected exception."]
                caught(() => assert.throws(() => { throw new TypeError('t'); }, RangeError))
                => ["AssertionError","ERR_ASSERTION","The error is expected to be an instance of \\u0022RangeError\\u0022. Received \\u0022TypeError\\u0022\\u000a\\u000aError message:\\u000a\\u000at"]
                caught(() => assert.fail('bad'))
                => ["AssertionError","ERR_ASSERTION","bad"]
                caught(() => assert.fail())
                => ["AssertionError","ERR_ASSERTION","Failed"]
                assert.rejects(Promise.reject(new Error('r')), /r/).then(() => 'ok')
                => "ok"
                assert.rejects(Promise.resolve(1)).catch((e) => [e.name, e.code, e.message])
                => ["AssertionError","ERR_ASSERTION","Missing expected rejection."]
                caught(() => assert.match('abc', /x/))
                => ["AssertionError","ERR_ASSERTION","The input did not match the regular expression /x/. Input:\\u000a\\u000a'abc'\\u000a"]
                const e = caught(() => assert.strictEqual('a', 'b'));
                [assert.AssertionError === strictAssert.AssertionError, e[0]]
                => [true,"AssertionError"]
                """);
    }
}
