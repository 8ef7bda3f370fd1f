// Porthoster's JavaScript runtime, shared by every engine so handler behaviour cannot drift between them.
//
// This file is a single function expression: (host) => runtime.
//
// host (supplied by the engine, every call on the instance's loop):
//   log(level, text)                   level: "debug" | "info" | "warn" | "error"
//   now()                              monotonic milliseconds (a number, may be fractional)
//   setTimer(fn, ms) -> id             run fn once after ms on the loop; clearTimer(id)
//   store(op, a, b, c, resolve, reject) one shared-store operation, completed later on the loop
//   subscribe(channel, fn) -> unsubscribe
//   reply(bytes, address, port) -> why  send a datagram from the handler's socket; returns why not (a string)
//                                      when it refused: address not an IP literal, or not a recent peer
//
// runtime (called by the engine):
//   init(moduleNamespace, info)        info: {name, port, protocol}
//   open(ok, fail) / close(ok, fail)   run the optional export; fail(text) on throw or rejection
//   accept(nativeConn) -> events       events: {data(bytes), end(), drain(), error(text), close()}
//   message(bytes, address, family, port)
//   abort(reason)                      abort ctx.signal
(function (host) {
  'use strict';

  // ---------------------------------------------------------------- formatting and console

  function inspect(value, depth) {
    depth = depth === undefined ? 2 : depth;
    if (typeof value === 'string') return depth === 2 ? value : JSON.stringify(value);
    if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value === 'bigint') return value + 'n';
    if (typeof value === 'symbol') return value.toString();
    if (typeof value === 'function') return '[Function: ' + (value.name || 'anonymous') + ']';
    if (value instanceof Error) return value.stack || (value.name + ': ' + value.message);
    if (value instanceof Uint8Array) {
      var hex = [];
      for (var i = 0; i < Math.min(value.length, 50); i++) hex.push((value[i] < 16 ? '0' : '') + value[i].toString(16));
      return '<Buffer' + (hex.length ? ' ' + hex.join(' ') : '') + (value.length > 50 ? ' ... ' + (value.length - 50) + ' more bytes' : '') + '>';
    }
    if (depth < 0) return Array.isArray(value) ? '[Array]' : '[Object]';
    if (Array.isArray(value)) return '[ ' + value.map(function (v) { return inspect(v, depth - 1); }).join(', ') + ' ]';
    if (value instanceof Map) return 'Map(' + value.size + ') {}';
    if (value instanceof Set) return 'Set(' + value.size + ') {}';
    var keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    return '{ ' + keys.map(function (k) { return k + ': ' + inspect(value[k], depth - 1); }).join(', ') + ' }';
  }

  function format(args) {
    if (args.length === 0) return '';
    var first = args[0];
    var rest = 1;
    var out;
    if (typeof first === 'string') {
      out = first.replace(/%[sdifjoO%]/g, function (m) {
        if (m === '%%') return '%';
        if (rest >= args.length) return m;
        var a = args[rest++];
        switch (m) {
          case '%s': return typeof a === 'string' ? a : inspect(a, 1);
          case '%d': case '%i': return String(m === '%i' ? parseInt(a, 10) : Number(a));
          case '%f': return String(parseFloat(a));
          case '%j': try { return JSON.stringify(a); } catch (e) { return '[Circular]'; }
          default: return inspect(a, 1);
        }
      });
    } else {
      out = inspect(first, 1);
    }
    for (; rest < args.length; rest++) out += ' ' + inspect(args[rest], 1);
    return out;
  }

  function describeError(err) {
    if (err instanceof Error) return err.stack && err.stack.indexOf(err.message) >= 0 ? err.stack : (err.name + ': ' + err.message + (err.stack ? '\n' + err.stack : ''));
    return 'non-Error thrown: ' + inspect(err, 1);
  }

  function logger(level) {
    return function () { host.log(level, format(Array.prototype.slice.call(arguments))); };
  }

  var console = {
    log: logger('info'), info: logger('info'), debug: logger('debug'), trace: logger('debug'),
    warn: logger('warn'), error: logger('error')
  };

  // ---------------------------------------------------------------- Node's errors

  function nodeError(Ctor, code, message) {
    var e = new Ctor(message);
    e.code = code;
    return e;
  }

  // The "Received ..." tail of Node's argument errors (internal/errors.js determineSpecificType).
  function received(value) {
    if (value === null || value === undefined) return String(value);
    if (typeof value === 'function' && value.name) return 'function ' + value.name;
    if (typeof value === 'object') {
      var ctor = Object.getPrototypeOf(value) === null ? undefined : value.constructor;
      return ctor && ctor.name ? 'an instance of ' + ctor.name : inspect(value, -1);
    }
    var shown;
    if (typeof value === 'string') shown = value.indexOf("'") < 0 ? "'" + value + "'" : (value.indexOf('"') < 0 ? '"' + value + '"' : '`' + value + '`');
    else if (typeof value === 'number' && Object.is(value, -0)) shown = '-0';
    else if (typeof value === 'function') shown = '[Function (anonymous)]';
    else shown = inspect(value, 0);
    if (shown.length > 28) shown = shown.slice(0, 25) + '...';
    return 'type ' + typeof value + ' (' + shown + ')';
  }

  function invalidArgType(name, expected, actual) {
    var what = name.indexOf('.') >= 0 ? 'The "' + name + '" property' : 'The "' + name + '" argument';
    return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', what + ' must be ' + expected + '. Received ' + received(actual));
  }

  // ---------------------------------------------------------------- UTF-8, base64, hex, latin1

  function utf8Encode(str) {
    var out = new Uint8Array(str.length * 3);
    var p = 0;
    for (var i = 0; i < str.length; i++) {
      var c = str.charCodeAt(i);
      if (c < 0x80) { out[p++] = c; continue; }
      if (c < 0x800) { out[p++] = 0xc0 | (c >> 6); out[p++] = 0x80 | (c & 63); continue; }
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
        var d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          var cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          out[p++] = 0xf0 | (cp >> 18); out[p++] = 0x80 | ((cp >> 12) & 63);
          out[p++] = 0x80 | ((cp >> 6) & 63); out[p++] = 0x80 | (cp & 63);
          continue;
        }
      }
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate, as Node does
      out[p++] = 0xe0 | (c >> 12); out[p++] = 0x80 | ((c >> 6) & 63); out[p++] = 0x80 | (c & 63);
    }
    return out.subarray(0, p);
  }

  // The WHATWG decoder, as V8 has it: each maximal invalid subsequence becomes one U+FFFD, so a truncated
  // character (F0 9F) is one replacement and an overlong or surrogate form (E0 80, ED A0) one per byte.
  function utf8Decode(bytes, start, end) {
    var s = '';
    var chunk = [];
    var need = 0, seen = 0, cp = 0, lower = 0x80, upper = 0xbf;
    for (var i = start; i < end; i++) {
      var b = bytes[i];
      if (need === 0) {
        if (b < 0x80) chunk.push(b);
        else if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 31; }
        else if (b >= 0xe0 && b <= 0xef) { if (b === 0xe0) lower = 0xa0; if (b === 0xed) upper = 0x9f; need = 2; cp = b & 15; }
        else if (b >= 0xf0 && b <= 0xf4) { if (b === 0xf0) lower = 0x90; if (b === 0xf4) upper = 0x8f; need = 3; cp = b & 7; }
        else chunk.push(0xfffd);
      } else if (b < lower || b > upper) {
        need = seen = cp = 0; lower = 0x80; upper = 0xbf;
        chunk.push(0xfffd);
        i--; // the byte starts afresh
      } else {
        lower = 0x80; upper = 0xbf;
        cp = (cp << 6) | (b & 63);
        if (++seen === need) {
          if (cp > 0xffff) { cp -= 0x10000; chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 1023)); } else chunk.push(cp);
          need = seen = cp = 0;
        }
      }
      if (chunk.length > 8000) { s += String.fromCharCode.apply(null, chunk); chunk = []; }
    }
    if (need) chunk.push(0xfffd);
    return s + String.fromCharCode.apply(null, chunk);
  }

  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  var B64_INDEX = new Int16Array(256).fill(-1);
  for (var bi = 0; bi < 64; bi++) B64_INDEX[B64.charCodeAt(bi)] = bi;
  B64_INDEX['-'.charCodeAt(0)] = 62; B64_INDEX['_'.charCodeAt(0)] = 63;

  function base64Encode(bytes, start, end, url) {
    var out = '';
    var alphabet = url ? B64.slice(0, 62) + '-_' : B64;
    var i = start;
    for (; i + 2 < end; i += 3) {
      var n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
    }
    if (end - i === 1) {
      var n1 = bytes[i] << 16;
      out += alphabet[n1 >> 18] + alphabet[(n1 >> 12) & 63] + (url ? '' : '==');
    } else if (end - i === 2) {
      var n2 = (bytes[i] << 16) | (bytes[i + 1] << 8);
      out += alphabet[n2 >> 18] + alphabet[(n2 >> 12) & 63] + alphabet[(n2 >> 6) & 63] + (url ? '' : '=');
    }
    return out;
  }

  function base64Decode(str) {
    var out = new Uint8Array(Math.ceil(str.length * 3 / 4));
    var p = 0, acc = 0, bits = 0;
    for (var i = 0; i < str.length; i++) {
      var c = str.charCodeAt(i);
      if (c === 61) break; // '=' ends the data, as in Node
      var v = c < 256 ? B64_INDEX[c] : -1;
      if (v < 0) continue; // Node skips characters outside the alphabet
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) { bits -= 8; out[p++] = (acc >> bits) & 255; }
    }
    return out.subarray(0, p);
  }

  function hexDecode(str) {
    var n = str.length >>> 1;
    var out = new Uint8Array(n);
    for (var i = 0; i < n; i++) {
      var v = parseInt(str.substr(i * 2, 2), 16);
      if (Number.isNaN(v) || !/^[0-9a-fA-F]{2}$/.test(str.substr(i * 2, 2))) return out.subarray(0, i); // Node stops at the first bad pair
      out[i] = v;
    }
    return out;
  }

  function latin1Encode(str) {
    var out = new Uint8Array(str.length);
    for (var i = 0; i < str.length; i++) out[i] = str.charCodeAt(i) & 255;
    return out;
  }

  function normalizeEncoding(enc) {
    if (enc === undefined || enc === null) return 'utf8';
    switch (String(enc).toLowerCase()) {
      case 'utf8': case 'utf-8': return 'utf8';
      case 'hex': return 'hex';
      case 'base64': return 'base64';
      case 'base64url': return 'base64url';
      case 'latin1': case 'binary': return 'latin1';
      case 'ascii': return 'ascii';
      case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
      default: return null;
    }
  }

  function requireEncoding(enc) {
    var e = normalizeEncoding(enc);
    if (e === null) { var err = new TypeError('Unknown encoding: ' + enc); err.code = 'ERR_UNKNOWN_ENCODING'; throw err; }
    return e;
  }

  function encodeString(str, enc) {
    switch (requireEncoding(enc)) {
      case 'utf8': return utf8Encode(str);
      case 'hex': return hexDecode(str);
      case 'base64': case 'base64url': return base64Decode(str);
      case 'latin1': case 'ascii': return latin1Encode(str);
      case 'utf16le': {
        var out = new Uint8Array(str.length * 2);
        for (var i = 0; i < str.length; i++) { var c = str.charCodeAt(i); out[i * 2] = c & 255; out[i * 2 + 1] = c >> 8; }
        return out;
      }
    }
  }

  function decodeBytes(bytes, enc, start, end) {
    switch (requireEncoding(enc)) {
      case 'utf8': return utf8Decode(bytes, start, end);
      case 'hex': {
        var s = '';
        for (var i = start; i < end; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
        return s;
      }
      case 'base64': return base64Encode(bytes, start, end, false);
      case 'base64url': return base64Encode(bytes, start, end, true);
      case 'latin1': case 'ascii': {
        var mask = enc === 'ascii' ? 127 : 255;
        var parts = [];
        for (var j = start; j < end; j += 8192) {
          var codes = [];
          for (var k = j; k < Math.min(end, j + 8192); k++) codes.push(bytes[k] & mask);
          parts.push(String.fromCharCode.apply(null, codes));
        }
        return parts.join('');
      }
      case 'utf16le': {
        var u = '';
        for (var m = start; m + 1 < end; m += 2) u += String.fromCharCode(bytes[m] | (bytes[m + 1] << 8));
        return u;
      }
    }
  }

  // ---------------------------------------------------------------- Buffer

  class Buffer extends Uint8Array {
    static from(value, encodingOrOffset, length) {
      if (typeof value === 'string') {
        var bytes = encodeString(value, encodingOrOffset);
        var b = new Buffer(bytes.length);
        b.set(bytes);
        return b;
      }
      if (value instanceof ArrayBuffer) {
        var off = encodingOrOffset === undefined ? 0 : encodingOrOffset >>> 0;
        var len = length === undefined ? value.byteLength - off : length >>> 0;
        return new Buffer(value, off, len);
      }
      if (ArrayBuffer.isView(value)) {
        var copy = new Buffer(value.byteLength);
        copy.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        return copy;
      }
      if (Array.isArray(value) || (value && typeof value.length === 'number')) {
        var arr = new Buffer(value.length);
        for (var i = 0; i < value.length; i++) arr[i] = value[i] & 255;
        return arr;
      }
      if (value && value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data);
      throw new TypeError('The first argument must be of type string, Buffer, ArrayBuffer, Array, or Array-like Object. Received ' + inspect(value, 0));
    }
    static alloc(size, fill, encoding) {
      var b = new Buffer(checkSize(size));
      if (fill !== undefined && fill !== 0) b.fill(fill, 0, b.length, encoding);
      return b;
    }
    static allocUnsafe(size) { return new Buffer(checkSize(size)); }
    static allocUnsafeSlow(size) { return new Buffer(checkSize(size)); }
    static isBuffer(b) { return b instanceof Buffer; }
    static isEncoding(enc) { return typeof enc === 'string' && normalizeEncoding(enc) !== null; }
    static byteLength(value, encoding) {
      if (typeof value !== 'string') return value.byteLength;
      return encodeString(value, encoding).length;
    }
    static concat(list, totalLength) {
      if (!Array.isArray(list)) throw new TypeError('The "list" argument must be an instance of Array');
      if (totalLength === undefined) { totalLength = 0; for (var i = 0; i < list.length; i++) totalLength += list[i].length; }
      var out = Buffer.alloc(totalLength);
      var pos = 0;
      for (var j = 0; j < list.length && pos < totalLength; j++) {
        var item = list[j];
        if (!(item instanceof Uint8Array)) throw new TypeError('The "list[' + j + ']" argument must be an instance of Buffer or Uint8Array');
        var n = Math.min(item.length, totalLength - pos);
        out.set(n === item.length ? item : item.subarray(0, n), pos);
        pos += n;
      }
      return out;
    }
    static compare(a, b) { return a.compare(b); }

    toString(encoding, start, end) {
      start = start === undefined ? 0 : Math.max(0, start | 0);
      end = end === undefined ? this.length : Math.min(this.length, end | 0);
      if (end <= start) return '';
      return decodeBytes(this, encoding, start, end);
    }
    toJSON() { return { type: 'Buffer', data: Array.prototype.slice.call(this) }; }
    write(string, offset, length, encoding) {
      if (typeof offset === 'string') { encoding = offset; offset = 0; length = undefined; } else if (typeof length === 'string') { encoding = length; length = undefined; }
      offset = offset === undefined ? 0 : offset >>> 0;
      var bytes = encodeString(string, encoding);
      var n = Math.min(bytes.length, this.length - offset, length === undefined ? Infinity : length);
      if (encoding === undefined || normalizeEncoding(encoding) === 'utf8') {
        // never write a partial UTF-8 character, as Node does
        while (n > 0 && n < bytes.length && (bytes[n] & 0xc0) === 0x80) n--;
      }
      this.set(bytes.subarray(0, n), offset);
      return n;
    }
    slice(start, end) { return this.subarray(start, end); }
    equals(other) {
      if (!(other instanceof Uint8Array)) throw new TypeError('The "otherBuffer" argument must be an instance of Buffer or Uint8Array');
      return this.compare(other) === 0;
    }
    compare(target, tStart, tEnd, sStart, sEnd) {
      tStart = tStart === undefined ? 0 : tStart; tEnd = tEnd === undefined ? target.length : tEnd;
      sStart = sStart === undefined ? 0 : sStart; sEnd = sEnd === undefined ? this.length : sEnd;
      var n = Math.min(tEnd - tStart, sEnd - sStart);
      for (var i = 0; i < n; i++) {
        var a = this[sStart + i], b = target[tStart + i];
        if (a !== b) return a < b ? -1 : 1;
      }
      var la = sEnd - sStart, lb = tEnd - tStart;
      return la === lb ? 0 : (la < lb ? -1 : 1);
    }
    indexOf(value, byteOffset, encoding) {
      if (typeof byteOffset === 'string') { encoding = byteOffset; byteOffset = 0; }
      byteOffset = byteOffset === undefined ? 0 : byteOffset | 0;
      if (byteOffset < 0) byteOffset = Math.max(0, this.length + byteOffset);
      if (typeof value === 'number') return Uint8Array.prototype.indexOf.call(this, value & 255, byteOffset);
      var needle = typeof value === 'string' ? encodeString(value, encoding) : value;
      if (needle.length === 0) return byteOffset <= this.length ? byteOffset : this.length;
      var first = needle[0];
      var last = this.length - needle.length;
      outer: for (var i = byteOffset; i <= last; i++) {
        if (this[i] !== first) continue;
        for (var j = 1; j < needle.length; j++) if (this[i + j] !== needle[j]) continue outer;
        return i;
      }
      return -1;
    }
    lastIndexOf(value, byteOffset, encoding) {
      var needle = typeof value === 'number' ? [value & 255] : (typeof value === 'string' ? encodeString(value, encoding) : value);
      var from = byteOffset === undefined ? this.length - needle.length : Math.min(byteOffset | 0, this.length - needle.length);
      outer: for (var i = from; i >= 0; i--) {
        for (var j = 0; j < needle.length; j++) if (this[i + j] !== needle[j]) continue outer;
        return i;
      }
      return -1;
    }
    includes(value, byteOffset, encoding) { return this.indexOf(value, byteOffset, encoding) !== -1; }
    fill(value, offset, end, encoding) {
      if (typeof offset === 'string') { encoding = offset; offset = 0; end = this.length; }
      offset = offset === undefined ? 0 : offset; end = end === undefined ? this.length : end;
      if (typeof value === 'number') return Uint8Array.prototype.fill.call(this, value & 255, offset, end);
      var bytes = typeof value === 'string' ? encodeString(value, encoding) : value;
      if (bytes.length === 0) return Uint8Array.prototype.fill.call(this, 0, offset, end);
      for (var i = offset, k = 0; i < end; i++, k = (k + 1) % bytes.length) this[i] = bytes[k];
      return this;
    }
    copy(target, targetStart, sourceStart, sourceEnd) {
      targetStart = targetStart === undefined ? 0 : targetStart;
      sourceStart = sourceStart === undefined ? 0 : sourceStart;
      sourceEnd = sourceEnd === undefined ? this.length : sourceEnd;
      var n = Math.max(0, Math.min(sourceEnd - sourceStart, target.length - targetStart));
      target.set(this.subarray(sourceStart, sourceStart + n), targetStart);
      return n;
    }
    _view() { return new DataView(this.buffer, this.byteOffset, this.byteLength); }
  }

  function checkSize(size) {
    if (typeof size !== 'number' || !(size >= 0) || size > 0x7fffffff) {
      var e = new RangeError('The argument \'size\' is invalid. Received ' + size);
      e.code = 'ERR_INVALID_ARG_VALUE';
      throw e;
    }
    return size | 0;
  }

  function checkOffset(buf, offset, width) {
    offset = offset === undefined ? 0 : offset;
    if (typeof offset !== 'number' || offset % 1 !== 0 || offset < 0 || offset + width > buf.length) {
      var e = new RangeError('The value of "offset" is out of range. It must be >= 0 and <= ' + (buf.length - width) + '. Received ' + offset);
      e.code = 'ERR_OUT_OF_RANGE';
      throw e;
    }
    return offset;
  }

  [['UInt8', 'Uint8', 1], ['Int8', 'Int8', 1], ['UInt16', 'Uint16', 2], ['Int16', 'Int16', 2],
   ['UInt32', 'Uint32', 4], ['Int32', 'Int32', 4], ['Float', 'Float32', 4], ['Double', 'Float64', 8],
   ['BigUInt64', 'BigUint64', 8], ['BigInt64', 'BigInt64', 8]].forEach(function (t) {
    var name = t[0], view = t[1], width = t[2];
    var get = DataView.prototype['get' + view], set = DataView.prototype['set' + view];
    var endians = width === 1 ? [['', false]] : [['LE', true], ['BE', false]];
    endians.forEach(function (e) {
      Buffer.prototype['read' + name + e[0]] = function (offset) {
        offset = checkOffset(this, offset, width);
        return get.call(this._view(), offset, e[1]);
      };
      Buffer.prototype['write' + name + e[0]] = function (value, offset) {
        offset = checkOffset(this, offset, width);
        set.call(this._view(), offset, value, e[1]);
        return offset + width;
      };
      if (name.indexOf('UInt') >= 0) {
        var alias = name.replace('UInt', 'Uint');
        Buffer.prototype['read' + alias + e[0]] = Buffer.prototype['read' + name + e[0]];
        Buffer.prototype['write' + alias + e[0]] = Buffer.prototype['write' + name + e[0]];
      }
    });
  });

  function toBuffer(data, encoding) {
    if (data instanceof Buffer) return data;
    if (typeof data === 'string') return Buffer.from(data, encoding);
    if (data instanceof Uint8Array) return new Buffer(data.buffer, data.byteOffset, data.byteLength);
    if (ArrayBuffer.isView(data)) return new Buffer(data.buffer, data.byteOffset, data.byteLength);
    if (data instanceof ArrayBuffer) return new Buffer(data);
    var e = new TypeError('The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received ' + inspect(data, 0));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }

  // ---------------------------------------------------------------- EventEmitter

  class EventEmitter {
    constructor() { this._events = Object.create(null); this._maxListeners = 10; }
    on(name, fn) {
      if (typeof fn !== 'function') throw new TypeError('The "listener" argument must be of type function');
      if (this._events['newListener']) this.emit('newListener', name, fn);
      (this._events[name] || (this._events[name] = [])).push(fn);
      return this;
    }
    addListener(name, fn) { return this.on(name, fn); }
    prependListener(name, fn) { (this._events[name] || (this._events[name] = [])).unshift(fn); return this; }
    once(name, fn) {
      var self = this;
      function wrapper() { self.removeListener(name, wrapper); return fn.apply(this, arguments); }
      wrapper.listener = fn;
      return this.on(name, wrapper);
    }
    off(name, fn) { return this.removeListener(name, fn); }
    removeListener(name, fn) {
      var list = this._events[name];
      if (!list) return this;
      for (var i = list.length - 1; i >= 0; i--) {
        if (list[i] === fn || list[i].listener === fn) { list.splice(i, 1); break; }
      }
      if (list.length === 0) delete this._events[name];
      return this;
    }
    removeAllListeners(name) { if (name === undefined) this._events = Object.create(null); else delete this._events[name]; return this; }
    emit(name) {
      var list = this._events[name];
      if (!list) {
        if (name === 'error') throw arguments[1] instanceof Error ? arguments[1] : new Error('Unhandled error. (' + inspect(arguments[1], 0) + ')');
        return false;
      }
      var args = Array.prototype.slice.call(arguments, 1);
      list = list.slice();
      for (var i = 0; i < list.length; i++) list[i].apply(this, args);
      return true;
    }
    listeners(name) { return (this._events[name] || []).map(function (f) { return f.listener || f; }); }
    rawListeners(name) { return (this._events[name] || []).slice(); }
    listenerCount(name) { return (this._events[name] || []).length; }
    eventNames() { return Object.keys(this._events); }
    setMaxListeners(n) { this._maxListeners = n; return this; }
    getMaxListeners() { return this._maxListeners; }
  }
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.defaultMaxListeners = 10;
  EventEmitter.once = function (emitter, name) {
    return new Promise(function (resolve, reject) {
      function onError(err) { emitter.removeListener(name, onEvent); reject(err); }
      function onEvent() { if (name !== 'error') emitter.removeListener('error', onError); resolve(Array.prototype.slice.call(arguments)); }
      emitter.once(name, onEvent);
      if (name !== 'error') emitter.once('error', onError);
    });
  };

  // ---------------------------------------------------------------- timers

  var timerIds = 0;

  class Timeout {
    constructor(fn, ms, args, repeat) {
      this._fn = fn; this._ms = ms; this._args = args; this._repeat = repeat;
      this._id = ++timerIds; this._native = null; this._ref = true;
      this._arm();
    }
    _arm() {
      var self = this;
      this._native = host.setTimer(function () { self._fire(); }, this._ms);
    }
    _fire() {
      if (this._repeat) this._arm(); else this._native = null;
      try {
        this._fn.apply(undefined, this._args);
      } catch (e) {
        console.error('uncaught exception in timer callback:\n' + describeError(e));
      }
    }
    _clear() { if (this._native !== null) { host.clearTimer(this._native); this._native = null; } this._repeat = false; }
    ref() { this._ref = true; return this; }
    unref() { this._ref = false; return this; }
    hasRef() { return this._ref; }
    refresh() { if (this._native !== null) { host.clearTimer(this._native); this._arm(); } return this; }
    close() { this._clear(); return this; }
    [Symbol.toPrimitive]() { return this._id; }
  }

  var liveTimers = new Map();

  function delayOf(ms) {
    ms = Number(ms);
    return !(ms >= 1 && ms <= 2147483647) ? 1 : Math.floor(ms); // Node clamps to 1 ms
  }

  function startTimer(fn, ms, args, repeat) {
    if (typeof fn !== 'function') { var e = new TypeError('The "callback" argument must be of type function. Received ' + inspect(fn, 0)); e.code = 'ERR_INVALID_ARG_TYPE'; throw e; }
    var t = new Timeout(function () {
      if (!repeat) liveTimers.delete(t._id);
      return fn.apply(undefined, arguments);
    }, ms, args, repeat);
    liveTimers.set(t._id, t);
    return t;
  }

  function clearTimer(t) {
    if (t === undefined || t === null) return;
    var timer = t instanceof Timeout ? t : liveTimers.get(Number(t));
    if (timer) { timer._clear(); liveTimers.delete(timer._id); }
  }

  function setTimeout(fn, ms) { return startTimer(fn, delayOf(ms), Array.prototype.slice.call(arguments, 2), false); }
  function setInterval(fn, ms) { return startTimer(fn, delayOf(ms), Array.prototype.slice.call(arguments, 2), true); }
  function setImmediate(fn) { return startTimer(fn, 0, Array.prototype.slice.call(arguments, 1), false); }

  function clearAllTimers() { liveTimers.forEach(function (t) { t._clear(); }); liveTimers.clear(); }

  // ---------------------------------------------------------------- AbortController / AbortSignal

  function makeDomException(message, name) {
    var e = new Error(message);
    e.name = name;
    return e;
  }

  class AbortSignal {
    constructor() { this.aborted = false; this.reason = undefined; this.onabort = null; this._listeners = []; }
    addEventListener(type, fn, options) {
      if (type !== 'abort' || typeof fn !== 'function') return;
      this._listeners.push({ fn: fn, once: !!(options && options.once) });
    }
    removeEventListener(type, fn) {
      if (type !== 'abort') return;
      this._listeners = this._listeners.filter(function (l) { return l.fn !== fn; });
    }
    throwIfAborted() { if (this.aborted) throw this.reason; }
    _abort(reason) {
      if (this.aborted) return;
      this.aborted = true;
      this.reason = reason === undefined ? makeDomException('This operation was aborted', 'AbortError') : reason;
      var event = { type: 'abort', target: this };
      var listeners = this._listeners;
      this._listeners = [];
      if (typeof this.onabort === 'function') safely(this.onabort, this, event, 'abort listener');
      for (var i = 0; i < listeners.length; i++) safely(listeners[i].fn, this, event, 'abort listener');
    }
    static abort(reason) { var s = new AbortSignal(); s._abort(reason); return s; }
    static timeout(ms) {
      var s = new AbortSignal();
      setTimeout(function () { s._abort(makeDomException('The operation was aborted due to timeout', 'TimeoutError')); }, ms);
      return s;
    }
  }

  class AbortController {
    constructor() { this.signal = new AbortSignal(); }
    abort(reason) { this.signal._abort(reason); }
  }

  function safely(fn, self, arg, what) {
    try { fn.call(self, arg); } catch (e) { console.error('uncaught exception in ' + what + ':\n' + describeError(e)); }
  }

  // ---------------------------------------------------------------- TextEncoder / TextDecoder / structuredClone

  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(str) { return utf8Encode(str === undefined ? '' : String(str)); }
  }

  class TextDecoder {
    constructor(label) {
      var enc = normalizeEncoding(label === undefined ? 'utf-8' : label);
      if (enc !== 'utf8' && enc !== 'latin1' && enc !== 'utf16le') throw new RangeError('The "' + label + '" encoding is not supported');
      this._enc = enc;
    }
    get encoding() { return this._enc === 'utf8' ? 'utf-8' : this._enc === 'latin1' ? 'windows-1252' : 'utf-16le'; }
    decode(input) {
      if (input === undefined) return '';
      var bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      var s = decodeBytes(bytes, this._enc, 0, bytes.length);
      return s.charCodeAt(0) === 0xfeff && this._enc === 'utf8' ? s.slice(1) : s;
    }
  }

  // ---------------------------------------------------------------- StringDecoder (node:string_decoder)

  // Node's own algorithm (src/string_decoder.cc): keep the bytes of a character cut at a chunk's end, finish it
  // with the next chunk's first bytes, and decode everything else at once; utf8, utf16le and base64 buffer,
  // hex, latin1 and ascii never need to.
  class StringDecoder {
    constructor(encoding) {
      var enc = normalizeEncoding(encoding);
      if (enc === null) throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + String(encoding));
      this.encoding = enc;
      this._chars = new Uint8Array(4);
      this._buffered = 0;
      this._missing = 0;
    }
    get lastChar() { return Buffer.from(this._chars); }
    get lastNeed() { return this._missing; }
    get lastTotal() { return this._buffered + this._missing; }
    write(buf) {
      if (typeof buf === 'string') return buf;
      if (!ArrayBuffer.isView(buf)) throw invalidArgType('buf', 'an instance of Buffer, TypedArray, or DataView', buf);
      return this._decode(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
    }
    end(buf) {
      var out = buf === undefined ? '' : this.write(buf);
      if (this._buffered > 0) out += this._flush();
      return out;
    }
    text(buf, offset) {
      this._buffered = 0; this._missing = 0;
      return this.write(buf.slice(offset));
    }
    _decode(data) {
      var enc = this.encoding;
      if (enc !== 'utf8' && enc !== 'utf16le' && enc !== 'base64' && enc !== 'base64url') return decodeBytes(data, enc, 0, data.length);
      var pos = 0, len = data.length, prepend = '';
      if (this._missing > 0) {
        if (enc === 'utf8') {
          // a byte that should continue the character but does not: the character ends here, the byte starts anew
          for (var i = 0; i < len && i < this._missing; i++) {
            if ((data[i] & 0xc0) !== 0x80) {
              this._missing = 0;
              this._chars.set(data.subarray(0, i), this._buffered);
              this._buffered += i;
              pos = i;
              break;
            }
          }
        }
        var found = Math.min(len - pos, this._missing);
        this._chars.set(data.subarray(pos, pos + found), this._buffered);
        pos += found;
        this._missing -= found;
        this._buffered += found;
        if (this._missing === 0) {
          prepend = decodeBytes(this._chars, enc, 0, this._buffered);
          this._buffered = 0;
        }
      }
      if (pos === len) return prepend;
      var body = data.subarray(pos);
      var n = body.length;
      if (enc === 'utf8' && (body[n - 1] & 0x80)) {
        for (var k = n - 1; ; k--) {
          this._buffered++;
          if ((body[k] & 0xc0) === 0x80) {
            if (this._buffered >= 4 || k === 0) { this._buffered = 0; break; }
          } else {
            if ((body[k] & 0xe0) === 0xc0) this._missing = 2;
            else if ((body[k] & 0xf0) === 0xe0) this._missing = 3;
            else if ((body[k] & 0xf8) === 0xf0) this._missing = 4;
            else { this._buffered = 0; break; }
            if (this._buffered >= this._missing) { this._missing = 0; this._buffered = 0; }
            this._missing -= this._buffered;
            break;
          }
        }
      } else if (enc === 'utf16le') {
        if (n % 2 === 1) { this._buffered = 1; this._missing = 1; }
        else if ((body[n - 1] & 0xfc) === 0xd8) { this._buffered = 2; this._missing = 2; }
      } else if (enc === 'base64' || enc === 'base64url') {
        this._buffered = n % 3;
        if (this._buffered > 0) this._missing = 3 - this._buffered;
      }
      if (this._buffered > 0) {
        n -= this._buffered;
        this._chars.set(body.subarray(n), 0);
      }
      return prepend + (n > 0 ? decodeBytes(body, enc, 0, n) : '');
    }
    _flush() {
      if (this.encoding === 'utf16le' && this._buffered % 2 === 1) { this._missing--; this._buffered--; }
      if (this._buffered === 0) return '';
      var out = decodeBytes(this._chars, this.encoding, 0, this._buffered);
      this._missing = 0; this._buffered = 0;
      return out;
    }
  }

  function structuredClone(value, seen) {
    seen = seen || new Map();
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'function' || typeof value === 'symbol') throw makeDomException(String(value) + ' could not be cloned.', 'DataCloneError');
      return value;
    }
    if (seen.has(value)) return seen.get(value);
    var out;
    if (value instanceof Date) out = new Date(value.getTime());
    else if (value instanceof RegExp) out = new RegExp(value.source, value.flags);
    else if (value instanceof ArrayBuffer) out = value.slice(0);
    else if (ArrayBuffer.isView(value)) {
      var ctor = value instanceof Buffer ? Uint8Array : value.constructor; // Node clones a Buffer as a Uint8Array
      out = new ctor(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
    } else if (value instanceof Map) {
      out = new Map(); seen.set(value, out);
      value.forEach(function (v, k) { out.set(structuredClone(k, seen), structuredClone(v, seen)); });
      return out;
    } else if (value instanceof Set) {
      out = new Set(); seen.set(value, out);
      value.forEach(function (v) { out.add(structuredClone(v, seen)); });
      return out;
    } else if (value instanceof Error) {
      out = new Error(value.message); out.name = value.name; out.stack = value.stack;
    } else {
      out = Array.isArray(value) ? [] : {};
      seen.set(value, out);
      Object.keys(value).forEach(function (k) { out[k] = structuredClone(value[k], seen); });
      return out;
    }
    seen.set(value, out);
    return out;
  }

  // ---------------------------------------------------------------- the shared store

  var BYTES_TAG = '\u0000bytes';

  function encodeValue(value, what) {
    if (value === undefined) throw new TypeError(what + ': value must not be undefined (use delete)');
    return JSON.stringify(value, function (key, v) {
      var raw = this[key];
      if (raw instanceof Uint8Array) { var o = {}; o[BYTES_TAG] = base64Encode(raw, 0, raw.length, false); return o; }
      if (typeof v === 'bigint') throw new TypeError(what + ': a BigInt cannot be stored; store it as a string');
      return v;
    });
  }

  function decodeValue(text) {
    if (text === null || text === undefined) return undefined;
    return JSON.parse(text, function (key, v) {
      if (v && typeof v === 'object' && typeof v[BYTES_TAG] === 'string' && Object.keys(v).length === 1) {
        var bytes = base64Decode(v[BYTES_TAG]);
        var b = Buffer.alloc(bytes.length); b.set(bytes); return b;
      }
      return v;
    });
  }

  function storeCall(op, a, b, c) {
    return new Promise(function (resolve, reject) {
      host.store(op, a, b, c, resolve, function (message) { reject(new Error(message)); });
    });
  }

  function checkKey(key, what) {
    if (typeof key !== 'string' || key.length === 0) throw new TypeError(what + ': key must be a non-empty string');
    return key;
  }

  function makeShared(signal) {
    function guard(what, fn) {
      return function () {
        try { return fn.apply(undefined, arguments); } catch (e) { return Promise.reject(e); }
      };
    }
    return Object.freeze({
      get: guard('shared.get', function (key) { return storeCall('get', checkKey(key, 'shared.get')).then(decodeValue); }),
      set: guard('shared.set', function (key, value, options) {
        var ttl = options && options.ttl !== undefined ? Number(options.ttl) : 0;
        if (!(ttl >= 0)) throw new TypeError('shared.set: ttl must be a non-negative number of milliseconds');
        return storeCall('set', checkKey(key, 'shared.set'), encodeValue(value, 'shared.set'), ttl).then(function () { return undefined; });
      }),
      delete: guard('shared.delete', function (key) { return storeCall('delete', checkKey(key, 'shared.delete')); }),
      has: guard('shared.has', function (key) { return storeCall('has', checkKey(key, 'shared.has')); }),
      keys: guard('shared.keys', function (prefix) { return storeCall('keys', prefix === undefined ? '' : String(prefix)).then(function (k) { return Array.prototype.slice.call(k); }); }),
      increment: guard('shared.increment', function (key, by) {
        by = by === undefined ? 1 : by;
        if (!Number.isSafeInteger(by)) throw new TypeError('shared.increment: by must be a safe integer');
        return storeCall('increment', checkKey(key, 'shared.increment'), by);
      }),
      compareAndSet: guard('shared.compareAndSet', function (key, expected, value) {
        return storeCall('compareAndSet', checkKey(key, 'shared.compareAndSet'),
          expected === undefined ? null : encodeValue(expected, 'shared.compareAndSet'),
          value === undefined ? null : encodeValue(value, 'shared.compareAndSet'));
      }),
      publish: guard('shared.publish', function (channel, message) {
        return storeCall('publish', checkKey(channel, 'shared.publish'), encodeValue(message, 'shared.publish'));
      }),
      subscribe: function (channel, fn) {
        checkKey(channel, 'shared.subscribe');
        if (typeof fn !== 'function') throw new TypeError('shared.subscribe: listener must be a function');
        var undo = host.subscribe(channel, function (text) {
          try { fn(decodeValue(text)); } catch (e) { console.error('uncaught exception in subscriber of ' + channel + ':\n' + describeError(e)); }
        });
        var done = false;
        function unsubscribe() { if (!done) { done = true; undo(); signal.removeEventListener('abort', unsubscribe); } }
        signal.addEventListener('abort', unsubscribe);
        return unsubscribe;
      }
    });
  }

  // ---------------------------------------------------------------- conn: a net.Socket look-alike

  class Socket extends EventEmitter {
    constructor(nativeConn) {
      super();
      this._n = nativeConn;
      this.remoteAddress = nativeConn.remoteAddress;
      this.remotePort = nativeConn.remotePort;
      this.remoteFamily = nativeConn.remoteFamily;
      this.localPort = nativeConn.localPort;
      this.bytesRead = 0;
      this.bytesWritten = 0;
      this.destroyed = false;
      this.writable = true;
      this.readable = true;
      this.writableEnded = false;
      this.readableEnded = false;
      this.writableNeedDrain = false;
      this._encoding = null;
      this._decoder = null;
      this._paused = false;
      this._flowing = false;
      this._pending = [];
      this._ended = false;
      this._closed = false;
      this._idleMs = 0;
      this._idleTimer = null;
      this._drainCallbacks = [];
    }
    on(name, fn) {
      super.on(name, fn);
      if (name === 'data' && !this._flowing && !this._paused) { this._flowing = true; this._flushPending(); }
      return this;
    }
    // As a Node stream: one StringDecoder for the connection, so a character cut between two chunks arrives whole,
    // and what it still holds at the end comes as a last 'data' before 'end'.
    setEncoding(enc) {
      this._decoder = new StringDecoder(enc);
      this._encoding = this._decoder.encoding;
      return this;
    }
    get readableEncoding() { return this._encoding; }
    pause() { if (!this._paused) { this._paused = true; this._flowing = false; if (!this.destroyed) this._n.setReading(false); } return this; }
    resume() {
      if (this._paused || !this._flowing) {
        this._paused = false; this._flowing = true;
        if (!this.destroyed) this._n.setReading(true);
        this._flushPending();
      }
      return this;
    }
    isPaused() { return this._paused; }
    setNoDelay(noDelay) { if (!this.destroyed) this._n.setNoDelay(noDelay === undefined ? true : !!noDelay); return this; }
    setKeepAlive() { return this; }
    setTimeout(ms, cb) {
      this._idleMs = ms | 0;
      if (cb) { if (this._idleMs > 0) this.once('timeout', cb); else this.removeListener('timeout', cb); }
      this._touch();
      return this;
    }
    ref() { return this; }
    unref() { return this; }
    address() { return { port: this.localPort }; }
    get readyState() { return this.destroyed ? 'closed' : (this.writableEnded ? 'readOnly' : 'open'); }
    write(data, encoding, cb) {
      if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
      if (this.writableEnded || this.destroyed) {
        var err = new Error(this.destroyed ? 'Cannot call write after a stream was destroyed' : 'write after end');
        err.code = this.destroyed ? 'ERR_STREAM_DESTROYED' : 'ERR_STREAM_WRITE_AFTER_END';
        if (cb) queueMicrotask(function () { cb(err); });
        var self = this;
        queueMicrotask(function () { self._fail(err); });
        return false;
      }
      var buf = toBuffer(data, encoding);
      this.bytesWritten += buf.length;
      this._touch();
      var ok = this._n.write(buf);
      if (cb) queueMicrotask(function () { cb(); });
      if (!ok) this.writableNeedDrain = true;
      return ok;
    }
    end(data, encoding, cb) {
      if (typeof data === 'function') { cb = data; data = undefined; }
      if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
      if (data !== undefined && data !== null) this.write(data, encoding);
      if (cb) this.once('finish', cb);
      if (!this.writableEnded && !this.destroyed) {
        this.writableEnded = true;
        this.writable = false;
        this._n.end();
        var self = this;
        queueMicrotask(function () { self.emit('finish'); });
      }
      return this;
    }
    destroy(err) {
      if (this.destroyed) return this;
      this.destroyed = true;
      this.writable = false;
      this.readable = false;
      if (err) this._error = err;
      this._n.destroy();
      return this;
    }
    destroySoon() { return this.end(); }
    resetAndDestroy() { if (!this.destroyed) { this.destroyed = true; this._n.reset(); } return this; }
    _touch() {
      if (this._idleTimer !== null) { clearTimer(this._idleTimer); this._idleTimer = null; }
      if (this._idleMs > 0 && !this.destroyed) {
        var self = this;
        this._idleTimer = setTimeout(function () { self._idleTimer = null; self.emit('timeout'); }, this._idleMs);
      }
    }
    _deliver(chunk) {
      if (!this._decoder) { this.emit('data', chunk); return; }
      var text = this._decoder.write(chunk);
      if (text.length > 0) this.emit('data', text);
    }
    _flushPending() {
      while (this._pending.length && this._flowing && !this._paused) this._deliver(this._pending.shift());
      if (this._ended && !this._pending.length) this._emitEnd();
    }
    _onData(bytes) {
      var chunk = new Buffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      this.bytesRead += chunk.length;
      this._touch();
      if (this._flowing && !this._paused && this._pending.length === 0) this._deliver(chunk);
      else this._pending.push(chunk);
    }
    _onEnd() {
      this._ended = true;
      // As in Node: 'end' comes once everything received has been read; with nothing buffered that is now,
      // even if no 'data' listener was ever attached.
      if (!this._pending.length) this._emitEnd();
    }
    _emitEnd() {
      if (this.readableEnded) return;
      if (this._decoder) {
        var rest = this._decoder.end();
        if (rest.length > 0) this.emit('data', rest);
      }
      this.readableEnded = true;
      this.readable = false;
      this.emit('end');
      // allowHalfOpen is false, as for a default net.Server: answer the peer's FIN with ours
      if (!this.writableEnded) this.end();
    }
    _onDrain() {
      if (this.writableNeedDrain) { this.writableNeedDrain = false; this.emit('drain'); }
    }
    _fail(err) {
      if (this.listenerCount('error') === 0) throw err;
      this.emit('error', err);
    }
    _onClose(hadError) {
      if (this._closed) return;
      this._closed = true;
      this.destroyed = true;
      this.writable = false;
      this.readable = false;
      if (this._idleTimer !== null) { clearTimer(this._idleTimer); this._idleTimer = null; }
      this.emit('close', !!hadError);
    }
  }

  // ---------------------------------------------------------------- the runtime the engine drives

  var moduleNs = null;
  var controller = new AbortController();
  var ctx = null;
  var ctxLog = Object.assign(logger('info'), { debug: logger('debug'), info: logger('info'), warn: logger('warn'), error: logger('error') });

  function callExport(name, args, ok, fail) {
    var fn = moduleNs[name];
    if (typeof fn !== 'function') { ok(); return; }
    var result;
    try {
      result = fn.apply(undefined, args);
    } catch (e) {
      fail(describeError(e));
      return;
    }
    if (result && typeof result.then === 'function') {
      result.then(function () { ok(); }, function (e) { fail(describeError(e)); });
    } else {
      ok();
    }
  }

  function failConnection(socket, what, err) {
    console.error(what + ' failed for ' + socket.remoteAddress + ':' + socket.remotePort + ', closing the connection:\n' + describeError(err));
    socket.destroy(err);
  }

  function guarded(socket, what, fn) {
    return function (arg) {
      try { fn(arg); } catch (e) { failConnection(socket, what, e); }
    };
  }

  var runtime = {
    init: function (ns, info) {
      moduleNs = ns;
      ctx = {
        name: info.name,
        port: info.port,
        protocol: info.protocol,
        shared: makeShared(controller.signal),
        signal: controller.signal,
        log: ctxLog
      };
      if (info.protocol === 'udp') {
        ctx.reply = function (msg, rinfo, encoding) {
          if (!rinfo || typeof rinfo.port !== 'number' || typeof rinfo.address !== 'string') {
            throw new TypeError('ctx.reply(msg, rinfo): rinfo must be {address, port}, e.g. the rinfo given to message()');
          }
          if (!Number.isInteger(rinfo.port) || rinfo.port < 1 || rinfo.port > 65535) {
            throw new RangeError('ctx.reply: port must be an integer from 1 to 65535, got ' + rinfo.port);
          }
          var buf = toBuffer(msg, encoding);
          var refused = host.reply(buf, rinfo.address, rinfo.port);
          if (refused) throw new Error(String(refused));
        };
      }
      Object.freeze(ctx);
    },
    open: function (ok, fail) { callExport('open', [ctx], ok, fail); },
    close: function (ok, fail) {
      callExport('close', [ctx], function () { clearAllTimers(); ok(); }, function (m) { clearAllTimers(); fail(m); });
    },
    abort: function (reason) { controller.abort(makeDomException(String(reason), 'AbortError')); },
    accept: function (nativeConn) {
      var socket = new Socket(nativeConn);
      var events = {
        data: guarded(socket, "a 'data' listener", function (bytes) { socket._onData(bytes); }),
        end: guarded(socket, "an 'end' listener", function () { socket._onEnd(); }),
        drain: guarded(socket, "a 'drain' listener", function () { socket._onDrain(); }),
        error: guarded(socket, "an 'error' listener", function (message) {
          if (socket._error !== undefined) return;
          var err = new Error(message);
          err.code = 'ECONNRESET';
          socket._error = err;
          if (socket.listenerCount('error') > 0) socket.emit('error', err);
        }),
        close: function () {
          try { socket._onClose(socket._error !== undefined); } catch (e) { console.error("a 'close' listener threw:\n" + describeError(e)); }
        }
      };
      var result;
      try {
        result = moduleNs.handle(socket, ctx);
      } catch (e) {
        failConnection(socket, 'handle()', e);
        return events;
      }
      if (result && typeof result.then === 'function') {
        result.then(undefined, function (e) { failConnection(socket, 'handle()', e); });
      }
      return events;
    },
    message: function (bytes, address, family, port) {
      var msg = new Buffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      var rinfo = { address: address, family: family, port: port, size: msg.length };
      var where = ' from ' + address + ':' + port + ' was dropped:\n';
      var result;
      try {
        result = moduleNs.message(msg, rinfo, ctx);
      } catch (e) {
        console.error('message()' + where + describeError(e));
        return;
      }
      if (result && typeof result.then === 'function') {
        result.then(undefined, function (e) { console.error('message()' + where + describeError(e)); });
      }
    },
    globals: {
      Buffer: Buffer,
      EventEmitter: EventEmitter,
      console: console,
      setTimeout: setTimeout, setInterval: setInterval, setImmediate: setImmediate,
      clearTimeout: clearTimer, clearInterval: clearTimer, clearImmediate: clearTimer,
      AbortController: AbortController, AbortSignal: AbortSignal,
      TextEncoder: TextEncoder, TextDecoder: TextDecoder,
      structuredClone: function (v) { return structuredClone(v); },
      queueMicrotask: function (fn) {
        if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function');
        Promise.resolve().then(function () {
          try { fn(); } catch (e) { console.error('uncaught exception in microtask:\n' + describeError(e)); }
        });
      },
      performance: { now: function () { return host.now(); }, timeOrigin: Date.now() }
    }
  };
  var queueMicrotask = runtime.globals.queueMicrotask;
  // The node: built-ins beyond Buffer and EventEmitter read their exports from here (dev.porthoster.js.ModuleRules).
  Object.defineProperty(EventEmitter, Symbol.for('porthoster.modules'), {
    value: Object.freeze({
      string_decoder: Object.freeze({ StringDecoder: StringDecoder })
    })
  });
  return runtime;
})
