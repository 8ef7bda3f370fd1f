// The helpers that code rewritten by Downlevel calls: classes, async functions, spread calls, module exports.
// Evaluated once into every handler's global scope before the shared prelude; all of them are non-enumerable.
(function (global) {
  'use strict';

  // Rhino 1.9's Function.prototype.apply hands a rest parameter (...xs) the wrong arguments ([thisArg, args]
  // instead of the args); Reflect.apply is right. Every apply (the prelude's emit, handler code) goes through it.
  var reflectApply = Reflect.apply;
  Object.defineProperty(Function.prototype, 'apply', {
    value: function apply(thisArg, args) { return reflectApply(this, thisArg, args == null ? [] : args); },
    writable: true, enumerable: false, configurable: true
  });

  function hidden(name, value) {
    Object.defineProperty(global, name, { value: value, writable: false, enumerable: false, configurable: false });
  }

  // async function f() { ...await x... }  ==>  function f() { return __ph_async(this, arguments, function* () { ...(yield x)... }); }
  hidden('__ph_async', function (self, args, generator) {
    return new Promise(function (resolve, reject) {
      var it = Reflect.apply(generator, self, args ? Array.prototype.slice.call(args) : []);
      function step(method, value) {
        var r;
        try { r = it[method](value); } catch (e) { reject(e); return; }
        if (r.done) { resolve(r.value); return; }
        Promise.resolve(r.value).then(function (v) { step('next', v); }, function (e) { step('throw', e); });
      }
      step('next', undefined);
    });
  });

  var nativeCode = /\{\s*\[native code\]\s*\}\s*$/;
  function isNative(f) {
    try { return nativeCode.test(Function.prototype.toString.call(f)); } catch (e) { return false; }
  }

  hidden('__ph_inherits', function (cls, base) {
    Object.defineProperty(cls, '__ph_fields', { value: [], writable: true, enumerable: false, configurable: true });
    if (base === null) return;
    if (typeof base !== 'function') throw new TypeError('Class extends value ' + String(base) + ' is not a constructor or null');
    cls.prototype = Object.create(base.prototype, { constructor: { value: cls, writable: true, configurable: true } });
    Object.setPrototypeOf(cls, base);
  });

  hidden('__ph_def', function (target, key, value) {
    Object.defineProperty(target, key, { value: value, writable: true, enumerable: false, configurable: true });
  });

  function accessor(which) {
    return function (target, key, fn) {
      var d = Object.getOwnPropertyDescriptor(target, key);
      var desc = { get: d && d.get, set: d && d.set, enumerable: false, configurable: true };
      desc[which] = fn;
      Object.defineProperty(target, key, desc);
    };
  }
  hidden('__ph_get', accessor('get'));
  hidden('__ph_set', accessor('set'));

  hidden('__ph_field', function (cls, key, init) { cls.__ph_fields.push([key, init]); });

  function initFields(cls, self) {
    var fields = cls && Object.prototype.hasOwnProperty.call(cls, '__ph_fields') ? cls.__ph_fields : null;
    if (!fields) return;
    for (var i = 0; i < fields.length; i++) {
      Object.defineProperty(self, fields[i][0], { value: fields[i][1].call(self), writable: true, enumerable: true, configurable: true });
    }
  }
  hidden('__ph_initFields', initFields);

  // super(...args) in a derived constructor: a script base runs on the new object; a built-in base (Uint8Array,
  // Error, Map) makes its own object, which takes the derived prototype.
  hidden('__ph_construct', function (base, args, self, cls) {
    args = Array.prototype.slice.call(args);
    var result;
    if (isNative(base)) {
      result = Reflect.construct(base, args);
      Object.setPrototypeOf(result, Object.getPrototypeOf(self));
    } else {
      var r = reflectApply(base, self, args);
      result = r !== null && (typeof r === 'object' || typeof r === 'function') ? r : self;
    }
    initFields(cls, result);
    return result;
  });

  // const [a, b, ...rest] = xs: the first k items, then an array of the others
  hidden('__ph_rest', function (value, k) {
    if (value === null || value === undefined) throw new TypeError(value + ' is not iterable');
    var all = Array.from(value);
    var out = all.slice(0, k);
    while (out.length < k) out.push(undefined);
    out.push(all.slice(k));
    return out;
  });

  // f(...xs) and o.m(...xs)
  hidden('__ph_sp', function (self, key, args) {
    var fn = typeof key === 'function' ? key : self[key];
    if (typeof fn !== 'function') throw new TypeError(String(key) + ' is not a function');
    return reflectApply(fn, self, args);
  });

  hidden('__ph_export', function (exports, name, get) {
    Object.defineProperty(exports, name, { get: get, enumerable: true, configurable: false });
  });
  hidden('__ph_exportStar', function (exports, from) {
    Object.keys(from).forEach(function (k) {
      if (k !== 'default' && !Object.prototype.hasOwnProperty.call(exports, k)) {
        Object.defineProperty(exports, k, { get: function () { return from[k]; }, enumerable: true, configurable: false });
      }
    });
  });
  // Rhino 1.9 has BigInt but not DataView's 64-bit integer accessors, which Buffer's read/writeBig(U)Int64 use.
  if (typeof DataView.prototype.getBigInt64 !== 'function') {
    var getBig = function (signed) {
      return function (offset, little) {
        var hi = this.getUint32(little ? offset + 4 : offset, !!little);
        var lo = this.getUint32(little ? offset : offset + 4, !!little);
        var v = (BigInt(hi) << 32n) | BigInt(lo);
        return signed ? BigInt.asIntN(64, v) : v;
      };
    };
    var setBig = function (offset, value, little) {
      var v = BigInt.asUintN(64, BigInt(value));
      var hi = Number(v >> 32n), lo = Number(v & 0xffffffffn);
      this.setUint32(little ? offset + 4 : offset, hi, !!little);
      this.setUint32(little ? offset : offset + 4, lo, !!little);
    };
    [['getBigInt64', getBig(true)], ['getBigUint64', getBig(false)], ['setBigInt64', setBig], ['setBigUint64', setBig]]
      .forEach(function (m) { Object.defineProperty(DataView.prototype, m[0], { value: m[1], writable: true, configurable: true }); });
  }

  // Node's messages where Rhino's name a Java class or let a string grow past what V8 allows (2**29 - 24
  // characters); without the cap, 'x'.repeat(2 ** 30) takes 2 GiB of the broker's heap in one call.
  var MAX_STRING = 536870888;
  var nativeStringify = JSON.stringify;
  Object.defineProperty(JSON, 'stringify', {
    value: function stringify(value, replacer, space) {
      try {
        return reflectApply(nativeStringify, JSON, arguments);
      } catch (e) {
        if (e instanceof TypeError && /^Cyclic /.test(e.message)) throw new TypeError('Converting circular structure to JSON');
        throw e;
      }
    },
    writable: true, enumerable: false, configurable: true
  });
  // A promise reaction that overflows the stack rejects its promise with a RangeError, as in Node: Rhino's promise
  // jobs catch only script errors, so each reaction runs inside a script catch, where JavaFailures makes a Java
  // stack overflow the RangeError.
  var nativeThen = Promise.prototype.then;
  function reaction(fn) {
    if (typeof fn !== 'function') return fn;
    return function (value) {
      try { return fn(value); } catch (e) { throw e; }
    };
  }
  Object.defineProperty(Promise.prototype, 'then', {
    value: function then(onFulfilled, onRejected) {
      return reflectApply(nativeThen, this, [reaction(onFulfilled), reaction(onRejected)]);
    },
    writable: true, enumerable: false, configurable: true
  });
  function capped(name, resultLength) {
    var original = String.prototype[name];
    var fn = function () {
      if (resultLength(String(this), arguments) > MAX_STRING) throw new RangeError('Invalid string length');
      return reflectApply(original, this, arguments);
    };
    Object.defineProperty(fn, 'name', { value: name });
    Object.defineProperty(String.prototype, name, { value: fn, writable: true, enumerable: false, configurable: true });
  }
  capped('repeat', function (s, args) { var n = Number(args[0]); return n >= 0 && n !== Infinity ? s.length * Math.floor(n) : 0; });
  capped('padStart', function (s, args) { return Number(args[0]); });
  capped('padEnd', function (s, args) { return Number(args[0]); });
})(this);
