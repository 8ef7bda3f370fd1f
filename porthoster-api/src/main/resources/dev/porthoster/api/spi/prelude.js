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
      clearTimeout: clearTimer, clearInterval: clearTimer, clearImmediate: clearImmediate,
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
      string_decoder: Object.freeze({ StringDecoder: StringDecoder }),
      timers: Object.freeze({
        setTimeout: setTimeout, clearTimeout: clearTimer, setInterval: setInterval, clearInterval: clearTimer,
        setImmediate: setImmediate, clearImmediate: clearImmediate, promises: timersPromises
      }),
      'timers/promises': timersPromises
    })
  });
  return runtime;
})
