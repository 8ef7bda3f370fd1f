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
 * Timers with Node 20's semantics: order of equal due times, immediates, Timeout and Immediate objects,
 * {@code node:timers} and {@code node:timers/promises}. Every expectation is Node 20's output for the same code
 * (under Node with real time; on the engines on the testkit's virtual clock).
 */
class TimersTest {

    private static final String IMPORTS = """
            const later = (ms) => new Promise((r) => setTimeout(r, ms));
            """;

    private static final String MODULES = IMPORTS + """
            import * as timers from 'node:timers';
            import * as timersPromises from 'node:timers/promises';
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void equalDueTimesFireInCreationOrder(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const log = [];
                setTimeout(() => log.push('a40'), 40); setTimeout(() => log.push('b40'), 40); setTimeout(() => log.push('c5'), 5); setTimeout(() => log.push('d40'), 40);
                later(80).then(() => log)
                => ["c5","a40","b40","d40"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void immediatesRunAfterTheCurrentCallbackWithMicrotasksBetween(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const log = [];
                setTimeout(() => log.push('t1'), 1); setTimeout(() => log.push('t0'), 0); setImmediate(() => log.push('i')); Promise.resolve().then(() => log.push('micro'));
                later(30).then(() => log)
                => ["micro","i","t1","t0"]
                const log = [];
                setImmediate(() => { log.push('i1'); setImmediate(() => log.push('i3')); Promise.resolve().then(() => log.push('m1')); });
                setImmediate(() => log.push('i2'));
                later(30).then(() => log)
                => ["i1","m1","i2","i3"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void anIntervalRunsUntilCleared(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const log = [];
                const t = setInterval(() => { log.push('tick'); if (log.length === 3) clearInterval(t); }, 5);
                later(60).then(() => log)
                => ["tick","tick","tick"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void aTimeoutCallbackGetsItsArgumentsAndTheTimeoutAsThis(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const log = [];
                const t = setTimeout(function (a, b) { log.push([this === t, a, b]); }, 1, 'x', 2);
                later(20).then(() => log)
                => [[true,"x",2]]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void timeoutAndImmediateObjectsHaveNodesMethods(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const t = setTimeout(() => {}, 10);
                const r = [typeof t, t.constructor.name, t.hasRef(), t.unref() === t, t.hasRef(), t.ref().hasRef(), typeof t[Symbol.toPrimitive](), +t === t[Symbol.toPrimitive](), typeof t.refresh, t.close() === t];
                clearTimeout(t);
                r
                => ["object","Timeout",true,true,false,true,"number",true,"function",true]
                const i = setImmediate(() => {});
                const r = [typeof i, i.constructor.name, i.hasRef(), i.unref() === i, i.hasRef(), i.ref().hasRef(), typeof i.refresh, typeof i[Symbol.toPrimitive]];
                clearImmediate(i);
                r
                => ["object","Immediate",true,true,false,true,"undefined","undefined"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void refreshRestartsAFiredTimeoutButNeverAClearedOne(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                let n = 0;
                const t = setTimeout(() => n++, 5);
                later(20).then(() => { t.refresh(); return later(20); }).then(() => n)
                => 2
                let n = 0;
                const t = setTimeout(() => n++, 5);
                clearTimeout(t); t.refresh();
                later(20).then(() => n)
                => 0
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void clearTimeoutTakesTheTimeoutItsNumberOrItsString(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                let n = 0;
                const t = setTimeout(() => n++, 5);
                clearTimeout(+t);
                later(20).then(() => n)
                => 0
                let n = 0;
                const t = setTimeout(() => n++, 5);
                clearTimeout(String(+t));
                later(20).then(() => n)
                => 0
                let n = 0;
                const t = setInterval(() => n++, 5);
                clearTimeout(t);
                later(20).then(() => n)
                => 0
                let n = 0;
                const i = setImmediate(() => n++);
                clearImmediate(i);
                later(10).then(() => n)
                => 0
                [clearTimeout(undefined), clearTimeout(null), clearTimeout({}), clearTimeout(12345), clearInterval('x'), clearImmediate(undefined)]
                => [undefined,undefined,undefined,undefined,undefined,undefined]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void aTimerWithoutACallbackIsRefusedWithNodesError(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                setTimeout('code', 1)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received type string ('code')
                setInterval(null)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received null
                setImmediate(5)
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received type number (5)
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void aDelayOutsideOneToTwoToThe31IsOneMillisecond(String engine) {
        NodeParity.check(engine, dir, IMPORTS, """
                const log = [];
                setTimeout(() => log.push('neg'), -10); setTimeout(() => log.push('nan'), 'abc'); setTimeout(() => log.push('big'), 2 ** 31); setTimeout(() => log.push('two'), 2);
                later(30).then(() => log)
                => ["neg","nan","big","two"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void nodeTimersAndTimersPromisesAreImportable(String engine) {
        NodeParity.check(engine, dir, MODULES, """
                [typeof timers.setTimeout, timers.setTimeout === setTimeout, timers.clearInterval === clearInterval, timers.setImmediate === setImmediate, typeof timers.promises.setTimeout, timers.promises === timersPromises.default || timers.promises.setTimeout === timersPromises.setTimeout]
                => ["function",true,true,true,"function",true]
                timersPromises.setTimeout(5, 'value')
                => "value"
                timersPromises.setImmediate('now')
                => "now"
                timersPromises.setTimeout(5)
                => undefined
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void timersPromisesRejectWithAbortErrorWhenTheSignalAborts(String engine) {
        NodeParity.check(engine, dir, MODULES, """
                timersPromises.setTimeout(5, 'v', { signal: AbortSignal.abort('why') })
                => !AbortError [ABORT_ERR]: The operation was aborted
                const ac = new AbortController();
                const p = timersPromises.setTimeout(50, 'v', { signal: ac.signal });
                setTimeout(() => ac.abort(), 5);
                p.then((v) => 'resolved ' + v, (e) => [e.name, e.code, e.message, e.cause === ac.signal.reason])
                => ["AbortError","ABORT_ERR","The operation was aborted",true]
                const ac = new AbortController();
                const p = timersPromises.setImmediate('v', { signal: ac.signal });
                ac.abort();
                p.catch((e) => [e.name, e.code])
                => ["AbortError","ABORT_ERR"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void timersPromisesCheckTheirArgumentsAsNode(String engine) {
        NodeParity.check(engine, dir, MODULES, """
                timersPromises.setTimeout('5')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "delay" argument must be of type number. Received type string ('5')
                timersPromises.setTimeout(5, 'v', 'opts')
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "options" argument must be of type object. Received type string ('opts')
                timersPromises.setTimeout(5, 'v', { signal: {} })
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "options.signal" property must be an instance of AbortSignal. Received an instance of Object
                timersPromises.setTimeout(5, 'v', { ref: 1 })
                => !TypeError [ERR_INVALID_ARG_TYPE]: The "options.ref" property must be of type boolean. Received type number (1)
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"node", "graal", "rhino"})
    void schedulerWaitsAndYields(String engine) {
        NodeParity.check(engine, dir, MODULES, """
                timersPromises.scheduler.wait(5).then((v) => [v, typeof timersPromises.scheduler.yield])
                => [undefined,"function"]
                """);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void anImmediateSetInADataCallbackRunsBeforeATimeoutOfZero(String engine) throws IOException {
        // Under Node 20 with real sockets this handler answered "data microtask immediate timeout" (3 runs of 3).
        Path file = dir.resolve("io.tcp.7000.port.js");
        Files.writeString(file, """
                export function handle(conn) {
                  const log = [];
                  conn.on('data', () => {
                    setTimeout(() => log.push('timeout'), 0);
                    setImmediate(() => log.push('immediate'));
                    Promise.resolve().then(() => log.push('microtask'));
                    log.push('data');
                  });
                  conn.on('end', () => conn.end(log.join(' ') + '\\n'));
                }
                """);
        try (HandlerTestKit kit = HandlerTestKit.load(file).engine(engine).start()) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            conn.send("x");
            kit.advance(50);
            conn.end();
            assertEquals("data microtask immediate timeout\n", conn.read());
        }
    }
}
