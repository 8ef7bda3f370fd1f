package com.example.node;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code node:stream} and {@code node:stream/promises} for what a relay or a line protocol needs: Readable, Writable,
 * Transform, PassThrough, Duplex, pipe, pipeline, finished, Readable.from; events in Node's order, Node's errors.
 * Every expectation is Node 20's output for the same code (the conn side is in the oracle's relay scenarios).
 */
class StreamTest {

    private static final String IMPORTS = """
            import stream, { Readable, Writable, Transform, PassThrough, Duplex, pipeline, finished } from 'node:stream';
            import { pipeline as pipelineP, finished as finishedP } from 'node:stream/promises';
            const collect = (r) => new Promise((resolve) => { const got = []; r.on('data', (c) => got.push(typeof c === 'string' ? c : Buffer.isBuffer(c) ? 'B:' + c.toString() : c)); r.on('end', () => resolve(got)); });
            const sink = (log) => new Writable({ write(c, enc, cb) { log.push('write ' + c.toString() + ' ' + enc); cb(); }, final(cb) { log.push('final'); cb(); } });
            const upper = () => new Transform({ transform(c, enc, cb) { cb(null, c.toString().toUpperCase()); } });
            const trace = (s, log, name) => { for (const e of ['end', 'finish', 'close', 'error', 'pause', 'resume']) s.on(e, (x) => log.push(name + ':' + e + (x instanceof Error ? ' ' + x.code : ''))); return s; };
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void readableFromGivesItsItemsThenEndsAndCloses(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const log = [];
                const r = trace(Readable.from(['a', 'b', 'c']), log, 'r');
                r.on('data', (d) => log.push('data ' + d));
                log.push('sync ' + r.readableFlowing + ' ' + r.readableObjectMode + ' ' + r.readableHighWaterMark);
                new Promise((resolve) => r.on('close', () => setImmediate(() => resolve(log))))
                => ["sync true true 1","r:resume","data a","data b","data c","r:end","r:close"]
                collect(Readable.from(Buffer.from('whole')))
                => ["B:whole"]
                collect(Readable.from('text'))
                => ["text"]
                collect(Readable.from(new Set([1, 2])))
                => [1,2]
                Readable.from(5)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "iterable" argument must be an instance of Iterable. Received type number (5)
                const p = Readable.from([Promise.resolve('x'), 'y']);
                collect(p)
                => ["x","y"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void aReadablePushesOnDemandAndDecodesWithSetEncoding(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const parts = [Buffer.from([0x63, 0x61, 0x66, 0xc3]), Buffer.from([0xa9, 0x21])];
                const r = new Readable({ read() { this.push(parts.length ? parts.shift() : null); } });
                r.setEncoding('utf8');
                collect(r)
                => ["caf","\\u00e9!"]
                const log = [];
                const r2 = new Readable({ read() {} });
                r2.push('ab'); r2.push('cd'); r2.push(null);
                r2.on('readable', () => { let c; log.push('readable ' + r2.readableLength); while ((c = r2.read(3)) !== null) log.push('read ' + c); });
                new Promise((resolve) => r2.on('end', () => resolve([...log, 'end', r2.readableEnded])))
                => ["readable 4","read abc","read d","readable 0","end",true]
                const r3 = new Readable({ read() {} });
                r3.push(null);
                r3.push('late');
                new Promise((resolve) => r3.on('error', (e) => resolve([e.code, e.message, r3.destroyed])))
                => ["ERR_STREAM_PUSH_AFTER_EOF","stream.push() after EOF",true]
                const r4 = new Readable({ read() {} });
                new Promise((resolve) => { r4.on('error', (e) => resolve([e.code, e.message, r4.destroyed])); r4.push(5); })
                => ["ERR_INVALID_ARG_TYPE","The \\u0022chunk\\u0022 argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)",true]
                const r5 = new Readable();
                new Promise((resolve) => { r5.on('error', (e) => resolve([e.code, e.message])); r5.read(); })
                => ["ERR_METHOD_NOT_IMPLEMENTED","The _read() method is not implemented"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void aWritableCallsBackInOrderFinishesAndReportsBackpressure(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const log = [];
                const w = trace(sink(log), log, 'w');
                log.push('ret ' + w.write('a', () => log.push('cb a')));
                log.push('ret ' + w.write(Buffer.from('b'), () => log.push('cb b')));
                w.end('c', () => log.push('end cb'));
                log.push('sync ' + w.writableEnded + ' ' + w.writableFinished + ' ' + w.writable);
                new Promise((resolve) => w.on('close', () => resolve([...log, w.writableFinished, w.destroyed])))
                => ["write a buffer","ret true","write b buffer","ret true","write c buffer","final","sync true false false","cb a","cb b","end cb","w:finish","w:close",true,true]
                const pending = [];
                const slow = new Writable({ highWaterMark: 4, write(c, e, cb) { pending.push(cb); } });
                const first = slow.write('abc');
                const second = slow.write('de');
                const state = [first, second, slow.writableLength, slow.writableNeedDrain];
                new Promise((resolve) => { slow.on('drain', () => resolve([...state, 'drain', slow.writableLength])); pending.shift()(); setImmediate(() => pending.shift()()); })
                => [true,false,5,true,"drain",0]
                const w2 = new Writable({ write(c, e, cb) { cb(); } });
                w2.end();
                const errors = [];
                w2.on('error', (e) => errors.push('error event ' + e.code));
                new Promise((resolve) => w2.write('x', (err) => setImmediate(() => resolve([err.code, err.message, ...errors]))))
                => ["ERR_STREAM_WRITE_AFTER_END","write after end","error event ERR_STREAM_WRITE_AFTER_END"]
                const w3 = new Writable({ write(c, e, cb) { cb(new Error('disk full')); } });
                new Promise((resolve) => { const seen = []; w3.on('error', (e) => seen.push('error ' + e.message)); w3.on('close', () => resolve([...seen, 'close', w3.destroyed, w3.errored.message])); w3.write('x', (e) => seen.push('cb ' + e.message)); })
                => ["cb disk full","error disk full","close",true,"disk full"]
                new Writable().write(null)
                => !TypeError [ERR_STREAM_NULL_VALUES]: May not write null values to stream
                new Writable().write(5)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "chunk" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)
                const w4 = new Writable();
                new Promise((resolve) => { w4.on('error', (e) => resolve([e.code, e.message])); w4.write('x'); })
                => !Error [ERR_METHOD_NOT_IMPLEMENTED]: The _write() method is not implemented
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void pipeAndPipelineCarryTransformsAndReportTheFirstError(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const log = [];
                const out = sink(log);
                Readable.from(['a', 'b']).pipe(upper()).pipe(out);
                new Promise((resolve) => out.on('finish', () => resolve(log)))
                => ["write A buffer","write B buffer","final"]
                const log2 = [];
                new Promise((resolve) => pipeline(Readable.from(['x', 'y']), upper(), new PassThrough(), sink(log2), (err) => resolve([err, ...log2])))
                => [undefined,"write X buffer","write Y buffer","final"]
                const log3 = [];
                const src = trace(Readable.from(['1', '2', '3']), log3, 'src');
                const bad = trace(new Transform({ transform(c, e, cb) { cb(c.toString() === '2' ? new Error('bad chunk') : null, c); } }), log3, 'bad');
                const dst = trace(sink(log3), log3, 'dst');
                new Promise((resolve) => pipeline(src, bad, dst, (err) => setImmediate(() => resolve([err.message, src.destroyed, bad.destroyed, dst.destroyed, ...log3]))))
                => ["bad chunk",true,true,true,"src:resume","write 1 buffer","src:pause","bad:resume","bad:error undefined","bad:close","bad:pause","dst:error undefined","dst:close","src:error undefined","src:close"]
                const log4 = [];
                pipelineP(Readable.from(['p', 'q']), upper(), sink(log4)).then((v) => [v, ...log4])
                => [undefined,"write P buffer","write Q buffer","final"]
                pipelineP(Readable.from(['p']), new Transform({ transform(c, e, cb) { cb(new Error('nope')); } }), sink([])).then(() => 'resolved', (e) => 'rejected ' + e.message)
                => "rejected nope"
                pipeline(Readable.from(['a']))
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "streams[stream.length - 1]" property must be of type function. Received an instance of Readable
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void finishedTellsAboutTheEndAPrematureCloseOrAnError(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const r = Readable.from(['a']);
                r.resume();
                new Promise((resolve) => finished(r, (err) => resolve(['done', err, r.readableEnded])))
                => ["done",undefined,true]
                const r2 = new Readable({ read() {} });
                setImmediate(() => r2.destroy());
                new Promise((resolve) => finished(r2, (err) => resolve([err.code, err.message])))
                => ["ERR_STREAM_PREMATURE_CLOSE","Premature close"]
                const w = new Writable({ write(c, e, cb) { cb(); } });
                setImmediate(() => w.destroy(new Error('gone')));
                finishedP(w).then(() => 'resolved', (e) => 'rejected ' + e.message)
                => "rejected gone"
                const w2 = new Writable({ write(c, e, cb) { cb(); } });
                w2.end('x');
                finishedP(w2).then(() => ['resolved', w2.writableFinished])
                => ["resolved",true]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void duplexTransformAndPassThroughAreWhatNodeSaysTheyAre(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const d = new Duplex({ read() {}, write(c, e, cb) { this.push(c); cb(); } });
                [d instanceof Readable, d instanceof Writable, d instanceof Duplex, d instanceof stream.Stream, upper() instanceof Duplex, new PassThrough() instanceof Transform, new Readable() instanceof Writable, d.allowHalfOpen, stream.Readable === Readable, stream.promises.pipeline === pipelineP]
                => [true,true,true,true,true,true,false,true,true,true]
                =rhino=> [true,false,true,true,true,true,false,true,true,true]
                const log = [];
                const d2 = new Duplex({ allowHalfOpen: false, read() {}, write(c, e, cb) { cb(); } });
                trace(d2, log, 'd2');
                d2.resume();
                d2.push(null);
                new Promise((resolve) => d2.on('close', () => resolve([...log, d2.writableEnded])))
                => ["d2:resume","d2:end","d2:finish","d2:close",true]
                const t = new Transform({ transform(c, e, cb) { cb(null, c); }, flush(cb) { cb(null, '!'); } });
                t.end('hey');
                collect(t)
                => ["B:hey","B:!"]
                const pt = new PassThrough({ objectMode: true });
                pt.write({ n: 1 }); pt.end({ n: 2 });
                collect(pt).then((items) => items.map((i) => i.n))
                => [1,2]
                """);
    }
}
