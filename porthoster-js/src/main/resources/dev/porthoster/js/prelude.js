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
//   init(moduleNamespace, info, connOps) info: {name, port, protocol}; connOps: every method of the Java
//                                      dev.porthoster.api.Conn, by name, taking a connection's id first
//                                      (write(id, bytes) -> bool, end(id), destroy(id), setReading(id, bool), ...;
//                                      remoteAddress(id) -> {address, family, port}); see ConnOperations. One set for
//                                      every connection: a connection costs a number, not functions of its own
//   open(ok, fail) / close(ok, fail)   run the optional export; fail(text) on throw or rejection
//   accept(id, address, family, port, localPort) -> socket
//   connData(socket, bytes), connEnd(socket), connDrain(socket), connError(socket, text), connClose(socket)
//   message(bytes, address, family, port)
//   abort(reason)                      abort ctx.signal
(function (host) {
  'use strict';

  // ---------------------------------------------------------------- formatting and console

  function inspect(value, depth) {
    if (typeof value === 'string') return depth === undefined ? value : quote(value);
    depth = depth === undefined ? 2 : depth;
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

  // a string as util.inspect shows it: single quotes unless the string has one
  function quote(s) {
    var q = s.indexOf("'") < 0 ? "'" : (s.indexOf('"') < 0 ? '"' : (s.indexOf('`') < 0 ? '`' : "'"));
    return q + s.replace(/[\\\n\t\r\b\f\v]/g, function (c) { return { '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v' }[c]; })
      .replace(q === "'" ? /'/g : /(?!)/g, "\\'") + q;
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
    for (; rest < args.length; rest++) out += ' ' + (typeof args[rest] === 'string' ? args[rest] : inspect(args[rest], 1));
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
    var what = / argument$/.test(name) ? 'The ' + name : (name.indexOf('.') >= 0 ? 'The "' + name + '" property' : 'The "' + name + '" argument');
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

  // Node 20's Buffer (lib/buffer.js and the native parts it calls), argument checks and errors included.
  var K_MAX_LENGTH = 4294967296; // buffer.constants.MAX_LENGTH on 64-bit Node 20

  function separated(text) {
    var res = '', i = text.length, first = text[0] === '-' ? 1 : 0;
    for (; i >= first + 4; i -= 3) res = '_' + text.slice(i - 3, i) + res;
    return text.slice(0, i) + res;
  }

  function outOfRange(name, range, input) {
    var shown;
    if (typeof input === 'bigint') { // first: Rhino's Number.isInteger throws on a BigInt
      shown = String(input);
      if (input > BigInt(4294967296) || input < -BigInt(4294967296)) shown = separated(shown);
      shown += 'n';
    } else if (Number.isInteger(input) && Math.abs(input) > 4294967296) shown = separated(String(input));
    else shown = typeof input === 'number' && Object.is(input, -0) ? '-0' : (typeof input === 'string' ? "'" + input + "'" : inspect(input, 0));
    return nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + shown);
  }

  function outOfBounds(name) {
    return nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', name ? '"' + name + '" is outside of buffer bounds' : 'Attempt to access memory outside buffer bounds');
  }

  function validateNumber(value, name, min, max) {
    if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
    if ((min !== undefined && value < min) || (max !== undefined && value > max) || ((min !== undefined || max !== undefined) && Number.isNaN(value))) {
      throw outOfRange(name, (min !== undefined ? '>= ' + min : '') + (min !== undefined && max !== undefined ? ' && ' : '') + (max !== undefined ? '<= ' + max : ''), value);
    }
  }

  function validateInteger(value, name, min, max) {
    min = min === undefined ? Number.MIN_SAFE_INTEGER : min;
    max = max === undefined ? Number.MAX_SAFE_INTEGER : max;
    if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
    if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
    if (value < min || value > max) throw outOfRange(name, '>= ' + min + ' && <= ' + max, value);
  }

  function validateOffset(value, name, min, max) {
    validateInteger(value, name, min === undefined ? 0 : min, max === undefined ? K_MAX_LENGTH : max);
  }

  function requireBytes(value, name) {
    if (!(value instanceof Uint8Array)) throw invalidArgType(name, 'an instance of Buffer or Uint8Array', value);
  }

  function toInteger(n, otherwise) {
    n = +n;
    if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) return n % 1 === 0 ? n : Math.floor(n);
    return otherwise;
  }

  function utf8Length(str) {
    var n = 0;
    for (var i = 0; i < str.length; i++) {
      var c = str.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
      else n += 3;
    }
    return n;
  }

  function encodedLength(str, enc) {
    switch (enc) {
      case 'utf8': return utf8Length(str);
      case 'utf16le': return str.length * 2;
      case 'latin1': case 'ascii': return str.length;
      case 'hex': return str.length >>> 1;
      default: {
        var n = str.length;
        if (str.charCodeAt(n - 1) === 0x3d) n--;
        if (n > 1 && str.charCodeAt(n - 1) === 0x3d) n--;
        return (n * 3) >>> 2;
      }
    }
  }

  // bytes of str in enc that fit in room, never a partial character (utf8) or half a code unit (utf16le)
  function encodeInto(str, enc, room) {
    var bytes = encodeString(str, enc);
    var n = Math.min(bytes.length, room);
    if (enc === 'utf8') while (n > 0 && n < bytes.length && (bytes[n] & 0xc0) === 0x80) n--;
    if (enc === 'utf16le') n -= n % 2;
    return bytes.subarray(0, n);
  }

  function newBuffer(length) { return new Buffer(length); }

  function bufferOf(bytes) {
    var b = new Buffer(bytes.length);
    b.set(bytes);
    return b;
  }

  function fromArrayLike(obj) {
    var b = new Buffer(obj.length > 0 ? obj.length : 0);
    for (var i = 0; i < b.length; i++) b[i] = obj[i];
    return b;
  }

  function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
    var n = Math.min(aEnd - aStart, bEnd - bStart);
    for (var i = 0; i < n; i++) {
      var x = a[aStart + i], y = b[bStart + i];
      if (x !== y) return x < y ? -1 : 1;
    }
    var la = aEnd - aStart, lb = bEnd - bStart;
    return la === lb ? 0 : (la < lb ? -1 : 1);
  }

  // where a search starts (src/node_buffer.cc IndexOfOffset)
  function searchStart(length, offset, needleLength, forward) {
    if (offset < 0) {
      if (offset + length >= 0) return length + offset;
      return forward || needleLength === 0 ? 0 : -1;
    }
    if (offset + needleLength <= length) return offset;
    if (needleLength === 0) return length;
    return forward ? -1 : length - 1;
  }

  function searchBytes(hay, needle, offset, forward) {
    var start = searchStart(hay.length, offset, needle.length, forward);
    if (needle.length === 0) return start;
    if (hay.length === 0 || start <= -1) return -1;
    if ((forward && needle.length + start > hay.length) || needle.length > hay.length) return -1;
    var last = hay.length - needle.length;
    var i, j;
    if (forward) {
      outer: for (i = start; i <= last; i++) {
        for (j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
        return i;
      }
    } else {
      outer2: for (i = Math.min(start, last); i >= 0; i--) {
        for (j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer2;
        return i;
      }
    }
    return -1;
  }

  function indexOfEither(buf, value, byteOffset, encoding, forward) {
    if (typeof byteOffset === 'string') { encoding = byteOffset; byteOffset = undefined; }
    else if (byteOffset > 0x7fffffff) byteOffset = 0x7fffffff;
    else if (byteOffset < -0x80000000) byteOffset = -0x80000000;
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = forward ? 0 : buf.length;
    byteOffset = Math.trunc(byteOffset);
    if (typeof value === 'number') return searchBytes(buf, [(value >>> 0) & 255], byteOffset, forward);
    var enc = encoding === undefined ? 'utf8' : normalizeEncoding(encoding);
    if (typeof value === 'string') {
      if (enc === null) throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
      return searchBytes(buf, encodeString(value, enc), byteOffset, forward);
    }
    if (value instanceof Uint8Array) return searchBytes(buf, value, byteOffset, forward);
    throw invalidArgType('value', 'one of type number or string or an instance of Buffer or Uint8Array', value);
  }

  function swapBytes(buf, width) {
    if (buf.length % width !== 0) throw nodeError(RangeError, 'ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of ' + (width * 8) + '-bits');
    for (var i = 0; i < buf.length; i += width) {
      for (var a = i, b = i + width - 1; a < b; a++, b--) { var t = buf[a]; buf[a] = buf[b]; buf[b] = t; }
    }
    return buf;
  }

  function adjustOffset(offset, length) {
    offset = Math.trunc(offset);
    if (offset === 0 || Number.isNaN(offset)) return 0;
    if (offset < 0) { offset += length; return offset > 0 ? offset : 0; }
    return offset < length ? offset : length;
  }

  class Buffer extends Uint8Array {
    static from(value, encodingOrOffset, length) {
      if (typeof value === 'string') return fromString(value, encodingOrOffset);
      if (typeof value === 'object' && value !== null) {
        if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer)) {
          var off = encodingOrOffset === undefined ? 0 : +encodingOrOffset;
          if (Number.isNaN(off)) off = 0;
          var max = value.byteLength - off;
          if (max < 0) throw outOfBounds('offset');
          var len;
          if (length === undefined) len = max;
          else { len = +length; if (len > 0) { if (len > max) throw outOfBounds('length'); } else len = 0; }
          return new Buffer(value, off, len);
        }
        var primitive = typeof value.valueOf === 'function' ? value.valueOf() : undefined;
        if (primitive !== null && primitive !== undefined && primitive !== value && (typeof primitive === 'string' || typeof primitive === 'object')) {
          return Buffer.from(primitive, encodingOrOffset, length);
        }
        if (value.length !== undefined || value.buffer instanceof ArrayBuffer) {
          return typeof value.length !== 'number' ? new Buffer(0) : fromArrayLike(value);
        }
        if (value.type === 'Buffer' && Array.isArray(value.data)) return fromArrayLike(value.data);
        if (typeof value[Symbol.toPrimitive] === 'function') {
          var s = value[Symbol.toPrimitive]('string');
          if (typeof s === 'string') return fromString(s, encodingOrOffset);
        }
      }
      throw invalidArgType('first argument', 'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object', value);
    }
    static of() { return fromArrayLike(arguments); }
    static copyBytesFrom(view, offset, length) {
      if (!ArrayBuffer.isView(view) || view instanceof DataView) throw invalidArgType('view', 'an instance of TypedArray', view);
      var n = view.length;
      if (n === 0) return new Buffer(0);
      if (offset !== undefined || length !== undefined) {
        if (offset !== undefined) {
          validateInteger(offset, 'offset', 0);
          if (offset >= n) return new Buffer(0);
        } else offset = 0;
        var end = n;
        if (length !== undefined) { validateInteger(length, 'length', 0); end = offset + length; }
        view = view.subarray(offset, Math.min(end, n));
      }
      return bufferOf(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
    }
    static alloc(size, fill, encoding) {
      validateNumber(size, 'size', 0, K_MAX_LENGTH);
      var b = new Buffer(size);
      if (fill !== undefined && fill !== 0 && size > 0) fillBytes(b, fill, 0, b.length, encoding);
      return b;
    }
    static allocUnsafe(size) { validateNumber(size, 'size', 0, K_MAX_LENGTH); return new Buffer(size); }
    static allocUnsafeSlow(size) { validateNumber(size, 'size', 0, K_MAX_LENGTH); return new Buffer(size); }
    static isBuffer(b) { return b instanceof Buffer; }
    static isEncoding(enc) { return typeof enc === 'string' && enc.length !== 0 && normalizeEncoding(enc) !== null; }
    static byteLength(value, encoding) {
      if (typeof value !== 'string') {
        if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength;
        throw invalidArgType('string', 'of type string or an instance of Buffer or ArrayBuffer', value);
      }
      if (value.length === 0) return 0;
      var enc = encoding ? normalizeEncoding(encoding) : 'utf8';
      return encodedLength(value, enc === null ? 'utf8' : enc);
    }
    static concat(list, totalLength) {
      if (!Array.isArray(list)) throw invalidArgType('list', 'an instance of Array', list);
      if (list.length === 0) return new Buffer(0);
      var i;
      if (totalLength === undefined) {
        totalLength = 0;
        for (i = 0; i < list.length; i++) if (list[i].length) totalLength += list[i].length;
      } else {
        validateOffset(totalLength, 'length');
      }
      var out = Buffer.allocUnsafe(totalLength);
      var pos = 0;
      for (i = 0; i < list.length; i++) {
        requireBytes(list[i], 'list[' + i + ']');
        var n = Math.min(list[i].length, totalLength - pos);
        if (n > 0) out.set(n === list[i].length ? list[i] : list[i].subarray(0, n), pos);
        pos += n;
      }
      if (pos < totalLength) out.fill(0, pos, totalLength);
      return out;
    }
    static compare(a, b) {
      requireBytes(a, 'buf1');
      requireBytes(b, 'buf2');
      return a === b ? 0 : compareBytes(a, 0, a.length, b, 0, b.length);
    }

    get parent() { return this.buffer; }
    get offset() { return this.byteOffset; }
    toString(encoding, start, end) {
      var len = this.length;
      if (arguments.length === 0) return utf8Decode(this, 0, len);
      if (start <= 0) start = 0;
      else if (start >= len) return '';
      else start = Math.trunc(start) || 0;
      if (end === undefined || end > len) end = len;
      else end = Math.trunc(end) || 0;
      if (end <= start) return '';
      if (encoding === undefined) return utf8Decode(this, start, end);
      var enc = normalizeEncoding(String(encoding));
      if (enc === null) throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
      return decodeBytes(this, enc, start, end);
    }
    toLocaleString(encoding, start, end) { return this.toString.apply(this, arguments); }
    toJSON() { return { type: 'Buffer', data: Array.prototype.slice.call(this) }; }
    write(string, offset, length, encoding) {
      if (typeof string !== 'string') throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
      if (offset === undefined) { offset = 0; length = this.length; }
      else if (length === undefined && typeof offset === 'string') { encoding = offset; length = this.length; offset = 0; }
      else {
        validateOffset(offset, 'offset', 0, this.length);
        var remaining = this.length - offset;
        if (length === undefined) length = remaining;
        else if (typeof length === 'string') { encoding = length; length = remaining; }
        else { validateOffset(length, 'length', 0, this.length); if (length > remaining) length = remaining; }
      }
      var enc = encoding ? normalizeEncoding(String(encoding)) : 'utf8';
      if (enc === null) throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
      var bytes = encodeInto(string, enc, length);
      this.set(bytes, offset);
      return bytes.length;
    }
    subarray(start, end) {
      var n = this.length;
      start = adjustOffset(start, n);
      end = end !== undefined ? adjustOffset(end, n) : n;
      return new Buffer(this.buffer, this.byteOffset + start, end > start ? end - start : 0);
    }
    slice(start, end) { return this.subarray(start, end); }
    equals(other) {
      requireBytes(other, 'otherBuffer');
      if (this === other) return true;
      return this.byteLength === other.byteLength && compareBytes(this, 0, this.length, other, 0, other.length) === 0;
    }
    compare(target, tStart, tEnd, sStart, sEnd) {
      requireBytes(target, 'target');
      if (arguments.length === 1) return compareBytes(this, 0, this.length, target, 0, target.length);
      if (tStart === undefined) tStart = 0; else validateOffset(tStart, 'targetStart');
      if (tEnd === undefined) tEnd = target.length; else validateOffset(tEnd, 'targetEnd', 0, target.length);
      if (sStart === undefined) sStart = 0; else validateOffset(sStart, 'sourceStart');
      if (sEnd === undefined) sEnd = this.length; else validateOffset(sEnd, 'sourceEnd', 0, this.length);
      if (sStart >= sEnd) return tStart >= tEnd ? 0 : -1;
      if (tStart >= tEnd) return 1;
      return compareBytes(this, sStart, sEnd, target, tStart, tEnd);
    }
    indexOf(value, byteOffset, encoding) { return indexOfEither(this, value, byteOffset, encoding, true); }
    lastIndexOf(value, byteOffset, encoding) { return indexOfEither(this, value, byteOffset, encoding, false); }
    includes(value, byteOffset, encoding) { return this.indexOf(value, byteOffset, encoding) !== -1; }
    fill(value, offset, end, encoding) { return fillBytes(this, value, offset, end, encoding); }
    copy(target, targetStart, sourceStart, sourceEnd) {
      requireBytes(this, 'source');
      requireBytes(target, 'target');
      if (targetStart === undefined) targetStart = 0;
      else {
        targetStart = Number.isInteger(targetStart) ? targetStart : toInteger(targetStart, 0);
        if (targetStart < 0) throw outOfRange('targetStart', '>= 0', targetStart);
      }
      if (sourceStart === undefined) sourceStart = 0;
      else {
        sourceStart = Number.isInteger(sourceStart) ? sourceStart : toInteger(sourceStart, 0);
        if (sourceStart < 0 || sourceStart > this.length) throw outOfRange('sourceStart', '>= 0 && <= ' + this.length, sourceStart);
      }
      if (sourceEnd === undefined) sourceEnd = this.length;
      else {
        sourceEnd = Number.isInteger(sourceEnd) ? sourceEnd : toInteger(sourceEnd, 0);
        if (sourceEnd < 0) throw outOfRange('sourceEnd', '>= 0', sourceEnd);
      }
      if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
      if (sourceEnd - sourceStart > target.length - targetStart) sourceEnd = sourceStart + target.length - targetStart;
      var n = Math.min(sourceEnd - sourceStart, this.length - sourceStart);
      target.set(new Uint8Array(this.buffer, this.byteOffset + sourceStart, n), targetStart);
      return n;
    }
    swap16() { return swapBytes(this, 2); }
    swap32() { return swapBytes(this, 4); }
    swap64() { return swapBytes(this, 8); }
    _view() { return new DataView(this.buffer, this.byteOffset, this.byteLength); }
  }
  Buffer.poolSize = 8192;

  function fromString(str, encoding) {
    var enc = 'utf8';
    if (encoding && typeof encoding === 'string') {
      enc = normalizeEncoding(encoding);
      if (enc === null) throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
    }
    return bufferOf(encodeString(str, enc));
  }

  function fillBytes(buf, value, offset, end, encoding) {
    var enc;
    if (typeof value === 'string') {
      if (offset === undefined || typeof offset === 'string') { encoding = offset; offset = 0; end = buf.length; }
      else if (typeof end === 'string') { encoding = end; end = buf.length; }
      enc = encoding === undefined || encoding === null || encoding === '' ? 'utf8' : normalizeEncoding(encoding);
      if (enc === null) {
        if (typeof encoding !== 'string') throw invalidArgType('encoding', 'of type string', encoding);
        throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
      }
      if (value.length === 0) value = 0;
    }
    if (offset === undefined) { offset = 0; end = buf.length; }
    else {
      validateOffset(offset, 'offset');
      if (end === undefined) end = buf.length; else validateOffset(end, 'end', 0, buf.length);
      if (offset >= end) return buf;
    }
    var bytes;
    if (typeof value === 'number') bytes = null;
    else if (typeof value === 'string') bytes = encodeString(value, enc);
    else if (ArrayBuffer.isView(value)) bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    else { value = (Number(value) >>> 0) & 255; bytes = null; }
    if (bytes === null) { Uint8Array.prototype.fill.call(buf, value & 255, offset, end); return buf; }
    if (bytes.length === 0) throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid. Received " + (typeof value === 'string' ? "'" + value + "'" : inspect(value, 0)));
    for (var i = offset, k = 0; i < end; i++, k = (k + 1) % bytes.length) buf[i] = bytes[k];
    return buf;
  }

  // ints of 1 to 6 bytes, as Node reads and writes them (lib/internal/buffer.js)
  function boundsError(value, length, name) {
    if (Math.floor(value) !== value) {
      validateNumber(value, name);
      throw outOfRange(name || 'offset', 'an integer', value);
    }
    if (length < 0) throw outOfBounds();
    throw outOfRange(name || 'offset', '>= ' + (name ? 1 : 0) + ' and <= ' + length, value);
  }

  function checkBounds(buf, offset, width) {
    validateNumber(offset, 'offset');
    if (buf[offset] === undefined || buf[offset + width - 1] === undefined) boundsError(offset, buf.length - width);
  }

  function readBytes(buf, offset, width, signed, little) {
    if (offset === undefined) offset = 0;
    checkBounds(buf, offset, width);
    var v = 0;
    for (var i = 0; i < width; i++) v = v * 256 + buf[offset + (little ? width - 1 - i : i)];
    return signed && v >= Math.pow(2, 8 * width - 1) ? v - Math.pow(2, 8 * width) : v;
  }

  function writeBytes(buf, value, offset, width, signed, little) {
    value = +value;
    if (offset === undefined) offset = 0;
    if (width === 1) validateNumber(offset, 'offset');
    var bits = 8 * width;
    var min = signed ? -Math.pow(2, bits - 1) : 0, max = signed ? Math.pow(2, bits - 1) - 1 : Math.pow(2, bits) - 1;
    if (value > max || value < min) {
      var range = width > 4
        ? (signed ? '>= -(2 ** ' + (bits - 1) + ') and < 2 ** ' + (bits - 1) : '>= 0 and < 2 ** ' + bits)
        : '>= ' + min + ' and <= ' + max;
      throw outOfRange('value', range, value);
    }
    checkBounds(buf, offset, width);
    var lo = value, hi = width > 4 ? Math.floor(value * Math.pow(2, -32)) : 0;
    for (var i = 0; i < width; i++) {
      var byte = i < 4 ? (lo >>> (8 * i)) & 255 : (hi >>> (8 * (i - 4))) & 255;
      buf[offset + (little ? i : width - 1 - i)] = byte;
    }
    return offset + width;
  }

  function byteLengthOf(byteLength, offset) {
    if (offset === undefined) throw invalidArgType('offset', 'of type number', offset);
    if (byteLength === undefined || byteLength !== byteLength || byteLength < 1 || byteLength > 6 || byteLength % 1 !== 0) boundsError(byteLength, 6, 'byteLength');
    return byteLength;
  }

  [['UInt8', 1, false], ['Int8', 1, true], ['UInt16', 2, false], ['Int16', 2, true],
   ['UInt32', 4, false], ['Int32', 4, true]].forEach(function (t) {
    var name = t[0], width = t[1], signed = t[2];
    (width === 1 ? [['', false]] : [['LE', true], ['BE', false]]).forEach(function (e) {
      var little = e[1];
      Buffer.prototype['read' + name + e[0]] = function (offset) { return readBytes(this, offset, width, signed, little); };
      Buffer.prototype['write' + name + e[0]] = function (value, offset) { return writeBytes(this, value, offset, width, signed, little); };
    });
  });
  [['UIntLE', false, true], ['UIntBE', false, false], ['IntLE', true, true], ['IntBE', true, false]].forEach(function (t) {
    var signed = t[1], little = t[2];
    Buffer.prototype['read' + t[0]] = function (offset, byteLength) {
      return readBytes(this, offset, byteLengthOf(byteLength, offset), signed, little);
    };
    Buffer.prototype['write' + t[0]] = function (value, offset, byteLength) {
      return writeBytes(this, value, offset, byteLengthOf(byteLength, offset), signed, little);
    };
  });
  [['Float', 'Float32', 4], ['Double', 'Float64', 8]].forEach(function (t) {
    var get = DataView.prototype['get' + t[1]], set = DataView.prototype['set' + t[1]], width = t[2];
    [['LE', true], ['BE', false]].forEach(function (e) {
      Buffer.prototype['read' + t[0] + e[0]] = function (offset) {
        if (offset === undefined) offset = 0;
        checkBounds(this, offset, width);
        var v = get.call(this._view(), offset, e[1]);
        // Rhino's getFloat32 reads the bytes of -0 as +0
        return v === 0 && (this[e[1] ? offset + width - 1 : offset] & 0x80) ? -0 : v;
      };
      Buffer.prototype['write' + t[0] + e[0]] = function (value, offset) {
        value = +value;
        if (offset === undefined) offset = 0;
        checkBounds(this, offset, width);
        set.call(this._view(), offset, value, e[1]);
        return offset + width;
      };
    });
  });
  [['BigUInt64', 'BigUint64', false], ['BigInt64', 'BigInt64', true]].forEach(function (t) {
    var get = DataView.prototype['get' + t[1]], set = DataView.prototype['set' + t[1]], signed = t[2];
    [['LE', true], ['BE', false]].forEach(function (e) {
      Buffer.prototype['read' + t[0] + e[0]] = function (offset) {
        if (offset === undefined) offset = 0;
        checkBounds(this, offset, 8);
        return get.call(this._view(), offset, e[1]);
      };
      Buffer.prototype['write' + t[0] + e[0]] = function (value, offset) {
        if (offset === undefined) offset = 0;
        if (typeof value !== 'bigint') throw new TypeError('Cannot mix BigInt and other types, use explicit conversions');
        var limit = BigInt(signed ? '9223372036854775808' : '18446744073709551616');
        if (value >= limit || value < (signed ? -limit : BigInt(0))) {
          throw outOfRange('value', signed ? '>= -(2n ** 63n) and < 2n ** 63n' : '>= 0n and < 2n ** 64n', value);
        }
        checkBounds(this, offset, 8);
        set.call(this._view(), offset, value, e[1]);
        return offset + 8;
      };
    });
  });
  // Node's second spellings: readUint8, writeUintLE, readBigUint64BE, ...
  Object.getOwnPropertyNames(Buffer.prototype).forEach(function (key) {
    if (/^(read|write)(Big)?UInt/.test(key)) Buffer.prototype[key.replace('UInt', 'Uint')] = Buffer.prototype[key];
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

  var ERROR_MONITOR = Symbol('events.errorMonitor');
  var REJECTION = Symbol.for('nodejs.rejection');

  class EventEmitter {
    constructor(options) {
      this._events = Object.create(null);
      this._maxListeners = 10;
      if (options && options.captureRejections !== undefined) {
        if (typeof options.captureRejections !== 'boolean') throw invalidArgType('options.captureRejections', 'of type boolean', options.captureRejections);
        this._capture = options.captureRejections;
      } else {
        this._capture = EventEmitter.captureRejections;
      }
    }
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
      var args = Array.prototype.slice.call(arguments, 1);
      if (name === 'error' && this._events[ERROR_MONITOR]) this.emit.apply(this, [ERROR_MONITOR].concat(args));
      var list = this._events[name];
      if (!list) {
        if (name === 'error') {
          if (args[0] instanceof Error) throw args[0];
          throw nodeError(Error, 'ERR_UNHANDLED_ERROR', 'Unhandled error. (' + inspect(args[0], 0) + ')');
        }
        return false;
      }
      list = list.slice();
      for (var i = 0; i < list.length; i++) {
        var result = list[i].apply(this, args);
        // captureRejections: a listener's rejected promise becomes an 'error' (or the emitter's nodejs.rejection)
        if (this._capture && result && typeof result.then === 'function') captureRejection(this, result, name, args);
      }
      return true;
    }
    listeners(name) { return (this._events[name] || []).map(function (f) { return f.listener || f; }); }
    rawListeners(name) { return (this._events[name] || []).slice(); }
    listenerCount(name) { return (this._events[name] || []).length; }
    eventNames() { return Object.keys(this._events); }
    setMaxListeners(n) { this._maxListeners = n; return this; }
    getMaxListeners() { return this._maxListeners; }
  }
  function captureRejection(emitter, promise, name, args) {
    promise.then(undefined, function (err) {
      queueMicrotask(function () {
        if (typeof emitter[REJECTION] === 'function') { emitter[REJECTION].apply(emitter, [err, name].concat(args)); return; }
        var before = emitter._capture;
        emitter._capture = false;
        try { emitter.emit('error', err); } finally { emitter._capture = before; }
      });
    });
  }
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.captureRejections = false;
  EventEmitter.captureRejectionSymbol = REJECTION;
  EventEmitter.errorMonitor = ERROR_MONITOR;
  EventEmitter.on = function (emitter, name, options) { return eventsOn(emitter, name, options); };
  EventEmitter.getEventListeners = function (emitter, name) {
    return typeof emitter.listeners === 'function' ? emitter.listeners(name)
      : ((emitter._listeners && emitter._listeners[name]) || []).map(function (l) { return l.fn; });
  };
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

  // As in Node (lib/internal/timers.js), timers made in one callback are due by their delay alone, however long
  // the callback runs: Node counts them all from the time its turn began. Here they are handed to the loop
  // together when the callback is done, shortest delay first and in creation order within a delay (the loop
  // breaks ties by arrival), so they fire in Node's order; the delay counts from the end of the callback.
  // An interval is rescheduled from the start of its callback; the callback's `this` is the Timeout.
  var timerIds = 0;
  var liveTimers = new Map();
  var toArm = [];

  function armLater(t) {
    if (toArm.length === 0) Promise.resolve().then(armAll);
    toArm.push(t);
  }

  function armAll() {
    var batch = toArm;
    toArm = [];
    batch.sort(function (a, b) { return a._idleTimeout - b._idleTimeout || a._seq - b._seq; });
    for (var i = 0; i < batch.length; i++) if (batch[i]._waiting) batch[i]._arm(batch[i]._idleTimeout);
  }

  class Timeout {
    constructor(fn, ms, args, repeat) {
      this._idleTimeout = ms;
      this._onTimeout = fn;
      this._timerArgs = args;
      this._repeat = repeat ? ms : null;
      this._destroyed = false;
      this._cleared = false;
      this._id = ++timerIds;
      this._native = null;
      this._ref = true;
      this._waiting = false;
      this._seq = 0;
    }
    _schedule() {
      this._destroyed = false;
      this._waiting = true;
      this._seq = ++timerIds;
      liveTimers.set(this._id, this);
      armLater(this);
    }
    _arm(ms) {
      var self = this;
      this._waiting = false;
      this._destroyed = false;
      liveTimers.set(this._id, this);
      this._native = host.setTimer(function () { self._fire(); }, ms);
    }
    _fire() {
      this._native = null;
      if (this._repeat !== null) this._arm(this._repeat);
      else { this._destroyed = true; liveTimers.delete(this._id); }
      try {
        this._onTimeout.apply(this, this._timerArgs);
      } catch (e) {
        console.error('uncaught exception in timer callback:\n' + describeError(e));
      }
    }
    _clear() {
      if (this._native !== null) { host.clearTimer(this._native); this._native = null; }
      this._waiting = false;
      this._repeat = null;
      this._destroyed = true;
      this._cleared = true;
      liveTimers.delete(this._id);
    }
    ref() { this._ref = true; return this; }
    unref() { this._ref = false; return this; }
    hasRef() { return this._ref; }
    // restarts the full delay from now; also brings back a timeout that already fired, never a cleared one
    refresh() {
      if (this._cleared) return this;
      if (this._native !== null) { host.clearTimer(this._native); this._native = null; }
      this._schedule();
      return this;
    }
    close() { this._clear(); return this; }
    [Symbol.toPrimitive]() { return this._id; }
  }

  class Immediate {
    constructor(fn, args) {
      this._onImmediate = fn;
      this._argv = args;
      this._destroyed = false;
      this._ref = true;
      this._id = ++timerIds;
      var self = this;
      liveTimers.set(this._id, this);
      // a 0 ms task runs after what the loop already has queued (the I/O of this round), each on its own turn
      // so microtasks run between two immediates as in Node
      this._native = host.setTimer(function () { self._fire(); }, 0);
    }
    _fire() {
      this._native = null;
      this._destroyed = true;
      liveTimers.delete(this._id);
      try {
        this._onImmediate.apply(this, this._argv);
      } catch (e) {
        console.error('uncaught exception in immediate callback:\n' + describeError(e));
      }
    }
    _clear() {
      if (this._native !== null) { host.clearTimer(this._native); this._native = null; }
      this._destroyed = true;
      liveTimers.delete(this._id);
    }
    ref() { this._ref = true; return this; }
    unref() { this._ref = false; return this; }
    hasRef() { return this._ref; }
  }

  function delayOf(ms) {
    ms = Number(ms);
    return !(ms >= 1 && ms <= 2147483647) ? 1 : Math.floor(ms); // Node makes anything else 1 ms
  }

  function requireCallback(fn) {
    if (typeof fn !== 'function') throw invalidArgType('callback', 'of type function', fn);
  }

  function startTimer(fn, ms, args, repeat) {
    requireCallback(fn);
    var t = new Timeout(fn, ms, args, repeat);
    t._schedule();
    return t;
  }

  function clearTimer(t) {
    if (t === undefined || t === null) return;
    var timer = t instanceof Timeout ? t : ((typeof t === 'number' || typeof t === 'string') ? liveTimers.get(Number(t)) : undefined);
    if (timer instanceof Timeout) timer._clear();
  }

  function clearImmediate(i) { if (i instanceof Immediate && !i._destroyed) i._clear(); }

  function setTimeout(fn, ms) { return startTimer(fn, delayOf(ms), Array.prototype.slice.call(arguments, 2), false); }
  function setInterval(fn, ms) { return startTimer(fn, delayOf(ms), Array.prototype.slice.call(arguments, 2), true); }
  function setImmediate(fn) { requireCallback(fn); return new Immediate(fn, Array.prototype.slice.call(arguments, 1)); }

  function clearAllTimers() {
    var all = [];
    liveTimers.forEach(function (t) { all.push(t); });
    all.forEach(function (t) { t._clear(); });
    liveTimers.clear();
  }

  // ---------------------------------------------------------------- node:timers/promises

  function abortError(signal) {
    var e = new Error('The operation was aborted');
    e.name = 'AbortError';
    e.code = 'ABORT_ERR';
    e.cause = signal ? signal.reason : undefined;
    return e;
  }

  function checkTimerOptions(options) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) throw invalidArgType('options', 'of type object', options);
    var signal = options.signal;
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
      throw invalidArgType('options.signal', 'an instance of AbortSignal', signal);
    }
    if (options.ref !== undefined && typeof options.ref !== 'boolean') throw invalidArgType('options.ref', 'of type boolean', options.ref);
    return signal;
  }

  // resolves with what make(resolve) starts, unless signal aborts first
  function abortable(signal, start, clear) {
    if (signal && signal.aborted) return Promise.reject(abortError(signal));
    var onAbort = null;
    var p = new Promise(function (resolve, reject) {
      var handle = start(resolve);
      if (signal) {
        onAbort = function () { clear(handle); reject(abortError(signal)); };
        signal.addEventListener('abort', onAbort);
      }
    });
    return onAbort === null ? p : p.then(function (v) { signal.removeEventListener('abort', onAbort); return v; },
      function (e) { signal.removeEventListener('abort', onAbort); throw e; });
  }

  function promisedTimeout(after, value, options) {
    var signal;
    try {
      if (after !== undefined) validateNumber(after, 'delay');
      signal = checkTimerOptions(options === undefined ? {} : options);
    } catch (e) {
      return Promise.reject(e);
    }
    return abortable(signal, function (resolve) { return setTimeout(resolve, after, value); }, clearTimer);
  }

  function promisedImmediate(value, options) {
    var signal;
    try {
      signal = checkTimerOptions(options === undefined ? {} : options);
    } catch (e) {
      return Promise.reject(e);
    }
    return abortable(signal, function (resolve) { return setImmediate(resolve, value); }, clearImmediate);
  }

  // an async iterator by hand: the prelude also runs on Rhino, which has no async generators
  function promisedInterval(after, value, options) {
    if (after !== undefined) validateNumber(after, 'delay');
    var signal = checkTimerOptions(options === undefined ? {} : options);
    var ticks = 0, waiting = null, finished = false;
    var timer = null;
    function finish() { finished = true; if (timer !== null) clearTimer(timer); if (signal) signal.removeEventListener('abort', onAbort); }
    function onAbort() {
      finish();
      if (waiting) { var w = waiting; waiting = null; w.reject(abortError(signal)); }
    }
    var iterator = {
      next: function () {
        if (signal && signal.aborted) { finish(); return Promise.reject(abortError(signal)); }
        if (finished) return Promise.resolve({ value: undefined, done: true });
        if (timer === null) {
          timer = setInterval(function () {
            if (waiting) { var w = waiting; waiting = null; w.resolve({ value: value, done: false }); } else ticks++;
          }, after);
          if (signal) signal.addEventListener('abort', onAbort);
        }
        if (ticks > 0) { ticks--; return Promise.resolve({ value: value, done: false }); }
        return new Promise(function (resolve, reject) { waiting = { resolve: resolve, reject: reject }; });
      },
      return: function () { finish(); return Promise.resolve({ value: undefined, done: true }); }
    };
    if (typeof Symbol.asyncIterator === 'symbol') iterator[Symbol.asyncIterator] = function () { return this; };
    return iterator;
  }

  var timersPromises = Object.freeze({
    setTimeout: promisedTimeout,
    setImmediate: promisedImmediate,
    setInterval: promisedInterval,
    scheduler: Object.freeze({
      wait: function (delay, options) { return promisedTimeout(delay, undefined, options); },
      yield: function () { return promisedImmediate(); }
    })
  });

  // ---------------------------------------------------------------- atob / btoa, node:net's isIP

  function invalidCharacter(message) { return makeDomException(message, 'InvalidCharacterError'); }

  function missingArgs() {
    var names = Array.prototype.map.call(arguments, function (n) { return '"' + n + '"'; });
    return nodeError(TypeError, 'ERR_MISSING_ARGS', 'The ' + names.join(' and ') + ' argument' + (names.length > 1 ? 's' : '') + ' must be specified');
  }

  function btoa(input) {
    if (arguments.length === 0) throw missingArgs('input');
    input = String(input);
    for (var i = 0; i < input.length; i++) if (input.charCodeAt(i) > 255) throw invalidCharacter('Invalid character');
    return base64Encode(latin1Encode(input), 0, input.length, false);
  }

  // the WHATWG forgiving-base64 decode
  function atob(input) {
    if (arguments.length === 0) throw missingArgs('input');
    var s = String(input).replace(/[\t\n\f\r ]/g, '');
    if (s.length % 4 === 0) s = s.replace(/==?$/, '');
    if (!/^[A-Za-z0-9+/]*$/.test(s)) throw invalidCharacter('Invalid character');
    if (s.length % 4 === 1) throw invalidCharacter('The string to be decoded is not correctly encoded.');
    return decodeBytes(base64Decode(s), 'latin1', 0, base64Decode(s).length);
  }

  var V4_SEG = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
  var V4_STR = '(?:' + V4_SEG + '\\.){3}' + V4_SEG;
  var V6_SEG = '(?:[0-9a-fA-F]{1,4})';
  var IPV4 = new RegExp('^' + V4_STR + '$');
  var IPV6 = new RegExp('^(?:' +
    '(?:' + V6_SEG + ':){7}(?:' + V6_SEG + '|:)|' +
    '(?:' + V6_SEG + ':){6}(?:' + V4_STR + '|:' + V6_SEG + '|:)|' +
    '(?:' + V6_SEG + ':){5}(?::' + V4_STR + '|(?::' + V6_SEG + '){1,2}|:)|' +
    '(?:' + V6_SEG + ':){4}(?:(?::' + V6_SEG + '){0,1}:' + V4_STR + '|(?::' + V6_SEG + '){1,3}|:)|' +
    '(?:' + V6_SEG + ':){3}(?:(?::' + V6_SEG + '){0,2}:' + V4_STR + '|(?::' + V6_SEG + '){1,4}|:)|' +
    '(?:' + V6_SEG + ':){2}(?:(?::' + V6_SEG + '){0,3}:' + V4_STR + '|(?::' + V6_SEG + '){1,5}|:)|' +
    '(?:' + V6_SEG + ':){1}(?:(?::' + V6_SEG + '){0,4}:' + V4_STR + '|(?::' + V6_SEG + '){1,6}|:)|' +
    '(?::(?:(?::' + V6_SEG + '){0,5}:' + V4_STR + '|(?::' + V6_SEG + '){1,7}|:))' +
    ')(?:%[0-9a-zA-Z-.:]{1,})?$');
  function isIPv4(s) { return IPV4.test(s); }
  function isIPv6(s) { return IPV6.test(s); }
  function isIP(s) { return isIPv4(s) ? 4 : (isIPv6(s) ? 6 : 0); }

  // ---------------------------------------------------------------- EventTarget / Event

  class Event {
    constructor(type, options) {
      if (arguments.length === 0) throw missingArgs('type');
      this._type = String(type);
      this._cancelable = !!(options && options.cancelable);
      this._bubbles = !!(options && options.bubbles);
      this._composed = !!(options && options.composed);
      this._defaultPrevented = false;
      this._stop = false;
      this._target = null;
      this._current = null;
      this._timeStamp = host.now();
    }
    get type() { return this._type; }
    get cancelable() { return this._cancelable; }
    get bubbles() { return this._bubbles; }
    get composed() { return this._composed; }
    get defaultPrevented() { return this._cancelable && this._defaultPrevented; }
    get returnValue() { return !this.defaultPrevented; }
    get target() { return this._target; }
    get currentTarget() { return this._current; }
    get srcElement() { return this._target; }
    get timeStamp() { return this._timeStamp; }
    get isTrusted() { return false; }
    get eventPhase() { return this._current ? 2 : 0; }
    preventDefault() { this._defaultPrevented = true; }
    stopPropagation() { }
    stopImmediatePropagation() { this._stop = true; }
    composedPath() { return this._current ? [this._current] : []; }
  }

  class CustomEvent extends Event {
    constructor(type, options) {
      super(type, options);
      this._detail = options && options.detail !== undefined ? options.detail : null;
    }
    get detail() { return this._detail; }
  }

  class EventTarget {
    constructor() { this._listeners = Object.create(null); }
    addEventListener(type, listener, options) {
      if (listener === null || listener === undefined) return;
      if (typeof listener !== 'function' && !(typeof listener === 'object' && listener !== null)) {
        throw invalidArgType('listener', 'an instance of EventListener', listener);
      }
      var capture = typeof options === 'boolean' ? options : !!(options && options.capture);
      var once = !!(options && typeof options === 'object' && options.once);
      var signal = options && typeof options === 'object' ? options.signal : undefined;
      if (signal && signal.aborted) return;
      type = String(type);
      var list = this._listeners[type] || (this._listeners[type] = []);
      for (var i = 0; i < list.length; i++) if (list[i].fn === listener && list[i].capture === capture) return;
      var entry = { fn: listener, capture: capture, once: once, removed: false };
      list.push(entry);
      if (signal) {
        var self = this;
        signal.addEventListener('abort', function () { self.removeEventListener(type, listener, { capture: capture }); }, { once: true });
      }
    }
    removeEventListener(type, listener, options) {
      var capture = typeof options === 'boolean' ? options : !!(options && options.capture);
      var list = this._listeners[String(type)];
      if (!list) return;
      for (var i = 0; i < list.length; i++) {
        if (list[i].fn === listener && list[i].capture === capture) { list[i].removed = true; list.splice(i, 1); return; }
      }
    }
    dispatchEvent(event) {
      if (!(event instanceof Event)) throw invalidArgType('event', 'an instance of Event', event);
      event._target = this;
      event._current = this;
      var list = (this._listeners[event.type] || []).slice();
      for (var i = 0; i < list.length && !event._stop; i++) {
        var l = list[i];
        if (l.removed) continue;
        if (l.once) this.removeEventListener(event.type, l.fn, { capture: l.capture });
        try {
          if (typeof l.fn === 'function') l.fn.call(this, event); else if (typeof l.fn.handleEvent === 'function') l.fn.handleEvent(event);
        } catch (e) {
          console.error('uncaught exception in ' + event.type + ' listener:\n' + describeError(e));
        }
      }
      event._current = null;
      return !event.defaultPrevented;
    }
  }

  // ---------------------------------------------------------------- AbortController / AbortSignal

  var DOM_CODES = { InvalidCharacterError: 5, AbortError: 20, TimeoutError: 23, DataCloneError: 25 };

  function makeDomException(message, name) {
    var e = new Error(message);
    e.name = name;
    if (DOM_CODES[name]) e.code = DOM_CODES[name];
    return e;
  }

  class AbortSignal extends EventTarget {
    constructor() { super(); this._aborted = false; this._reason = undefined; this.onabort = null; }
    get aborted() { return this._aborted; }
    get reason() { return this._reason; }
    throwIfAborted() { if (this._aborted) throw this._reason; }
    _abort(reason) {
      if (this._aborted) return;
      this._aborted = true;
      this._reason = reason === undefined ? makeDomException('This operation was aborted', 'AbortError') : reason;
      var event = new Event('abort');
      if (typeof this.onabort === 'function') safely(this.onabort, this, event, 'abort listener');
      this.dispatchEvent(event);
    }
    static abort(reason) { var s = new AbortSignal(); s._abort(reason); return s; }
    static timeout(ms) {
      if (typeof ms !== 'number') throw invalidArgType('delay', 'of type number', ms);
      if (!Number.isInteger(ms)) throw outOfRange('delay', 'an integer', ms);
      if (ms < 0 || ms > 4294967295) throw outOfRange('delay', '>= 0 && <= 4294967295', ms);
      var s = new AbortSignal();
      setTimeout(function () { s._abort(makeDomException('The operation was aborted due to timeout', 'TimeoutError')); }, ms);
      return s;
    }
    static any(signals) {
      if (!Array.isArray(signals)) throw invalidArgType('signals', 'an instance of Array', signals);
      var s = new AbortSignal();
      for (var i = 0; i < signals.length; i++) {
        if (!(signals[i] instanceof AbortSignal)) throw invalidArgType('signals[' + i + ']', 'an instance of AbortSignal', signals[i]);
        if (signals[i].aborted) { s._abort(signals[i].reason); return s; }
      }
      signals.forEach(function (one) { one.addEventListener('abort', function () { s._abort(one.reason); }, { once: true }); });
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

  // ---------------------------------------------------------------- node:events additions


  // resolves with each emission's arguments; an async iterator by hand (Rhino has no async generators)
  function eventsOn(emitter, name, options) {
    var signal = options && options.signal;
    if (signal && signal.aborted) throw abortError(signal);
    var queued = [], waiting = [], failure = null, finished = false;
    function onEvent() {
      var args = Array.prototype.slice.call(arguments);
      if (waiting.length) waiting.shift().resolve({ value: args, done: false }); else queued.push(args);
    }
    function onError(err) {
      finish();
      if (waiting.length) waiting.shift().reject(err); else failure = err;
    }
    function onAbort() { onError(abortError(signal)); }
    function finish() {
      finished = true;
      emitter.removeListener(name, onEvent);
      if (name !== 'error') emitter.removeListener('error', onError);
      if (signal) signal.removeEventListener('abort', onAbort);
      while (waiting.length) waiting.shift().resolve({ value: undefined, done: true });
    }
    emitter.on(name, onEvent);
    if (name !== 'error') emitter.on('error', onError);
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    var iterator = {
      next: function () {
        if (queued.length) return Promise.resolve({ value: queued.shift(), done: false });
        if (failure) { var f = failure; failure = null; return Promise.reject(f); }
        if (finished) return Promise.resolve({ value: undefined, done: true });
        return new Promise(function (resolve, reject) { waiting.push({ resolve: resolve, reject: reject }); });
      },
      return: function () { finish(); return Promise.resolve({ value: undefined, done: true }); },
      throw: function (err) { onError(err); return Promise.reject(err); }
    };
    if (typeof Symbol.asyncIterator === 'symbol') iterator[Symbol.asyncIterator] = function () { return this; };
    return iterator;
  }

  // ---------------------------------------------------------------- node:util

  var PROMISIFY_CUSTOM = Symbol.for('nodejs.util.promisify.custom');

  function promisify(original) {
    if (typeof original !== 'function') throw invalidArgType('original', 'of type function', original);
    if (typeof original[PROMISIFY_CUSTOM] === 'function') return original[PROMISIFY_CUSTOM];
    function promisified() {
      var self = this, args = Array.prototype.slice.call(arguments);
      return new Promise(function (resolve, reject) {
        args.push(function (err, value) { if (err) reject(err); else resolve(value); });
        original.apply(self, args);
      });
    }
    Object.setPrototypeOf(promisified, Object.getPrototypeOf(original));
    Object.defineProperty(promisified, PROMISIFY_CUSTOM, { value: promisified });
    return Object.defineProperties(promisified, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = PROMISIFY_CUSTOM;
  setTimeout[PROMISIFY_CUSTOM] = promisedTimeout;
  setImmediate[PROMISIFY_CUSTOM] = promisedImmediate;

  function callbackify(original) {
    if (typeof original !== 'function') throw invalidArgType('original', 'of type function', original);
    return function () {
      var args = Array.prototype.slice.call(arguments);
      var cb = args.pop();
      if (typeof cb !== 'function') throw invalidArgType('last argument', 'of type function', cb);
      var self = this;
      original.apply(this, args).then(function (v) { cb.call(self, null, v); }, function (e) {
        if (!e) { var w = new Error('Promise was rejected with a falsy value'); w.code = 'ERR_FALSY_VALUE_REJECTION'; w.reason = e; e = w; }
        cb.call(self, e);
      });
    };
  }

  function tagOf(v) { return Object.prototype.toString.call(v).slice(8, -1); }

  var types = {
    isPromise: function (v) { return v instanceof Promise; },
    isDate: function (v) { return v instanceof Date; },
    isRegExp: function (v) { return v instanceof RegExp; },
    isMap: function (v) { return v instanceof Map; },
    isSet: function (v) { return v instanceof Set; },
    isWeakMap: function (v) { return v instanceof WeakMap; },
    isWeakSet: function (v) { return v instanceof WeakSet; },
    isNativeError: function (v) { return v instanceof Error; },
    isArrayBuffer: function (v) { return v instanceof ArrayBuffer; },
    isAnyArrayBuffer: function (v) { return v instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer); },
    isArrayBufferView: function (v) { return ArrayBuffer.isView(v); },
    isDataView: function (v) { return v instanceof DataView; },
    isTypedArray: function (v) { return ArrayBuffer.isView(v) && !(v instanceof DataView); },
    isUint8Array: function (v) { return v instanceof Uint8Array; },
    isUint16Array: function (v) { return v instanceof Uint16Array; },
    isUint32Array: function (v) { return v instanceof Uint32Array; },
    isInt8Array: function (v) { return v instanceof Int8Array; },
    isInt16Array: function (v) { return v instanceof Int16Array; },
    isInt32Array: function (v) { return v instanceof Int32Array; },
    isFloat32Array: function (v) { return v instanceof Float32Array; },
    isFloat64Array: function (v) { return v instanceof Float64Array; },
    isBigInt64Array: function (v) { return typeof BigInt64Array === 'function' && v instanceof BigInt64Array; },
    isBigUint64Array: function (v) { return typeof BigUint64Array === 'function' && v instanceof BigUint64Array; },
    isGeneratorFunction: function (v) { return typeof v === 'function' && tagOf(v) === 'GeneratorFunction'; },
    isAsyncFunction: function (v) { return typeof v === 'function' && tagOf(v) === 'AsyncFunction'; },
    isBoxedPrimitive: function (v) { return v instanceof Number || v instanceof String || v instanceof Boolean; },
    isNumberObject: function (v) { return v instanceof Number; },
    isStringObject: function (v) { return v instanceof String; },
    isBooleanObject: function (v) { return v instanceof Boolean; },
    isSymbolObject: function (v) { return typeof v === 'object' && v !== null && tagOf(v) === 'Symbol'; }
  };

  function isDeepStrictEqual(a, b) { return deepEqual(a, b, true, []); }

  function deepEqual(a, b, strict, seen) {
    if (strict ? Object.is(a, b) : (a == b || (a !== a && b !== b))) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    if (tagOf(a) !== tagOf(b)) return false;
    for (var s = 0; s < seen.length; s++) if (seen[s][0] === a && seen[s][1] === b) return true;
    seen = seen.concat([[a, b]]);
    if (a instanceof Date) return a.getTime() === b.getTime();
    if (a instanceof RegExp) return String(a) === String(b);
    if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
    if (ArrayBuffer.isView(a)) {
      if (a.byteLength !== b.byteLength) return false;
      var x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength), y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      for (var i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    }
    if (a instanceof Map) {
      if (a.size !== b.size) return false;
      var ok = true;
      a.forEach(function (v, k) { if (ok && (!b.has(k) || !deepEqual(v, b.get(k), strict, seen))) ok = false; });
      if (!ok) return false;
    }
    if (a instanceof Set) {
      if (a.size !== b.size) return false;
      var all = true;
      a.forEach(function (v) { if (all && !b.has(v)) { var found = false; b.forEach(function (w) { if (!found && deepEqual(v, w, strict, seen)) found = true; }); if (!found) all = false; } });
      if (!all) return false;
    }
    var ka = Object.keys(a), kb = Object.keys(b);
    if (ArrayBuffer.isView(a)) { ka = ka.filter(function (k) { return !/^\d+$/.test(k); }); kb = kb.filter(function (k) { return !/^\d+$/.test(k); }); }
    if (ka.length !== kb.length) return false;
    for (var j = 0; j < ka.length; j++) {
      if (!Object.prototype.hasOwnProperty.call(b, ka[j])) return false;
      if (!deepEqual(a[ka[j]], b[ka[j]], strict, seen)) return false;
    }
    return true;
  }

  function inherits(ctor, superCtor) {
    if (typeof ctor !== 'function') throw invalidArgType('ctor', 'of type function', ctor);
    if (typeof superCtor !== 'function') throw invalidArgType('superCtor', 'of type function', superCtor);
    if (superCtor.prototype === undefined) throw invalidArgType('superCtor.prototype', 'of type object', superCtor.prototype);
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  function deprecate(fn, message) {
    var warned = false;
    return function () {
      if (!warned) { warned = true; console.warn('DeprecationWarning: ' + message); }
      return fn.apply(this, arguments);
    };
  }

  var util = Object.freeze({
    format: function () { return format(Array.prototype.slice.call(arguments)); },
    inspect: Object.assign(function (v, opts) { return inspect(v, opts && typeof opts.depth === 'number' ? opts.depth : 2); }, { custom: Symbol.for('nodejs.util.inspect.custom') }),
    promisify: promisify,
    callbackify: callbackify,
    inherits: inherits,
    deprecate: deprecate,
    isDeepStrictEqual: isDeepStrictEqual,
    types: Object.freeze(types),
    TextEncoder: TextEncoder,
    TextDecoder: TextDecoder,
    isArray: Array.isArray
  });

  // ---------------------------------------------------------------- node:assert

  class AssertionError extends Error {
    constructor(options) {
      super(options.message);
      this.name = 'AssertionError';
      this.code = 'ERR_ASSERTION';
      this.actual = options.actual;
      this.expected = options.expected;
      this.operator = options.operator;
      this.generatedMessage = !options.userMessage;
    }
  }

  var OPERATOR_TEXT = {
    strictEqual: 'Expected values to be strictly equal:', deepStrictEqual: 'Expected values to be strictly deep-equal:',
    equal: 'Expected values to be loosely equal:', deepEqual: 'Expected values to be loosely deep-equal:',
    notStrictEqual: 'Expected "actual" to be strictly unequal to:', notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
    notEqual: 'Expected "actual" to be loosely unequal to:', notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:'
  };

  function failWith(actual, expected, message, operator) {
    if (message instanceof Error) throw message;
    var text = message;
    // Node 20 adds the comparison to a message of your own for two primitives
    if (text !== undefined && (operator === 'strictEqual' || operator === 'equal') && (typeof actual !== 'object' || actual === null) && (typeof expected !== 'object' || expected === null)) {
      text += '\n\n' + inspect(actual, 1) + (operator === 'equal' ? ' != ' : ' !== ') + inspect(expected, 1) + '\n';
    }
    if (text === undefined) {
      var a = inspect(actual, 1), e = inspect(expected, 1);
      if (operator === 'strictEqual' || operator === 'equal') {
        text = OPERATOR_TEXT[operator] + '\n\n' + a + (operator === 'equal' ? ' != ' : ' !== ') + e + '\n';
      } else if (operator === 'notStrictEqual' || operator === 'notEqual' || operator === 'notDeepStrictEqual' || operator === 'notDeepEqual') {
        text = OPERATOR_TEXT[operator] + ' ' + e;
      } else {
        text = OPERATOR_TEXT[operator] + '\n\n' + a + '\n\nshould equal\n\n' + e;
      }
    }
    throw new AssertionError({ message: text, actual: actual, expected: expected, operator: operator, userMessage: message !== undefined });
  }

  function ok(value, message) {
    if (arguments.length === 0) throw new AssertionError({ message: 'No value argument passed to `assert.ok()`', actual: undefined, expected: true, operator: '==' });
    if (!value) {
      if (message instanceof Error) throw message;
      throw new AssertionError({ message: message === undefined ? 'The expression evaluated to a falsy value' : message, actual: value, expected: true, operator: '==', userMessage: message !== undefined });
    }
  }

  function matchesExpected(err, expected) {
    if (expected === undefined) return true;
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && err instanceof expected) return true;
      if (Error.isPrototypeOf(expected) || expected === Error) return false;
      return expected.call({}, err) === true;
    }
    if (expected instanceof RegExp) return expected.test(String(err));
    if (typeof expected === 'object' && expected !== null) {
      return Object.keys(expected).every(function (k) {
        return expected[k] instanceof RegExp && typeof err[k] === 'string' ? expected[k].test(err[k]) : deepEqual(err[k], expected[k], true, []);
      });
    }
    return true;
  }

  function throws(fn, expected, message) {
    if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function', fn);
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    try { fn(); } catch (e) {
      if (typeof expected === 'function' && expected.prototype !== undefined && (expected === Error || Error.isPrototypeOf(expected)) && !(e instanceof expected)) {
        throw new AssertionError({ message: 'The error is expected to be an instance of "' + expected.name + '". Received "' + (e && e.constructor ? e.constructor.name : typeof e) + '"\n\nError message:\n\n' + (e && e.message), actual: e, expected: expected, operator: 'throws' });
      }
      if (!matchesExpected(e, expected)) throw e;
      return;
    }
    throw new AssertionError({ message: message === undefined ? 'Missing expected exception.' : message, actual: undefined, expected: expected, operator: 'throws', userMessage: message !== undefined });
  }

  function doesNotThrow(fn, expected, message) {
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    try { fn(); } catch (e) {
      throw new AssertionError({ message: 'Got unwanted exception' + (message ? ': ' + message : '.') + '\nActual message: "' + (e && e.message) + '"', actual: e, expected: expected, operator: 'doesNotThrow' });
    }
  }

  function rejects(promiseOrFn, expected, message) {
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    return Promise.resolve().then(function () { return typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn; }).then(function () {
      throw new AssertionError({ message: message === undefined ? 'Missing expected rejection.' : message, actual: undefined, expected: expected, operator: 'rejects', userMessage: message !== undefined });
    }, function (e) {
      if (!matchesExpected(e, expected)) throw e;
    });
  }

  function doesNotReject(promiseOrFn, expected, message) {
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    return Promise.resolve().then(function () { return typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn; }).then(function () {}, function (e) {
      throw new AssertionError({ message: 'Got unwanted rejection' + (message ? ': ' + message : '.') + '\nActual message: "' + (e && e.message) + '"', actual: e, expected: expected, operator: 'doesNotReject' });
    });
  }

  function makeAssert(strict) {
    function assert(value, message) { return ok.apply(undefined, arguments); }
    assert.ok = ok;
    assert.fail = function (message) {
      if (message instanceof Error) throw message;
      throw new AssertionError({ message: message === undefined ? 'Failed' : message, operator: 'fail', userMessage: message !== undefined });
    };
    assert.strictEqual = function (a, b, m) { if (!Object.is(a, b)) failWith(a, b, m, 'strictEqual'); };
    assert.notStrictEqual = function (a, b, m) { if (Object.is(a, b)) failWith(a, b, m, 'notStrictEqual'); };
    assert.deepStrictEqual = function (a, b, m) { if (!deepEqual(a, b, true, [])) failWith(a, b, m, 'deepStrictEqual'); };
    assert.notDeepStrictEqual = function (a, b, m) { if (deepEqual(a, b, true, [])) failWith(a, b, m, 'notDeepStrictEqual'); };
    assert.equal = strict ? assert.strictEqual : function (a, b, m) { if (!(a == b || (a !== a && b !== b))) failWith(a, b, m, 'equal'); };
    assert.notEqual = strict ? assert.notStrictEqual : function (a, b, m) { if (a == b || (a !== a && b !== b)) failWith(a, b, m, 'notEqual'); };
    assert.deepEqual = strict ? assert.deepStrictEqual : function (a, b, m) { if (!deepEqual(a, b, false, [])) failWith(a, b, m, 'deepEqual'); };
    assert.notDeepEqual = strict ? assert.notDeepStrictEqual : function (a, b, m) { if (deepEqual(a, b, false, [])) failWith(a, b, m, 'notDeepEqual'); };
    assert.throws = throws;
    assert.doesNotThrow = doesNotThrow;
    assert.rejects = rejects;
    assert.doesNotReject = doesNotReject;
    assert.match = function (s, re, m) {
      if (!(re instanceof RegExp)) throw invalidArgType('regexp', 'an instance of RegExp', re);
      if (typeof s !== 'string' || !re.test(s)) {
        throw new AssertionError({ message: m !== undefined ? m : (typeof s !== 'string' ? 'The "string" argument must be of type string. Received type ' + typeof s + ' (' + inspect(s, 0) + ')' : 'The input did not match the regular expression ' + String(re) + '. Input:\n\n' + inspect(s, 0) + '\n'), actual: s, expected: re, operator: 'match', userMessage: m !== undefined });
      }
    };
    assert.ifError = function (v) { if (v !== null && v !== undefined) throw v instanceof Error ? v : new AssertionError({ message: 'ifError got unwanted exception: ' + inspect(v, 0), actual: v, expected: null, operator: 'ifError' }); };
    assert.AssertionError = AssertionError;
    return assert;
  }
  var assertModule = makeAssert(false);
  assertModule.strict = makeAssert(true);
  assertModule.strict.strict = assertModule.strict;

  // ---------------------------------------------------------------- URL / URLSearchParams (WHATWG URL, as Node 20)

  var SPECIAL_PORTS = { 'ftp:': '21', 'file:': '', 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };

  function invalidUrl(input, base) {
    var e = nodeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
    e.input = input;
    if (base !== undefined) e.base = base;
    return e;
  }

  function C0(c) { return c < 0x20 || c > 0x7e; }
  function FRAGMENT(c) { return C0(c) || c === 0x20 || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x60; }
  function QUERY(c) { return C0(c) || c === 0x20 || c === 0x22 || c === 0x23 || c === 0x3c || c === 0x3e; }
  function SPECIAL_QUERY(c) { return QUERY(c) || c === 0x27; }
  function PATH(c) { return QUERY(c) || c === 0x3f || c === 0x60 || c === 0x7b || c === 0x7d; }
  function USERINFO(c) { return PATH(c) || c === 0x2f || c === 0x3a || c === 0x3b || c === 0x3d || c === 0x40 || (c >= 0x5b && c <= 0x5e) || c === 0x7c; }
  function FORM(c) { return !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2a || c === 0x2d || c === 0x2e || c === 0x5f); }

  function percentEncode(str, inSet, spaceAsPlus) {
    var out = '';
    for (var i = 0; i < str.length; i++) {
      var c = str.charCodeAt(i);
      if (spaceAsPlus && c === 0x20) { out += '+'; continue; }
      if (!inSet(c)) { out += str[i]; continue; }
      var end = i + 1;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) end++;
      var bytes = utf8Encode(str.slice(i, end));
      for (var k = 0; k < bytes.length; k++) out += '%' + (bytes[k] < 16 ? '0' : '') + bytes[k].toString(16).toUpperCase();
      i = end - 1;
    }
    return out;
  }

  function percentDecodeBytes(str) {
    var bytes = utf8Encode(str), out = [];
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x25 && i + 2 < bytes.length + 0 && /^[0-9a-fA-F]{2}$/.test(String.fromCharCode(bytes[i + 1] || 0, bytes[i + 2] || 0))) {
        out.push(parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16)); i += 2;
      } else out.push(bytes[i]);
    }
    return new Uint8Array(out);
  }

  function percentDecode(str) { var b = percentDecodeBytes(str); return utf8Decode(b, 0, b.length); }

  // RFC 3492, for host labels outside ASCII
  function punycode(label) {
    var cps = Array.from(label).map(function (ch) { return ch.codePointAt(0); });
    var out = cps.filter(function (c) { return c < 0x80; }).map(function (c) { return String.fromCharCode(c); }).join('');
    var b = out.length, h = b;
    if (b > 0) out += '-';
    var n = 128, delta = 0, bias = 72;
    function digit(d) { return String.fromCharCode(d < 26 ? d + 97 : d + 22); }
    function adapt(delta, points, first) {
      delta = first ? Math.floor(delta / 700) : delta >> 1;
      delta += Math.floor(delta / points);
      var k = 0;
      for (; delta > 455; k += 36) delta = Math.floor(delta / 35);
      return k + Math.floor(36 * delta / (delta + 38));
    }
    while (h < cps.length) {
      var m = Infinity;
      cps.forEach(function (c) { if (c >= n && c < m) m = c; });
      delta += (m - n) * (h + 1);
      n = m;
      for (var i = 0; i < cps.length; i++) {
        var c = cps[i];
        if (c < n) delta++;
        if (c === n) {
          var q = delta;
          for (var k = 36; ; k += 36) {
            var t = k <= bias ? 1 : (k >= bias + 26 ? 26 : k - bias);
            if (q < t) break;
            out += digit(t + (q - t) % (36 - t));
            q = Math.floor((q - t) / (36 - t));
          }
          out += digit(q);
          bias = adapt(delta, h + 1, h === b);
          delta = 0;
          h++;
        }
      }
      delta++; n++;
    }
    return 'xn--' + out;
  }

  function parseIPv4Number(s) {
    if (s === '') return NaN;
    var radix = 10;
    if (/^0[xX]/.test(s)) { s = s.slice(2); radix = 16; } else if (s.length > 1 && s[0] === '0') { s = s.slice(1); radix = 8; }
    if (s === '') return 0;
    var re = radix === 10 ? /^[0-9]+$/ : (radix === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/);
    return re.test(s) ? parseInt(s, radix) : NaN;
  }

  function endsInNumber(host) {
    var parts = host.split('.');
    if (parts[parts.length - 1] === '') { if (parts.length === 1) return false; parts.pop(); }
    var last = parts[parts.length - 1];
    return /^[0-9]+$/.test(last) || /^0[xX][0-9a-fA-F]*$/.test(last);
  }

  function parseIPv4(host) {
    var parts = host.split('.');
    if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
    if (parts.length > 4) return null;
    var nums = parts.map(parseIPv4Number);
    if (nums.some(function (x) { return x !== x; })) return null;
    for (var i = 0; i < nums.length - 1; i++) if (nums[i] > 255) return null;
    if (nums[nums.length - 1] >= Math.pow(256, 5 - nums.length)) return null;
    var ip = nums[nums.length - 1];
    for (var j = 0; j < nums.length - 1; j++) ip += nums[j] * Math.pow(256, 3 - j);
    return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
  }

  function parseIPv6(input) {
    var pieces = [0, 0, 0, 0, 0, 0, 0, 0], idx = 0, compress = null, p = 0;
    var cp = function () { return input.charCodeAt(p); };
    var isHex = function (c) { return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102); };
    if (cp() === 58) { if (input.charCodeAt(1) !== 58) return null; p += 2; compress = ++idx; }
    while (p < input.length) {
      if (idx === 8) return null;
      if (cp() === 58) { if (compress !== null) return null; p++; compress = ++idx; continue; }
      var value = 0, length = 0;
      while (length < 4 && isHex(cp())) { value = value * 16 + parseInt(input[p], 16); p++; length++; }
      if (cp() === 46) {
        if (length === 0) return null;
        p -= length;
        if (idx > 6) return null;
        var seen = 0;
        while (p < input.length) {
          var v4 = null;
          if (seen > 0) { if (cp() === 46 && seen < 4) p++; else return null; }
          if (!(cp() >= 48 && cp() <= 57)) return null;
          while (cp() >= 48 && cp() <= 57) {
            var d = cp() - 48;
            if (v4 === null) v4 = d; else if (v4 === 0) return null; else v4 = v4 * 10 + d;
            if (v4 > 255) return null;
            p++;
          }
          pieces[idx] = pieces[idx] * 256 + v4;
          seen++;
          if (seen === 2 || seen === 4) idx++;
        }
        if (seen !== 4) return null;
        break;
      } else if (cp() === 58) { p++; if (p >= input.length) return null; } else if (p < input.length) return null;
      pieces[idx++] = value;
    }
    if (compress !== null) {
      var swaps = idx - compress;
      idx = 7;
      while (idx !== 0 && swaps > 0) { var t = pieces[compress + swaps - 1]; pieces[compress + swaps - 1] = pieces[idx]; pieces[idx] = t; idx--; swaps--; }
    } else if (idx !== 8) return null;
    var best = -1, bestLen = 1;
    for (var i = 0; i < 8; i++) {
      if (pieces[i] !== 0) continue;
      var j = i;
      while (j < 8 && pieces[j] === 0) j++;
      if (j - i > bestLen) { best = i; bestLen = j - i; }
      i = j;
    }
    var out = '';
    for (var k = 0; k < 8; k++) {
      if (k === best) { out += k === 0 ? '::' : ':'; k += bestLen - 1; continue; }
      out += pieces[k].toString(16) + (k < 7 ? ':' : '');
    }
    return '[' + out + ']';
  }

  var FORBIDDEN_HOST = /[\u0000\t\n\r #/:<>?@[\\\]^|]/;
  var FORBIDDEN_DOMAIN = /[\u0000-\u001f #%/:<>?@[\\\]^|\u007f]/;

  function parseHost(input, special) {
    if (input[0] === '[') {
      if (input[input.length - 1] !== ']') return null;
      return parseIPv6(input.slice(1, -1));
    }
    if (!special) return FORBIDDEN_HOST.test(input) ? null : percentEncode(input, C0);
    var domain = percentDecode(input).toLowerCase().replace(/[\u3002\uff0e\uff61]/g, '.');
    if (domain === '') return null;
    if (/[^\x00-\x7f]/.test(domain)) {
      domain = domain.normalize('NFC').split('.').map(function (l) { return /[^\x00-\x7f]/.test(l) ? punycode(l) : l; }).join('.');
    }
    if (FORBIDDEN_DOMAIN.test(domain)) return null;
    return endsInNumber(domain) ? parseIPv4(domain) : domain;
  }

  function isDot(s) { return s === '.' || s.toLowerCase() === '%2e'; }
  function isDotDot(s) { return /^(\.|%2e)(\.|%2e)$/i.test(s); }

  function parsePath(url, input, basePath) {
    var segs = basePath ? basePath.slice() : [];
    var parts = input.split(url._special ? /[/\\]/ : /\//);
    if (parts[0] === '' && parts.length > 1) parts.shift();
    for (var i = 0; i < parts.length; i++) {
      var s = parts[i], last = i === parts.length - 1;
      if (isDotDot(s)) {
        if (!(url._protocol === 'file:' && segs.length === 1 && /^[A-Za-z]:$/.test(segs[0]))) segs.pop();
        if (last) segs.push('');
      } else if (isDot(s)) {
        if (last) segs.push('');
      } else {
        segs.push(percentEncode(s, PATH));
      }
    }
    return segs;
  }

  function splitRest(rest) {
    var out = { path: rest, query: null, fragment: null };
    var h = out.path.indexOf('#');
    if (h >= 0) { out.fragment = out.path.slice(h + 1); out.path = out.path.slice(0, h); }
    var q = out.path.indexOf('?');
    if (q >= 0) { out.query = out.path.slice(q + 1); out.path = out.path.slice(0, q); }
    return out;
  }

  // fills url's record from input (and base), or returns false
  function parseUrl(url, input, base) {
    input = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
    var m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(input);
    var rest;
    url._username = ''; url._password = ''; url._host = null; url._port = ''; url._path = []; url._opaque = null;
    url._query = null; url._fragment = null;
    if (m) {
      url._protocol = m[1].toLowerCase() + ':';
      url._special = Object.prototype.hasOwnProperty.call(SPECIAL_PORTS, url._protocol);
      rest = input.slice(m[0].length);
      if (url._special && base && base._protocol === url._protocol && !/^[/\\]/.test(rest)) return relative(url, rest, base);
    } else {
      if (!base) return false;
      url._protocol = base._protocol;
      url._special = base._special;
      return relative(url, input, base);
    }
    if (url._protocol === 'file:') return fileUrl(url, rest, base);
    if (url._special) return withAuthority(url, rest.replace(/^[/\\]*/, ''));
    if (rest.slice(0, 2) === '//') return withAuthority(url, rest.slice(2));
    var parts = splitRest(rest);
    if (parts.path[0] === '/') url._path = parsePath(url, parts.path);
    else url._opaque = percentEncode(parts.path, C0);
    setQueryAndFragment(url, parts);
    return true;
  }

  function setQueryAndFragment(url, parts) {
    url._query = parts.query === null ? null : percentEncode(parts.query, url._special ? SPECIAL_QUERY : QUERY);
    url._fragment = parts.fragment === null ? null : percentEncode(parts.fragment, FRAGMENT);
  }

  function withAuthority(url, rest) {
    var end = rest.search(url._special ? /[/\\?#]/ : /[/?#]/);
    var authority = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? '' : rest.slice(end);
    var at = authority.lastIndexOf('@');
    if (at >= 0) {
      var info = authority.slice(0, at);
      var colon = info.indexOf(':');
      url._username = percentEncode(colon < 0 ? info : info.slice(0, colon), USERINFO);
      url._password = colon < 0 ? '' : percentEncode(info.slice(colon + 1), USERINFO);
      authority = authority.slice(at + 1);
    }
    var portAt = authority.lastIndexOf(':');
    var hostText = authority, port = '';
    if (portAt >= 0 && authority.indexOf(']', portAt) < 0) { hostText = authority.slice(0, portAt); port = authority.slice(portAt + 1); }
    if (hostText === '') { if (url._special || at >= 0 || port !== '') return false; url._host = ''; }
    else {
      var host = parseHost(hostText, url._special);
      if (host === null) return false;
      url._host = host;
    }
    if (port !== '') {
      if (!/^[0-9]+$/.test(port) || Number(port) > 65535) return false;
      port = String(Number(port));
      url._port = SPECIAL_PORTS[url._protocol] === port ? '' : port;
    }
    var parts = splitRest(rest);
    url._path = parts.path === '' ? (url._special ? [''] : []) : parsePath(url, parts.path);
    setQueryAndFragment(url, parts);
    return true;
  }

  function fileUrl(url, rest, base) {
    url._host = '';
    if (/^[/\\]{2}/.test(rest)) {
      rest = rest.slice(2);
      var end = rest.search(/[/\\?#]/);
      var hostText = end < 0 ? rest : rest.slice(0, end);
      if (!/^[A-Za-z][:|]$/.test(hostText)) {
        rest = end < 0 ? '' : rest.slice(end);
        if (hostText !== '') {
          var host = parseHost(hostText, true);
          if (host === null) return false;
          url._host = host === 'localhost' ? '' : host;
        }
      }
    } else if (base && base._protocol === 'file:' && !/^[/\\]/.test(rest)) {
      return relative(url, rest, base);
    }
    var parts = splitRest(rest);
    url._path = parsePath(url, parts.path === '' ? '/' : parts.path);
    setQueryAndFragment(url, parts);
    return true;
  }

  function relative(url, input, base) {
    url._username = base._username; url._password = base._password; url._host = base._host; url._port = base._port;
    if (base._opaque !== null) {
      if (input[0] !== '#') return false;
      url._opaque = base._opaque; url._query = base._query;
      url._fragment = percentEncode(input.slice(1), FRAGMENT);
      return true;
    }
    var slash = url._special ? /^[/\\]/ : /^\//;
    if (slash.test(input) && slash.test(input.slice(1))) {
      if (url._protocol === 'file:') return fileUrl(url, input, null);
      url._username = ''; url._password = ''; url._port = '';
      return withAuthority(url, input.slice(2));
    }
    var parts = splitRest(input);
    if (slash.test(input)) url._path = parsePath(url, parts.path);
    else if (parts.path === '') {
      url._path = base._path.slice();
      if (parts.query === null) { url._query = base._query; url._fragment = parts.fragment === null ? null : percentEncode(parts.fragment, FRAGMENT); return true; }
    } else url._path = parsePath(url, parts.path, base._path.slice(0, -1));
    setQueryAndFragment(url, parts);
    return true;
  }

  function serializePath(url) {
    if (url._opaque !== null) return url._opaque;
    var p = url._path.length ? '/' + url._path.join('/') : '';
    return url._host === null && url._path.length > 1 && url._path[0] === '' ? '/.' + p : p;
  }

  class URL {
    constructor(input, base) {
      if (arguments.length === 0) throw missingArgs('url');
      input = String(input);
      var baseUrl;
      if (base !== undefined) {
        baseUrl = new URLRecord();
        if (!parseUrl(baseUrl, String(base), null)) throw invalidUrl(input, String(base));
      }
      if (!parseUrl(this, input, baseUrl)) throw invalidUrl(input, base === undefined ? undefined : String(base));
      this._params = null;
    }
    static canParse(input, base) { try { new URL(input, base); return true; } catch (e) { return false; } }
    get href() {
      var auth = '';
      if (this._host !== null) {
        auth = '//' + (this._username || this._password ? this._username + (this._password ? ':' + this._password : '') + '@' : '') + this._host + (this._port ? ':' + this._port : '');
      }
      return this._protocol + auth + serializePath(this) + (this._query !== null ? '?' + this._query : '') + (this._fragment !== null ? '#' + this._fragment : '');
    }
    set href(v) {
      var next = new URLRecord();
      if (!parseUrl(next, String(v), null)) throw invalidUrl(String(v));
      copyRecord(next, this);
      if (this._params) this._params._list = parseQuery(this._query || '');
    }
    get origin() {
      if (this._protocol === 'blob:') { try { return new URL(serializePath(this)).origin; } catch (e) { return 'null'; } }
      if (!this._special || this._protocol === 'file:') return 'null';
      return this._protocol + '//' + this._host + (this._port ? ':' + this._port : '');
    }
    get protocol() { return this._protocol; }
    set protocol(v) {
      var m = /^([A-Za-z][A-Za-z0-9+.-]*)/.exec(String(v));
      if (!m) return;
      var p = m[1].toLowerCase() + ':';
      var special = Object.prototype.hasOwnProperty.call(SPECIAL_PORTS, p);
      if (special !== this._special || (p === 'file:' && (this._username || this._password || this._port))) return;
      this._protocol = p;
      if (SPECIAL_PORTS[p] === this._port) this._port = '';
    }
    get username() { return this._username; }
    set username(v) { if (this._host && this._protocol !== 'file:') this._username = percentEncode(String(v), USERINFO); }
    get password() { return this._password; }
    set password(v) { if (this._host && this._protocol !== 'file:') this._password = percentEncode(String(v), USERINFO); }
    get host() { return this._host === null ? '' : this._host + (this._port ? ':' + this._port : ''); }
    set host(v) {
      if (this._opaque !== null) return;
      var next = new URLRecord();
      if (parseUrl(next, this._protocol + '//' + String(v), null) && next._host) { this._host = next._host; if (/:/.test(String(v).replace(/\[.*\]/, ''))) this._port = next._port; }
    }
    get hostname() { return this._host === null ? '' : this._host; }
    set hostname(v) {
      if (this._opaque !== null) return;
      var h = parseHost(String(v).split(/[/\\?#:]/)[0], this._special);
      if (h !== null && (h !== '' || !this._special)) this._host = h;
    }
    get port() { return this._port; }
    set port(v) {
      if (this._host === null || this._host === '' || this._protocol === 'file:') return;
      v = String(v);
      if (v === '') { this._port = ''; return; }
      var m = /^[0-9]+/.exec(v);
      if (!m || Number(m[0]) > 65535) return;
      var port = String(Number(m[0]));
      this._port = SPECIAL_PORTS[this._protocol] === port ? '' : port;
    }
    get pathname() { return serializePath(this); }
    set pathname(v) {
      if (this._opaque !== null) return;
      this._path = parsePath(this, String(v) === '' && this._special ? '/' : String(v));
    }
    get search() { return this._query === null || this._query === '' ? '' : '?' + this._query; }
    set search(v) {
      v = String(v);
      if (v === '') { this._query = null; } else {
        if (v[0] === '?') v = v.slice(1);
        this._query = percentEncode(v, this._special ? SPECIAL_QUERY : QUERY);
      }
      if (this._params) this._params._list = parseQuery(this._query || '');
    }
    get searchParams() {
      if (!this._params) { this._params = new URLSearchParams(this._query || ''); this._params._url = this; }
      return this._params;
    }
    get hash() { return this._fragment === null || this._fragment === '' ? '' : '#' + this._fragment; }
    set hash(v) {
      v = String(v);
      if (v === '') { this._fragment = null; return; }
      if (v[0] === '#') v = v.slice(1);
      this._fragment = percentEncode(v, FRAGMENT);
    }
    toString() { return this.href; }
    toJSON() { return this.href; }
  }

  function URLRecord() { }

  function copyRecord(from, to) {
    ['_protocol', '_special', '_username', '_password', '_host', '_port', '_path', '_opaque', '_query', '_fragment'].forEach(function (k) { to[k] = from[k]; });
  }

  function parseQuery(query) {
    var list = [];
    query.split('&').forEach(function (pair) {
      if (pair === '') return;
      var eq = pair.indexOf('=');
      var name = eq < 0 ? pair : pair.slice(0, eq), value = eq < 0 ? '' : pair.slice(eq + 1);
      list.push([percentDecode(name.replace(/\+/g, ' ')), percentDecode(value.replace(/\+/g, ' '))]);
    });
    return list;
  }

  function toUSV(s) {
    s = String(s);
    return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, function (m) { return m.length === 2 ? m[0] + '\ufffd' : '\ufffd'; });
  }

  class URLSearchParams {
    constructor(init) {
      this._list = [];
      this._url = null;
      if (init === undefined || init === null) return;
      if (typeof init === 'object' || typeof init === 'function') {
        if (typeof init[Symbol.iterator] === 'function') {
          var self = this;
          Array.from(init).forEach(function (pair) {
            if (pair === null || typeof pair !== 'object' || typeof pair[Symbol.iterator] !== 'function') {
              throw invalidArgType('query pair', 'an iterable [name, value] tuple', pair);
            }
            pair = Array.from(pair);
            if (pair.length !== 2) throw nodeError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
            self._list.push([toUSV(pair[0]), toUSV(pair[1])]);
          });
        } else {
          var keys = Object.keys(init);
          for (var i = 0; i < keys.length; i++) this._list.push([toUSV(keys[i]), toUSV(init[keys[i]])]);
        }
        return;
      }
      init = toUSV(init);
      this._list = parseQuery(init[0] === '?' ? init.slice(1) : init);
    }
    get size() { return this._list.length; }
    _update() {
      if (!this._url) return;
      var s = this.toString();
      this._url._query = s === '' ? null : s;
    }
    append(name, value) {
      if (arguments.length < 2) throw missingArgs('name', 'value');
      this._list.push([toUSV(name), toUSV(value)]); this._update();
    }
    delete(name, value) {
      if (arguments.length < 1) throw missingArgs('name');
      name = toUSV(name);
      var v = value === undefined ? undefined : toUSV(value);
      this._list = this._list.filter(function (p) { return !(p[0] === name && (v === undefined || p[1] === v)); });
      this._update();
    }
    get(name) {
      if (arguments.length < 1) throw missingArgs('name');
      name = toUSV(name);
      for (var i = 0; i < this._list.length; i++) if (this._list[i][0] === name) return this._list[i][1];
      return null;
    }
    getAll(name) {
      if (arguments.length < 1) throw missingArgs('name');
      name = toUSV(name);
      return this._list.filter(function (p) { return p[0] === name; }).map(function (p) { return p[1]; });
    }
    has(name, value) {
      if (arguments.length < 1) throw missingArgs('name');
      name = toUSV(name);
      var v = value === undefined ? undefined : toUSV(value);
      return this._list.some(function (p) { return p[0] === name && (v === undefined || p[1] === v); });
    }
    set(name, value) {
      if (arguments.length < 2) throw missingArgs('name', 'value');
      name = toUSV(name); value = toUSV(value);
      var found = false;
      this._list = this._list.filter(function (p) {
        if (p[0] !== name) return true;
        if (found) return false;
        found = true; p[1] = value; return true;
      });
      if (!found) this._list.push([name, value]);
      this._update();
    }
    sort() {
      // stable, by UTF-16 code units, as the standard says
      var indexed = this._list.map(function (p, i) { return [p, i]; });
      indexed.sort(function (a, b) { return a[0][0] < b[0][0] ? -1 : (a[0][0] > b[0][0] ? 1 : a[1] - b[1]); });
      this._list = indexed.map(function (x) { return x[0]; });
      this._update();
    }
    forEach(fn, thisArg) {
      if (typeof fn !== 'function') throw invalidArgType('callback', 'of type function', fn);
      for (var i = 0; i < this._list.length; i++) fn.call(thisArg, this._list[i][1], this._list[i][0], this);
    }
    keys() { return this._list.map(function (p) { return p[0]; })[Symbol.iterator](); }
    values() { return this._list.map(function (p) { return p[1]; })[Symbol.iterator](); }
    entries() { return this._list.map(function (p) { return [p[0], p[1]]; })[Symbol.iterator](); }
    [Symbol.iterator]() { return this.entries(); }
    toString() {
      return this._list.map(function (p) { return percentEncode(p[0], FORM, true) + '=' + percentEncode(p[1], FORM, true); }).join('&');
    }
  }

  // ---------------------------------------------------------------- node:crypto (hashes and HMAC in JavaScript)

  function padMessage(bytes, littleEndian, blockBytes) {
    var lenBytes = blockBytes === 128 ? 16 : 8;
    var total = Math.ceil((bytes.length + 1 + lenBytes) / blockBytes) * blockBytes;
    var m = new Uint8Array(total);
    m.set(bytes);
    m[bytes.length] = 0x80;
    var bits = bytes.length * 8;
    for (var i = 0; i < 8; i++) {
      var b = Math.floor(bits / Math.pow(2, 8 * i)) & 255;
      m[littleEndian ? total - lenBytes + i : total - 1 - i] = b;
    }
    return m;
  }

  function words(m, littleEndian) {
    var w = new Int32Array(m.length / 4);
    for (var i = 0; i < w.length; i++) {
      var j = i * 4;
      w[i] = littleEndian ? (m[j] | (m[j + 1] << 8) | (m[j + 2] << 16) | (m[j + 3] << 24)) : ((m[j] << 24) | (m[j + 1] << 16) | (m[j + 2] << 8) | m[j + 3]);
    }
    return w;
  }

  function wordsOut(state, littleEndian, count) {
    var out = new Uint8Array(count * 4);
    for (var i = 0; i < count; i++) {
      var v = state[i];
      for (var k = 0; k < 4; k++) out[i * 4 + k] = littleEndian ? (v >>> (8 * k)) & 255 : (v >>> (24 - 8 * k)) & 255;
    }
    return out;
  }

  var MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
  var MD5_K = [];
  for (var mk = 0; mk < 64; mk++) MD5_K.push((Math.floor(Math.abs(Math.sin(mk + 1)) * 4294967296)) | 0);

  function md5(bytes) {
    var w = words(padMessage(bytes, true, 64), true);
    var h = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476];
    for (var off = 0; off < w.length; off += 16) {
      var a = h[0], b = h[1], c = h[2], d = h[3];
      for (var i = 0; i < 64; i++) {
        var f, g, r = i >> 4;
        if (r === 0) { f = (b & c) | (~b & d); g = i; }
        else if (r === 1) { f = (d & b) | (~d & c); g = (5 * i + 1) & 15; }
        else if (r === 2) { f = b ^ c ^ d; g = (3 * i + 5) & 15; }
        else { f = c ^ (b | ~d); g = (7 * i) & 15; }
        var t = d; d = c; c = b;
        var x = (a + f + MD5_K[i] + w[off + g]) | 0, s = MD5_S[r * 4 + (i & 3)];
        b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
        a = t;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
    }
    return wordsOut(h, true, 4);
  }

  function sha1(bytes) {
    var w = words(padMessage(bytes, false, 64), false);
    var h = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0];
    var x = new Int32Array(80);
    for (var off = 0; off < w.length; off += 16) {
      for (var i = 0; i < 80; i++) {
        if (i < 16) x[i] = w[off + i];
        else { var v = x[i - 3] ^ x[i - 8] ^ x[i - 14] ^ x[i - 16]; x[i] = (v << 1) | (v >>> 31); }
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
      for (var j = 0; j < 80; j++) {
        var f, k;
        if (j < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
        else if (j < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
        else if (j < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc | 0; }
        else { f = b ^ c ^ d; k = 0xca62c1d6 | 0; }
        var t = (((a << 5) | (a >>> 27)) + f + e + k + x[j]) | 0;
        e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0; h[4] = (h[4] + e) | 0;
    }
    return wordsOut(h, false, 5);
  }

  var SHA256_K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2].map(function (v) { return v | 0; });

  function sha256(bytes, is224) {
    var w = words(padMessage(bytes, false, 64), false);
    var h = (is224 ? [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4]
      : [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]).map(function (v) { return v | 0; });
    var x = new Int32Array(64);
    function rotr(v, n) { return (v >>> n) | (v << (32 - n)); }
    for (var off = 0; off < w.length; off += 16) {
      for (var i = 0; i < 64; i++) {
        if (i < 16) x[i] = w[off + i];
        else {
          var s0 = rotr(x[i - 15], 7) ^ rotr(x[i - 15], 18) ^ (x[i - 15] >>> 3);
          var s1 = rotr(x[i - 2], 17) ^ rotr(x[i - 2], 19) ^ (x[i - 2] >>> 10);
          x[i] = (x[i - 16] + s0 + x[i - 7] + s1) | 0;
        }
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
      for (var j = 0; j < 64; j++) {
        var t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + SHA256_K[j] + x[j]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + hh) | 0;
    }
    return wordsOut(h, false, is224 ? 7 : 8);
  }

  // SHA-512 with each 64-bit word as a high and a low 32-bit half
  var SHA512_K = ('428a2f98d728ae22 7137449123ef65cd b5c0fbcfec4d3b2f e9b5dba58189dbbc 3956c25bf348b538 59f111f1b605d019 ' +
    '923f82a4af194f9b ab1c5ed5da6d8118 d807aa98a3030242 12835b0145706fbe 243185be4ee4b28c 550c7dc3d5ffb4e2 ' +
    '72be5d74f27b896f 80deb1fe3b1696b1 9bdc06a725c71235 c19bf174cf692694 e49b69c19ef14ad2 efbe4786384f25e3 ' +
    '0fc19dc68b8cd5b5 240ca1cc77ac9c65 2de92c6f592b0275 4a7484aa6ea6e483 5cb0a9dcbd41fbd4 76f988da831153b5 ' +
    '983e5152ee66dfab a831c66d2db43210 b00327c898fb213f bf597fc7beef0ee4 c6e00bf33da88fc2 d5a79147930aa725 ' +
    '06ca6351e003826f 142929670a0e6e70 27b70a8546d22ffc 2e1b21385c26c926 4d2c6dfc5ac42aed 53380d139d95b3df ' +
    '650a73548baf63de 766a0abb3c77b2a8 81c2c92e47edaee6 92722c851482353b a2bfe8a14cf10364 a81a664bbc423001 ' +
    'c24b8b70d0f89791 c76c51a30654be30 d192e819d6ef5218 d69906245565a910 f40e35855771202a 106aa07032bbd1b8 ' +
    '19a4c116b8d2d0c8 1e376c085141ab53 2748774cdf8eeb99 34b0bcb5e19b48a8 391c0cb3c5c95a63 4ed8aa4ae3418acb ' +
    '5b9cca4f7763e373 682e6ff3d6b2b8a3 748f82ee5defb2fc 78a5636f43172f60 84c87814a1f0ab72 8cc702081a6439ec ' +
    '90befffa23631e28 a4506cebde82bde9 bef9a3f7b2c67915 c67178f2e372532b ca273eceea26619c d186b8c721c0c207 ' +
    'eada7dd6cde0eb1e f57d4f7fee6ed178 06f067aa72176fba 0a637dc5a2c898a6 113f9804bef90dae 1b710b35131c471b ' +
    '28db77f523047d84 32caab7b40c72493 3c9ebe0a15c9bebc 431d67c49c100d4c 4cc5d4becb3e42b6 597f299cfc657e2a ' +
    '5fcb6fab3ad6faec 6c44198c4a475817').split(' ').map(function (hx) { return [parseInt(hx.slice(0, 8), 16) | 0, parseInt(hx.slice(8), 16) | 0]; });

  function sha512(bytes, is384) {
    var w = words(padMessage(bytes, false, 128), false);
    var init = is384
      ? 'cbbb9d5dc1059ed8 629a292a367cd507 9159015a3070dd17 152fecd8f70e5939 67332667ffc00b31 8eb44a8768581511 db0c2e0d64f98fa7 47b5481dbefa4fa4'
      : '6a09e667f3bcc908 bb67ae8584caa73b 3c6ef372fe94f82b a54ff53a5f1d36f1 510e527fade682d1 9b05688c2b3e6c1f 1f83d9abfb41bd6b 5be0cd19137e2179';
    var H = [], L = [];
    init.split(' ').forEach(function (hx) { H.push(parseInt(hx.slice(0, 8), 16) | 0); L.push(parseInt(hx.slice(8), 16) | 0); });
    var xh = new Int32Array(80), xl = new Int32Array(80);
    function add(ah, al, bh, bl) { var lo = (al >>> 0) + (bl >>> 0); return [(ah + bh + (lo > 0xffffffff ? 1 : 0)) | 0, lo | 0]; }
    function rotrH(h, l, n) { return n < 32 ? (h >>> n) | (l << (32 - n)) : (l >>> (n - 32)) | (h << (64 - n)); }
    function rotrL(h, l, n) { return n < 32 ? (l >>> n) | (h << (32 - n)) : (h >>> (n - 32)) | (l << (64 - n)); }
    for (var off = 0; off < w.length; off += 32) {
      for (var i = 0; i < 80; i++) {
        if (i < 16) { xh[i] = w[off + 2 * i]; xl[i] = w[off + 2 * i + 1]; continue; }
        var h15 = xh[i - 15], l15 = xl[i - 15], h2 = xh[i - 2], l2 = xl[i - 2];
        var s0h = rotrH(h15, l15, 1) ^ rotrH(h15, l15, 8) ^ (h15 >>> 7);
        var s0l = rotrL(h15, l15, 1) ^ rotrL(h15, l15, 8) ^ ((l15 >>> 7) | (h15 << 25));
        var s1h = rotrH(h2, l2, 19) ^ rotrH(h2, l2, 61) ^ (h2 >>> 6);
        var s1l = rotrL(h2, l2, 19) ^ rotrL(h2, l2, 61) ^ ((l2 >>> 6) | (h2 << 26));
        var r = add(xh[i - 16], xl[i - 16], s0h, s0l); r = add(r[0], r[1], xh[i - 7], xl[i - 7]); r = add(r[0], r[1], s1h, s1l);
        xh[i] = r[0]; xl[i] = r[1];
      }
      var ah = H[0], al = L[0], bh = H[1], bl = L[1], ch = H[2], cl = L[2], dh = H[3], dl = L[3];
      var eh = H[4], el = L[4], fh = H[5], fl = L[5], gh = H[6], gl = L[6], hh = H[7], hl = L[7];
      for (var j = 0; j < 80; j++) {
        var S1h = rotrH(eh, el, 14) ^ rotrH(eh, el, 18) ^ rotrH(eh, el, 41), S1l = rotrL(eh, el, 14) ^ rotrL(eh, el, 18) ^ rotrL(eh, el, 41);
        var chh = (eh & fh) ^ (~eh & gh), chl = (el & fl) ^ (~el & gl);
        var t1 = add(hh, hl, S1h, S1l); t1 = add(t1[0], t1[1], chh, chl); t1 = add(t1[0], t1[1], SHA512_K[j][0], SHA512_K[j][1]); t1 = add(t1[0], t1[1], xh[j], xl[j]);
        var S0h = rotrH(ah, al, 28) ^ rotrH(ah, al, 34) ^ rotrH(ah, al, 39), S0l = rotrL(ah, al, 28) ^ rotrL(ah, al, 34) ^ rotrL(ah, al, 39);
        var mjh = (ah & bh) ^ (ah & ch) ^ (bh & ch), mjl = (al & bl) ^ (al & cl) ^ (bl & cl);
        var t2 = add(S0h, S0l, mjh, mjl);
        hh = gh; hl = gl; gh = fh; gl = fl; fh = eh; fl = el;
        var ne = add(dh, dl, t1[0], t1[1]); eh = ne[0]; el = ne[1];
        dh = ch; dl = cl; ch = bh; cl = bl; bh = ah; bl = al;
        var na = add(t1[0], t1[1], t2[0], t2[1]); ah = na[0]; al = na[1];
      }
      var vals = [[ah, al], [bh, bl], [ch, cl], [dh, dl], [eh, el], [fh, fl], [gh, gl], [hh, hl]];
      for (var k = 0; k < 8; k++) { var s = add(H[k], L[k], vals[k][0], vals[k][1]); H[k] = s[0]; L[k] = s[1]; }
    }
    var flat = [];
    for (var q = 0; q < 8; q++) flat.push(H[q], L[q]);
    return wordsOut(flat, false, is384 ? 12 : 16);
  }

  var HASHES = {
    md5: { fn: md5, block: 64 }, sha1: { fn: sha1, block: 64 },
    sha224: { fn: function (b) { return sha256(b, true); }, block: 64 }, sha256: { fn: function (b) { return sha256(b, false); }, block: 64 },
    sha384: { fn: function (b) { return sha512(b, true); }, block: 128 }, sha512: { fn: function (b) { return sha512(b, false); }, block: 128 }
  };

  function hashNamed(name) {
    var key = String(name).toLowerCase().replace(/^sha-/, 'sha');
    if (!Object.prototype.hasOwnProperty.call(HASHES, key)) throw new Error('Digest method not supported');
    return HASHES[key];
  }

  function hashInput(data, encoding, what) {
    if (typeof data === 'string') return encodeString(data, encoding === undefined ? 'utf8' : encoding);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    throw invalidArgType(what, 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  }

  // the input is kept and hashed at digest(): fine for handshakes and tokens, not for hashing a stream of gigabytes
  class Hash {
    constructor(algorithm, key) {
      this._hash = hashNamed(algorithm);
      this._parts = [];
      this._done = false;
      this._key = key === undefined ? null : key;
    }
    update(data, inputEncoding) {
      if (this._done) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
      this._parts.push(hashInput(data, inputEncoding, 'data').slice());
      return this;
    }
    digest(outputEncoding) {
      if (this._done) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
      this._done = true;
      var total = 0, i;
      for (i = 0; i < this._parts.length; i++) total += this._parts[i].length;
      var all = new Uint8Array(total), pos = 0;
      for (i = 0; i < this._parts.length; i++) { all.set(this._parts[i], pos); pos += this._parts[i].length; }
      var out = this._key === null ? this._hash.fn(all) : hmac(this._hash, this._key, all);
      var buf = bufferOf(out);
      return outputEncoding === undefined || outputEncoding === 'buffer' ? buf : buf.toString(outputEncoding);
    }
    copy() {
      if (this._done) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
      var c = new Hash('md5');
      c._hash = this._hash; c._parts = this._parts.slice(); c._key = this._key;
      return c;
    }
  }

  function hmac(hash, key, data) {
    if (key.length > hash.block) key = hash.fn(key);
    var k = new Uint8Array(hash.block);
    k.set(key);
    var inner = new Uint8Array(hash.block + data.length), outer;
    for (var i = 0; i < hash.block; i++) inner[i] = k[i] ^ 0x36;
    inner.set(data, hash.block);
    var ih = hash.fn(inner);
    outer = new Uint8Array(hash.block + ih.length);
    for (var j = 0; j < hash.block; j++) outer[j] = k[j] ^ 0x5c;
    outer.set(ih, hash.block);
    return hash.fn(outer);
  }

  function notOfferedYet(name) {
    return function () {
      throw nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'crypto.' + name + ' is not offered to handlers yet: '
        + 'it needs a secure random source from the host (issue 15)');
    };
  }

  var cryptoModule = Object.freeze({
    createHash: function (algorithm) {
      if (typeof algorithm !== 'string') throw invalidArgType('algorithm', 'of type string', algorithm);
      return new Hash(algorithm);
    },
    createHmac: function (algorithm, key) {
      if (typeof algorithm !== 'string') throw invalidArgType('hmac', 'of type string', algorithm);
      var h = new Hash(algorithm, hashInput(key, undefined, 'key').slice());
      return h;
    },
    hash: function (algorithm, data, outputEncoding) {
      return new Hash(algorithm).update(data).digest(outputEncoding === undefined ? 'hex' : outputEncoding);
    },
    getHashes: function () { return Object.keys(HASHES); },
    timingSafeEqual: function (a, b) {
      if (!ArrayBuffer.isView(a) && !(a instanceof ArrayBuffer)) throw invalidArgType('buf1', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', a);
      if (!ArrayBuffer.isView(b) && !(b instanceof ArrayBuffer)) throw invalidArgType('buf2', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', b);
      var x = hashInput(a, undefined, 'buf1'), y = hashInput(b, undefined, 'buf2');
      if (x.length !== y.length) throw nodeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
      var diff = 0;
      for (var i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
      return diff === 0;
    },
    webcrypto: Object.freeze({
      subtle: Object.freeze({
        digest: function (algorithm, data) {
          try {
            var name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
            if (!/^SHA-(1|256|384|512)$/i.test(String(name))) throw makeDomException('Unrecognized algorithm name', 'NotSupportedError');
            var out = hashNamed(name).fn(hashInput(data, undefined, 'data'));
            return Promise.resolve(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
          } catch (e) {
            return Promise.reject(e);
          }
        }
      }),
      getRandomValues: notOfferedYet('getRandomValues'),
      randomUUID: notOfferedYet('randomUUID')
    }),
    randomBytes: notOfferedYet('randomBytes'),
    randomUUID: notOfferedYet('randomUUID'),
    randomInt: notOfferedYet('randomInt'),
    randomFillSync: notOfferedYet('randomFillSync'),
    getRandomValues: notOfferedYet('getRandomValues')
  });

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

  // The native side of one connection: its id in front of the context's one set of connection operations, under the
  // method names of dev.porthoster.api.Conn (init fills the prototype). Per connection, one small object.
  function NativeConn(id) { this._id = id; }

  class Socket extends EventEmitter {
    // remote: {address, family, port, localPort} when the caller knows them, else asked of nativeConn
    constructor(nativeConn, remote) {
      super();
      this._n = nativeConn;
      if (!remote) { remote = nativeConn.remoteAddress(); remote.localPort = nativeConn.localPort(); }
      this.remoteAddress = remote.address;
      this.remotePort = remote.port;
      this.remoteFamily = remote.family;
      this.localPort = remote.localPort;
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
      this._corked = 0;
      this._corkedChunks = [];
      this._pipes = [];
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
    get readableFlowing() { return this._paused ? false : (this._flowing ? true : null); }
    // writes while corked go out as one chunk at the last uncork (or at end), as in Node
    cork() { this._corked++; }
    uncork() { if (this._corked > 0 && --this._corked === 0) this._flushCorked(); }
    get writableCorked() { return this._corked; }
    _flushCorked() {
      var chunks = this._corkedChunks;
      this._corkedChunks = [];
      this._corked = 0;
      if (chunks.length === 0 || this.destroyed) return;
      if (!this._n.write(Buffer.concat(chunks))) this.writableNeedDrain = true;
    }
    // what a relay needs of Readable.pipe: backpressure through the destination's write() and 'drain', and
    // dest.end() after our 'end' unless {end: false}
    pipe(dest, options) {
      var src = this;
      var ondata = function (chunk) { if (dest.write(chunk) === false) src.pause(); };
      var ondrain = function () { src.resume(); };
      var onend = function () { dest.end(); };
      this._pipes.push({ dest: dest, ondata: ondata, ondrain: ondrain, onend: onend });
      this.on('data', ondata);
      if (typeof dest.on === 'function') dest.on('drain', ondrain);
      if (!(options && options.end === false)) this.once('end', onend);
      if (typeof dest.emit === 'function') dest.emit('pipe', src);
      if (!this._flowing) this.resume();
      return dest;
    }
    unpipe(dest) {
      var self = this;
      this._pipes = this._pipes.filter(function (p) {
        if (dest !== undefined && p.dest !== dest) return true;
        self.removeListener('data', p.ondata);
        self.removeListener('end', p.onend);
        if (typeof p.dest.removeListener === 'function') p.dest.removeListener('drain', p.ondrain);
        if (typeof p.dest.emit === 'function') p.dest.emit('unpipe', self);
        return false;
      });
      return this;
    }
    setNoDelay(noDelay) { if (!this.destroyed) this._n.setNoDelay(noDelay === undefined ? true : !!noDelay); return this; }
    setKeepAlive(enable, initialDelay) {
      var delay = Number(initialDelay);
      if (!this.destroyed) this._n.setKeepAlive(!!enable, delay > 0 ? Math.floor(delay) : 0);
      return this;
    }
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
      if (this._corked > 0) {
        this._corkedChunks.push(Buffer.from(buf));
        if (cb) queueMicrotask(function () { cb(); });
        return true;
      }
      var ok = this._n.write(buf);
      if (cb) queueMicrotask(function () { cb(); });
      if (!ok) this.writableNeedDrain = true;
      return ok;
    }
    end(data, encoding, cb) {
      if (typeof data === 'function') { cb = data; data = undefined; }
      if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
      if (data !== undefined && data !== null) this.write(data, encoding);
      if (this._corked > 0) this._flushCorked();
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

  // for await (const chunk of conn), where the engine has async iteration (GraalJS; Rhino has no for await)
  if (typeof Symbol.asyncIterator === 'symbol') {
    Socket.prototype[Symbol.asyncIterator] = function () {
      var socket = this, queued = [], waiting = null, ended = false, failure = null;
      function settle() {
        if (!waiting) return;
        var w = waiting;
        if (queued.length) { waiting = null; w.resolve({ value: queued.shift(), done: false }); }
        else if (failure) { waiting = null; w.reject(failure); }
        else if (ended) { waiting = null; w.resolve({ value: undefined, done: true }); }
      }
      socket.on('data', function (chunk) { queued.push(chunk); settle(); });
      socket.on('end', function () { ended = true; settle(); });
      socket.on('error', function (e) { failure = e; settle(); });
      socket.on('close', function () { ended = true; settle(); });
      var iterator = {
        next: function () { return new Promise(function (resolve, reject) { waiting = { resolve: resolve, reject: reject }; settle(); }); },
        // leaving the loop early destroys the connection, as Node's stream iterator does
        return: function () { ended = true; socket.destroy(); return Promise.resolve({ value: undefined, done: true }); }
      };
      iterator[Symbol.asyncIterator] = function () { return this; };
      return iterator;
    };
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

  var runtime = {
    init: function (ns, info, connOps) {
      moduleNs = ns;
      Object.keys(connOps).forEach(function (name) {
        var op = connOps[name];
        NativeConn.prototype[name] = function (a, b, c) { return op(this._id, a, b, c); }; // Conn methods take at most 3
      });
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
    accept: function (id, address, family, port, localPort) {
      var socket = new Socket(new NativeConn(id), { address: address, family: family, port: port, localPort: localPort });
      var result;
      try {
        result = moduleNs.handle(socket, ctx);
      } catch (e) {
        failConnection(socket, 'handle()', e);
        return socket;
      }
      if (result && typeof result.then === 'function') {
        result.then(undefined, function (e) { failConnection(socket, 'handle()', e); });
      }
      return socket;
    },
    // a connection's events: a listener's throw closes that connection only
    connData: function (socket, bytes) {
      try { socket._onData(bytes); } catch (e) { failConnection(socket, "a 'data' listener", e); }
    },
    connEnd: function (socket) {
      try { socket._onEnd(); } catch (e) { failConnection(socket, "an 'end' listener", e); }
    },
    connDrain: function (socket) {
      try { socket._onDrain(); } catch (e) { failConnection(socket, "a 'drain' listener", e); }
    },
    connError: function (socket, message) {
      try {
        if (socket._error !== undefined) return;
        var err = new Error(message);
        err.code = 'ECONNRESET';
        socket._error = err;
        if (socket.listenerCount('error') > 0) socket.emit('error', err);
      } catch (e) { failConnection(socket, "an 'error' listener", e); }
    },
    connClose: function (socket) {
      try { socket._onClose(socket._error !== undefined); } catch (e) { console.error("a 'close' listener threw:\n" + describeError(e)); }
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
      clearTimeout: clearTimer, clearInterval: clearTimer, clearImmediate: clearImmediate,
      AbortController: AbortController, AbortSignal: AbortSignal,
      EventTarget: EventTarget, Event: Event, CustomEvent: CustomEvent,
      atob: atob, btoa: btoa, URL: URL, URLSearchParams: URLSearchParams,
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
      string_decoder: Object.freeze({ StringDecoder: StringDecoder }),
      timers: Object.freeze({
        setTimeout: setTimeout, clearTimeout: clearTimer, setInterval: setInterval, clearInterval: clearTimer,
        setImmediate: setImmediate, clearImmediate: clearImmediate, promises: timersPromises
      }),
      'timers/promises': timersPromises,
      events: EventEmitter,
      buffer: Object.freeze({ Buffer: Buffer, atob: atob, btoa: btoa, kMaxLength: K_MAX_LENGTH, constants: Object.freeze({ MAX_LENGTH: K_MAX_LENGTH, MAX_STRING_LENGTH: 536870888 }) }),
      util: util,
      url: Object.freeze({ URL: URL, URLSearchParams: URLSearchParams }),
      crypto: cryptoModule,
      assert: assertModule,
      'assert/strict': assertModule.strict,
      net: Object.freeze({ isIP: isIP, isIPv4: isIPv4, isIPv6: isIPv6 })
    })
  });
  return runtime;
})
