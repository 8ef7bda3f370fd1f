// Porthoster's JavaScript runtime, shared by every engine so handler behaviour cannot drift between them.
//
// This file is a single function expression: (host) => runtime.
//
// host (supplied by the engine, every call on the instance's loop):
//   log(level, text)                   level: "debug" | "info" | "warn" | "error"
//   now()                              monotonic milliseconds (a number, may be fractional)
//   random(n) -> Uint8Array            n (<= 65536) bytes from the host's secure random source
//   requestTicks()                     call runtime.runTicks once the promise jobs now queued have run
//   setTimer(fn, ms) -> id             run fn once after ms on the loop; clearTimer(id)
//   store(op, a, b, c, resolve, reject) one shared-store operation, completed later on the loop
//   subscribe(channel, fn) -> unsubscribe
//   reply(bytes, address, port) -> why  send a datagram from the handler's socket; returns why not (a string)
//                                      when it refused: address not an IP literal, or not a recent peer
//   connect(address, port, connected, failed) -> cancel
//                                      an outbound TCP connection, checked against the manifest's connect list;
//                                      later connected(id) -> socket (the connection under its id in connOps, its
//                                      events to connData... as an accepted one's), or failed(code, message)
//   udp(onMessage) -> {send(bytes, address, port) -> null | [code, message], close()}
//                                      this boot's UDP socket for datagrams to the connect list; answers arrive as
//                                      onMessage(bytes, address, family, port)
//
// runtime (called by the engine):
//   invoke(fn, ...args)                every callback: fn(...args), then the process.nextTick queue
//   runTicks()                         the nextTick queue, when host.requestTicks() asked for it
//   init(moduleNamespace, info, connOps) info: {name, port, protocol, instance}; connOps: every method of the Java
//                                      dev.porthoster.api.Conn, by name, taking a connection's id first
//                                      (write(id, bytes) -> bool, end(id), destroy(id), setReading(id, bool), ...;
//                                      remoteAddress(id) -> {address, family, port}); see ConnOperations. One set for
//                                      every connection, inbound or outbound: a connection costs a number, not
//                                      functions of its own
//   open(ok, fail) / close(ok, fail)   run the optional export; fail(text) on throw or rejection
//   accept(id, encrypted) -> socket    encrypted: the broker terminated TLS (the socket then asks connOps.tls(id))
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

  // A function, not a class, as in Node: code written before classes calls EventEmitter.call(this) and
  // util.inherits(Ctor, EventEmitter)
  function EventEmitter(options) {
    EventEmitter.init.call(this, options);
  }
  EventEmitter.init = function (options) {
    this._events = Object.create(null);
    this._maxListeners = 10;
    if (options && options.captureRejections !== undefined) {
      if (typeof options.captureRejections !== 'boolean') throw invalidArgType('options.captureRejections', 'of type boolean', options.captureRejections);
      this._capture = options.captureRejections;
    } else {
      this._capture = EventEmitter.captureRejections;
    }
  };
  EventEmitter.prototype.on = function on(name, fn) {
    if (typeof fn !== 'function') throw new TypeError('The "listener" argument must be of type function');
    if (!this._events) EventEmitter.init.call(this);
    if (this._events['newListener']) this.emit('newListener', name, fn);
    (this._events[name] || (this._events[name] = [])).push(fn);
    return this;
  };
  EventEmitter.prototype.addListener = function addListener(name, fn) { return this.on(name, fn); };
  EventEmitter.prototype.prependListener = function prependListener(name, fn) {
    if (!this._events) EventEmitter.init.call(this);
    (this._events[name] || (this._events[name] = [])).unshift(fn);
    return this;
  };
  EventEmitter.prototype.once = function once(name, fn) {
    var self = this;
    function wrapper() { self.removeListener(name, wrapper); return fn.apply(this, arguments); }
    wrapper.listener = fn;
    return this.on(name, wrapper);
  };
  EventEmitter.prototype.prependOnceListener = function prependOnceListener(name, fn) {
    var self = this;
    function wrapper() { self.removeListener(name, wrapper); return fn.apply(this, arguments); }
    wrapper.listener = fn;
    return this.prependListener(name, wrapper);
  };
  EventEmitter.prototype.off = function off(name, fn) { return this.removeListener(name, fn); };
  EventEmitter.prototype.removeListener = function removeListener(name, fn) {
    var list = this._events && this._events[name];
    if (!list) return this;
    for (var i = list.length - 1; i >= 0; i--) {
      if (list[i] === fn || list[i].listener === fn) { list.splice(i, 1); break; }
    }
    if (list.length === 0) delete this._events[name];
    return this;
  };
  EventEmitter.prototype.removeAllListeners = function removeAllListeners(name) {
    if (name === undefined) this._events = Object.create(null); else if (this._events) delete this._events[name];
    return this;
  };
  EventEmitter.prototype.emit = function emit(name) {
    var args = Array.prototype.slice.call(arguments, 1);
    var events = this._events || Object.create(null);
    if (name === 'error' && events[ERROR_MONITOR]) this.emit.apply(this, [ERROR_MONITOR].concat(args));
    var list = events[name];
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
  };
  EventEmitter.prototype.listeners = function listeners(name) {
    return ((this._events && this._events[name]) || []).map(function (f) { return f.listener || f; });
  };
  EventEmitter.prototype.rawListeners = function rawListeners(name) { return ((this._events && this._events[name]) || []).slice(); };
  EventEmitter.prototype.listenerCount = function listenerCount(name) { return ((this._events && this._events[name]) || []).length; };
  EventEmitter.prototype.eventNames = function eventNames() { return this._events ? Reflect.ownKeys(this._events) : []; };
  EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) { this._maxListeners = n; return this; };
  EventEmitter.prototype.getMaxListeners = function getMaxListeners() { return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners; };
  function captureRejection(emitter, promise, name, args) {
    promise.then(undefined, function (err) {
      nextTick(function () { // as Node: on the next tick, after the promise jobs
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
  EventEmitter.listenerCount = function (emitter, name) { return emitter.listenerCount(name); };
  EventEmitter.getMaxListeners = function (target) {
    return typeof target.getMaxListeners === 'function' ? target.getMaxListeners() : EventEmitter.defaultMaxListeners;
  };
  EventEmitter.setMaxListeners = function (n) {
    var targets = Array.prototype.slice.call(arguments, 1);
    if (targets.length === 0) EventEmitter.defaultMaxListeners = n;
    targets.forEach(function (t) { if (typeof t.setMaxListeners === 'function') t.setMaxListeners(n); });
  };
  // addAbortListener(signal, fn): fn once the signal aborts (at once if it has); the result undoes it
  EventEmitter.addAbortListener = function (signal, listener) {
    if (!signal || typeof signal.aborted !== 'boolean') throw invalidArgType('signal', 'an instance of AbortSignal', signal);
    if (typeof listener !== 'function') throw invalidArgType('listener', 'of type function', listener);
    var undo = function () { signal.removeEventListener('abort', listener); };
    if (signal.aborted) queueMicrotask(function () { listener(); });
    else signal.addEventListener('abort', listener, { once: true });
    var disposable = {};
    disposable[typeof Symbol.dispose === 'symbol' ? Symbol.dispose : Symbol.for('nodejs.dispose')] = undo;
    return disposable;
  };
  EventEmitter.once = function (emitter, name, options) {
    var signal = options && options.signal;
    if (signal && signal.aborted) return Promise.reject(abortError(signal));
    if (emitter && typeof emitter.on !== 'function' && typeof emitter.addEventListener === 'function') {
      // an EventTarget (an AbortSignal, say): the event itself, as Node resolves it
      return new Promise(function (resolve, reject) {
        function onAbort() { emitter.removeEventListener(name, onEvent); reject(abortError(signal)); }
        function onEvent(event) { if (signal) signal.removeEventListener('abort', onAbort); resolve([event]); }
        emitter.addEventListener(name, onEvent, { once: true });
        if (signal) signal.addEventListener('abort', onAbort, { once: true });
      });
    }
    if (!emitter || typeof emitter.once !== 'function') return Promise.reject(invalidArgType('emitter', 'an instance of EventEmitter', emitter));
    return new Promise(function (resolve, reject) {
      function done() {
        emitter.removeListener(name, onEvent);
        if (name !== 'error') emitter.removeListener('error', onError);
        if (signal) signal.removeEventListener('abort', onAbort);
      }
      function onError(err) { done(); reject(err); }
      function onAbort() { done(); reject(abortError(signal)); }
      function onEvent() { done(); resolve(Array.prototype.slice.call(arguments)); }
      emitter.once(name, onEvent);
      if (name !== 'error') emitter.once('error', onError);
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
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

  var DOM_CODES = { InvalidCharacterError: 5, NotSupportedError: 9, TypeMismatchError: 17, QuotaExceededError: 22, AbortError: 20, TimeoutError: 23, DataCloneError: 25 };

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
    encode(input) { return utf8Encode(input === undefined ? '' : String(input)); }
    // as much of src as fits whole into dest, never half a character
    encodeInto(src, dest) {
      if (typeof src !== 'string') throw invalidArgType('src', 'of type string', src);
      if (!(dest instanceof Uint8Array)) throw invalidArgType('dest', 'an instance of Uint8Array', dest);
      var read = 0, written = 0;
      for (var i = 0; i < src.length; i++) {
        var c = src.charCodeAt(i), units = 1, bytes;
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < src.length && (src.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { units = 2; bytes = 4; }
        else bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        if (written + bytes > dest.length) break;
        dest.set(utf8Encode(src.substr(i, units)), written);
        written += bytes;
        read += units;
        i += units - 1;
      }
      return { read: read, written: written };
    }
  }

  // WHATWG labels Node 20 decodes (with ICU it knows more; these are what handlers meet); 'latin1' and
  // 'windows-1252' decode as ISO-8859-1, as Node 20 does
  var TEXT_DECODER_LABELS = {
    'utf-8': 'utf8', 'utf8': 'utf8', 'unicode-1-1-utf-8': 'utf8',
    'utf-16le': 'utf16le', 'utf-16': 'utf16le',
    'latin1': 'latin1', 'iso-8859-1': 'latin1', 'iso8859-1': 'latin1', 'l1': 'latin1', 'ascii': 'latin1',
    'us-ascii': 'latin1', 'windows-1252': 'latin1', 'cp1252': 'latin1', 'x-cp1252': 'latin1'
  };

  // Where valid UTF-8 in bytes ends: -1 when a byte is invalid, else the index where an unfinished character at
  // the end starts (bytes.length when there is none); an unfinished one is invalid unless more may come
  function utf8Check(bytes, more) {
    for (var i = 0; i < bytes.length;) {
      var b = bytes[i], need, min;
      if (b < 0x80) { i++; continue; }
      if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; } else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
      else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; } else return -1;
      var cp = b & (0xff >> (need + 2));
      for (var k = 1; k <= need; k++) {
        if (i + k >= bytes.length) return more ? i : -1;
        if ((bytes[i + k] & 0xc0) !== 0x80) return -1;
        cp = (cp << 6) | (bytes[i + k] & 0x3f);
        if (k === 1 && ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xed && bytes[i + 1] > 0x9f)
          || (b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] > 0x8f))) return -1;
      }
      if (cp < min) return -1;
      i += need + 1;
    }
    return bytes.length;
  }

  // what buffer.isUtf8 and isAscii take
  function bytesOfInput(input) {
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    throw invalidArgType('input', 'an instance of ArrayBuffer, Buffer, or TypedArray', input);
  }

  class TextDecoder {
    constructor(label, options) {
      var name = label === undefined ? 'utf-8' : String(label).trim().toLowerCase();
      if (!Object.prototype.hasOwnProperty.call(TEXT_DECODER_LABELS, name)) {
        throw nodeError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', 'The "' + label + '" encoding is not supported');
      }
      this._enc = TEXT_DECODER_LABELS[name];
      this._fatal = !!(options && options.fatal);
      this._ignoreBOM = !!(options && options.ignoreBOM);
      this._decoder = null;
      this._pending = null; // for fatal utf-8: the bytes of a character not finished yet
      this._started = false;
    }
    get encoding() { return this._enc === 'utf8' ? 'utf-8' : this._enc === 'latin1' ? 'windows-1252' : 'utf-16le'; }
    get fatal() { return this._fatal; }
    get ignoreBOM() { return this._ignoreBOM; }
    decode(input, options) {
      var bytes;
      if (input === undefined || input === null) bytes = new Uint8Array(0);
      else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
      else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      else throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
      var stream = !!(options && options.stream);
      if (this._enc === 'latin1') return decodeBytes(bytes, 'latin1', 0, bytes.length);
      if (this._fatal && this._enc === 'utf8') {
        var all = this._pending === null ? bytes : Buffer.concat([this._pending, bytes]);
        var valid = utf8Check(all, stream);
        if (valid < 0) {
          this._reset();
          throw nodeError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', 'The encoded data was not valid for encoding utf-8');
        }
        this._pending = valid < all.length ? Buffer.from(all.subarray(valid)) : null;
      }
      var text;
      if (this._enc === 'utf16le') {
        text = this._utf16(bytes, stream);
      } else {
        if (this._decoder === null) this._decoder = new StringDecoder(this._enc);
        text = stream ? this._decoder.write(bytes) : this._decoder.end(bytes);
      }
      if (!this._started && text.length > 0) {
        this._started = true;
        if (!this._ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (!stream) this._reset();
      return text;
    }
    // UTF-16LE as the WHATWG decoder does it: an odd last byte or a lone surrogate is U+FFFD, unless (streaming)
    // the next chunk may finish it
    _utf16(bytes, stream) {
      var all = this._pending === null ? bytes : Buffer.concat([this._pending, bytes]);
      var usable = all.length - (all.length % 2);
      if (stream && usable >= 2 && (all[usable - 1] & 0xfc) === 0xd8) usable -= 2; // a high surrogate waits
      this._pending = stream && usable < all.length ? Buffer.from(all.subarray(usable)) : null;
      var raw = decodeBytes(all, 'utf16le', 0, usable), text = '';
      for (var i = 0; i < raw.length; i++) {
        var c = raw.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < raw.length && (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { text += raw.substr(i, 2); i++; }
        else text += c >= 0xd800 && c <= 0xdfff ? '\ufffd' : raw[i];
      }
      if (!stream && usable < all.length) text += '\ufffd';
      return text;
    }
    _reset() { this._decoder = null; this._pending = null; this._started = false; }
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

  // Node's ansi pattern (util.stripVTControlCharacters)
  var ANSI_PATTERN = new RegExp('[\\u001B\\u009B][[\\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]+)*'
    + '|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]*)*)?\\u0007)|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-ntqry=><~]))', 'g');

  function debuglog(section, callback) {
    function log() {}
    log.enabled = false;
    return log;
  }

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
    isSymbolObject: function (v) { return typeof v === 'object' && v !== null && tagOf(v) === 'Symbol'; },
    isBigIntObject: function (v) { return typeof v === 'object' && v !== null && tagOf(v) === 'BigInt'; },
    isUint8ClampedArray: function (v) { return v instanceof Uint8ClampedArray; },
    isMapIterator: function (v) { return typeof v === 'object' && v !== null && tagOf(v) === 'Map Iterator'; },
    isSetIterator: function (v) { return typeof v === 'object' && v !== null && tagOf(v) === 'Set Iterator'; },
    isGeneratorObject: function (v) { return typeof v === 'object' && v !== null && tagOf(v) === 'Generator'; },
    isArgumentsObject: function (v) { return typeof v === 'object' && v !== null && tagOf(v) === 'Arguments'; },
    isModuleNamespaceObject: function (v) { return typeof v === 'object' && v !== null && tagOf(v) === 'Module'; },
    isSharedArrayBuffer: function (v) { return typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer; },
    isProxy: function () { return false; }, // not knowable from script
    isExternal: function () { return false; }
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
    // a handler has no NODE_DEBUG: the logger is there and silent, as in Node without it
    debuglog: debuglog,
    debug: debuglog,
    stripVTControlCharacters: function (str) {
      if (typeof str !== 'string') throw invalidArgType('str', 'of type string', str);
      return str.replace(ANSI_PATTERN, '');
    },
    formatWithOptions: function (options) {
      if (options === null || typeof options !== 'object') throw invalidArgType('inspectOptions', 'of type object', options);
      return format(Array.prototype.slice.call(arguments, 1));
    },
    toUSVString: function (s) { return String(s).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, function (m, before) { return (before || '') + '\ufffd'; }); },
    aborted: function (signal, resource) {
      if (!signal || typeof signal.aborted !== 'boolean') return Promise.reject(invalidArgType('signal', 'an instance of AbortSignal', signal));
      if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) return Promise.reject(invalidArgType('resource', 'of type object', resource));
      if (signal.aborted) return Promise.resolve();
      return new Promise(function (resolve) { signal.addEventListener('abort', function () { resolve(); }, { once: true }); });
    },
    // the deprecated predicates, still found in older code
    isArray: Array.isArray,
    isBoolean: function (v) { return typeof v === 'boolean'; },
    isBuffer: function (v) { return Buffer.isBuffer(v); },
    isDate: function (v) { return v instanceof Date; },
    isError: function (v) { return v instanceof Error; },
    isFunction: function (v) { return typeof v === 'function'; },
    isNull: function (v) { return v === null; },
    isNullOrUndefined: function (v) { return v === null || v === undefined; },
    isNumber: function (v) { return typeof v === 'number'; },
    isObject: function (v) { return v !== null && typeof v === 'object'; },
    isPrimitive: function (v) { return v === null || (typeof v !== 'object' && typeof v !== 'function'); },
    isRegExp: function (v) { return v instanceof RegExp; },
    isString: function (v) { return typeof v === 'string'; },
    isSymbol: function (v) { return typeof v === 'symbol'; },
    isUndefined: function (v) { return v === undefined; }
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
    assert.doesNotMatch = function (s, re, m) {
      if (!(re instanceof RegExp)) throw invalidArgType('regexp', 'an instance of RegExp', re);
      if (typeof s !== 'string' || re.test(s)) {
        throw new AssertionError({ message: m !== undefined ? m : (typeof s !== 'string' ? 'The "string" argument must be of type string. Received type ' + typeof s + ' (' + inspect(s, 0) + ')' : 'The input was expected to not match the regular expression ' + String(re) + '. Input:\n\n' + inspect(s, 0) + '\n'), actual: s, expected: re, operator: 'doesNotMatch', userMessage: m !== undefined });
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
      // close to UTS 46's mapping: default-ignorable characters dropped, compatibility forms (full-width letters,
      // ligatures, fractions, Roman numerals) and case folded by NFKC and lower case, as Node's ICU maps them
      domain = domain.replace(/[\u00ad\u034f\u180b-\u180d\u200b\u2060\ufe00-\ufe0f\ufeff]/g, '').normalize('NFKC')
        .toLowerCase().normalize('NFKC').replace(/[\u3002\uff0e\uff61]/g, '.');
      domain = domain.split('.').map(function (l) { return /[^\x00-\x7f]/.test(l) ? punycode(l) : l; }).join('.');
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

  // ---------------------------------------------------------------- node:crypto's random functions (host.random)

  // Every random byte comes from the host's secure source (the JDK's SecureRandom; a seeded one in a testkit that
  // asks for it). Small requests are served from a pool of 4 KiB refilled in one host call, as Node pools the bytes
  // of randomUUID and randomInt; large ones are filled 64 KiB per host call, so the Java side never holds more.
  var RANDOM_POOL_SIZE = 4096;
  var RANDOM_CHUNK = 65536;
  var randomPool = null;
  var randomPoolAt = RANDOM_POOL_SIZE;

  function fillRandom(target) { // a Uint8Array
    var n = target.length;
    if (n <= 256) {
      if (randomPoolAt + n > RANDOM_POOL_SIZE) { randomPool = host.random(RANDOM_POOL_SIZE); randomPoolAt = 0; }
      target.set(randomPool.subarray(randomPoolAt, randomPoolAt + n));
      randomPool.fill(0, randomPoolAt, randomPoolAt + n); // a byte handed out is not kept
      randomPoolAt += n;
      return;
    }
    for (var at = 0; at < n; at += RANDOM_CHUNK) target.set(host.random(Math.min(RANDOM_CHUNK, n - at)), at);
  }

  var K_MAX_POSSIBLE_LENGTH = 2147483647; // Node: min(kMaxLength, kMaxInt32)
  var RAND_MAX = 281474976710655; // 2 ** 48 - 1, Node's randomInt range

  function validateFunction(fn, name) {
    if (typeof fn !== 'function') throw invalidArgType(name, 'of type function', fn);
  }

  function assertRandomSize(size, elementSize, offset, length) {
    validateNumber(size, 'size');
    size *= elementSize;
    if (Number.isNaN(size) || size > K_MAX_POSSIBLE_LENGTH || size < 0) throw outOfRange('size', '>= 0 && <= ' + K_MAX_POSSIBLE_LENGTH, size);
    if (size + offset > length) throw outOfRange('size + offset', '<= ' + length, size + offset);
    return size >>> 0;
  }

  function assertRandomOffset(offset, elementSize, length) {
    validateNumber(offset, 'offset');
    offset *= elementSize;
    var maxLength = Math.min(length, K_MAX_POSSIBLE_LENGTH);
    if (Number.isNaN(offset) || offset > maxLength || offset < 0) throw outOfRange('offset', '>= 0 && <= ' + maxLength, offset);
    return offset >>> 0;
  }

  function randomTarget(buf) {
    if (buf instanceof ArrayBuffer) return new Uint8Array(buf);
    if (ArrayBuffer.isView(buf)) return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    throw invalidArgType('buf', 'an instance of ArrayBuffer or ArrayBufferView', buf);
  }

  function randomBytes(size, callback) {
    size = assertRandomSize(size, 1, 0, Infinity);
    if (callback !== undefined) validateFunction(callback, 'callback');
    var buf = Buffer.alloc(size);
    fillRandom(buf);
    if (callback === undefined) return buf;
    setImmediate(function () { callback(null, buf); }); // Node fills on its thread pool and calls back later
  }

  function randomFillSync(buf, offset, size) {
    var bytes = randomTarget(buf);
    var elementSize = buf.BYTES_PER_ELEMENT || 1;
    offset = assertRandomOffset(offset === undefined ? 0 : offset, elementSize, buf.byteLength);
    size = size === undefined ? buf.byteLength - offset : assertRandomSize(size, elementSize, offset, buf.byteLength);
    if (size > 0) fillRandom(bytes.subarray(offset, offset + size));
    return buf;
  }

  function randomFill(buf, offset, size, callback) {
    var bytes = randomTarget(buf);
    var elementSize = buf.BYTES_PER_ELEMENT || 1;
    if (typeof offset === 'function') {
      callback = offset; offset = 0; size = buf.byteLength;
    } else if (typeof size === 'function') {
      callback = size;
      offset = assertRandomOffset(offset, elementSize, buf.byteLength);
      size = buf.byteLength - offset;
    } else {
      validateFunction(callback, 'callback');
      offset = assertRandomOffset(offset, elementSize, buf.byteLength);
      size = size === undefined ? buf.byteLength - offset : assertRandomSize(size, elementSize, offset, buf.byteLength);
    }
    if (size > 0) fillRandom(bytes.subarray(offset, offset + size));
    setImmediate(function () { callback(null, buf); });
  }

  function randomInt(min, max, callback) {
    var minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
    if (minNotSpecified) { callback = max; max = min; min = 0; }
    var isSync = typeof callback === 'undefined';
    if (!isSync) validateFunction(callback, 'callback');
    if (!Number.isSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
    if (!Number.isSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
    if (max <= min) throw outOfRange('max', 'greater than the value of "min" (' + min + ')', max);
    var range = max - min;
    if (!(range <= RAND_MAX)) throw outOfRange('max' + (minNotSpecified ? '' : ' - min'), '<= ' + RAND_MAX, range);
    // Node's rejection sampling over 48-bit draws, so every value in the range is equally likely
    var randLimit = RAND_MAX - (RAND_MAX % range);
    var six = new Uint8Array(6), x;
    do {
      fillRandom(six);
      x = ((six[0] * 256 + six[1]) * 256 + six[2]) * 16777216 + ((six[3] << 16) | (six[4] << 8) | six[5]);
    } while (x >= randLimit);
    var n = (x % range) + min;
    if (isSync) return n;
    queueMicrotask(function () { callback(undefined, n); }); // Node: process.nextTick
  }

  function randomUUID(options) {
    if (options !== undefined) {
      if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
      if (options.disableEntropyCache !== undefined && typeof options.disableEntropyCache !== 'boolean') {
        throw invalidArgType('options.disableEntropyCache', 'of type boolean', options.disableEntropyCache);
      }
    }
    var b = new Uint8Array(16);
    fillRandom(b);
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // variant 10
    var hex = '';
    for (var i = 0; i < 16; i++) hex += (b[i] + 0x100).toString(16).slice(1) + (i === 3 || i === 5 || i === 7 || i === 9 ? '-' : '');
    return hex;
  }

  function getRandomValues(data) {
    if (!ArrayBuffer.isView(data) || data instanceof DataView || data instanceof Float32Array || data instanceof Float64Array) {
      throw makeDomException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
    }
    if (data.byteLength > 65536) throw makeDomException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
    fillRandom(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return data;
  }

  // the global crypto and crypto.webcrypto: one object, as in Node, whose methods need it as `this`
  var webcrypto = Object.freeze(Object.create(Object.prototype, {
    subtle: { enumerable: false, value: Object.freeze({
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
    }) },
    getRandomValues: { enumerable: false, value: function (data) {
      if (this !== webcrypto) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Crypto');
      return getRandomValues(data);
    } },
    randomUUID: { enumerable: false, value: function () {
      if (this !== webcrypto) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Crypto');
      return randomUUID();
    } }
  }));

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
    webcrypto: webcrypto,
    randomBytes: randomBytes,
    randomFill: randomFill,
    randomFillSync: randomFillSync,
    randomInt: randomInt,
    randomUUID: randomUUID,
    getRandomValues: function (data) { return getRandomValues(data); }
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

  // ---------------------------------------------------------------- node:stream (and node:stream/promises)

  // Node 20's streams (lib/internal/streams/*.js) for what a relay or a line protocol needs: Readable, Writable,
  // Duplex, Transform, PassThrough, pipeline, finished, Readable.from; the same state machine and event order,
  // written over the prelude's EventEmitter. A conn is not one of these classes but behaves as a net.Socket does
  // with them: pipe, pipeline, finished and instanceof (Duplex, Readable, Writable) accept it. Node's
  // process.nextTick is a queue run as one microtask here.
  // Node's process.nextTick, as the stream internals use it: every callback the engine makes into the runtime
  // goes through runtime.invoke, which runs the ticks it queued before the promise jobs run; a tick queued by a
  // promise job asks the host (host.requestTicks), which runs runtime.runTicks once the jobs are done: the order
  // Node's process.nextTick has against promises.
  var tickQueue = [];
  var tickDepth = 0;
  var ticksRequested = false;

  function nextTick(fn) {
    var args = Array.prototype.slice.call(arguments, 1);
    tickQueue.push(function () { fn.apply(undefined, args); });
    if (tickDepth === 0 && !ticksRequested) {
      ticksRequested = true;
      host.requestTicks();
    }
  }

  function runTicks() {
    while (tickQueue.length) {
      var fn = tickQueue.shift();
      try { fn(); } catch (e) { console.error('uncaught exception:\n' + describeError(e)); }
    }
  }

  function streamError(Ctor, code, message) { return nodeError(Ctor, code, message); }
  function errPrematureClose() { return streamError(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close'); }
  function errDestroyed(what) { return streamError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call ' + what + ' after a stream was destroyed'); }
  function errWriteAfterEnd() { return streamError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end'); }
  function errMultipleCallback() { return streamError(Error, 'ERR_MULTIPLE_CALLBACK', 'Callback called multiple times'); }
  function errNotImplemented(what) { return streamError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The ' + what + ' method is not implemented'); }
  function errNullValues() { return streamError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream'); }
  function streamNop() {}

  var defaultHighWaterMark = 16384;
  var defaultObjectHighWaterMark = 16;

  function streamHighWaterMark(options, duplexKey, objectMode) {
    var hwm = options && options.highWaterMark !== undefined ? options.highWaterMark
      : (options && options[duplexKey] !== undefined ? options[duplexKey] : undefined);
    if (hwm === undefined || hwm === null) return objectMode ? defaultObjectHighWaterMark : defaultHighWaterMark;
    if (!Number.isInteger(hwm) || hwm < 0) {
      throw streamError(TypeError, 'ERR_INVALID_ARG_VALUE', "The property 'options." + (options.highWaterMark !== undefined ? 'highWaterMark' : duplexKey) + "' is invalid. Received " + inspect(hwm, 0));
    }
    return Math.floor(hwm);
  }

  function chunkOf(chunk, encoding, what) {
    if (typeof chunk === 'string') return Buffer.from(chunk, encoding);
    if (Buffer.isBuffer(chunk)) return chunk;
    if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    throw invalidArgType(what, 'of type string or an instance of Buffer or Uint8Array', chunk);
  }

  // ---- destroy (lib/internal/streams/destroy.js)

  function destroyStream(err, cb) {
    var r = this._readableState, w = this._writableState;
    if ((w && w.destroyed) || (r && r.destroyed)) {
      if (typeof cb === 'function') cb();
      return this;
    }
    checkStreamError(err, w, r);
    if (w) w.destroyed = true;
    if (r) r.destroyed = true;
    var self = this, called = false;
    function onDestroy(e) {
      if (called) return;
      called = true;
      checkStreamError(e, w, r);
      if (w) w.closed = true;
      if (r) r.closed = true;
      if (typeof cb === 'function') cb(e);
      if (e) nextTick(emitErrorCloseNT, self, e); else nextTick(emitCloseNT, self);
    }
    try { this._destroy(err || null, onDestroy); } catch (e) { onDestroy(e); }
    return this;
  }

  function checkStreamError(err, w, r) {
    if (err) {
      if (w && !w.errored) w.errored = err;
      if (r && !r.errored) r.errored = err;
    }
  }

  function emitErrorCloseNT(self, err) { emitErrorNT(self, err); emitCloseNT(self); }

  function emitCloseNT(self) {
    var r = self._readableState, w = self._writableState;
    if (w) w.closeEmitted = true;
    if (r) r.closeEmitted = true;
    if ((w && w.emitClose) || (r && r.emitClose)) self.emit('close');
  }

  function emitErrorNT(self, err) {
    var r = self._readableState, w = self._writableState;
    if ((w && w.errorEmitted) || (r && r.errorEmitted)) return;
    if (w) w.errorEmitted = true;
    if (r) r.errorEmitted = true;
    self.emit('error', err);
  }

  function errorOrDestroy(stream, err, sync) {
    var r = stream._readableState, w = stream._writableState;
    if ((w && w.destroyed) || (r && r.destroyed)) return;
    if ((r && r.autoDestroy) || (w && w.autoDestroy)) { stream.destroy(err); return; }
    if (err) {
      if (w && !w.errored) w.errored = err;
      if (r && !r.errored) r.errored = err;
      if (sync) nextTick(emitErrorNT, stream, err); else emitErrorNT(stream, err);
    }
  }

  // ---- Stream, Readable

  class Stream extends EventEmitter {
    constructor(options) { super(options); }
  }

  function ReadableState(options, isDuplex) {
    this.objectMode = !!(options && (options.objectMode || (isDuplex && options.readableObjectMode)));
    this.highWaterMark = streamHighWaterMark(options, 'readableHighWaterMark', this.objectMode);
    this.buffer = [];
    this.length = 0;
    this.pipes = [];
    this.flowing = null;
    this.ended = false;
    this.endEmitted = false;
    this.reading = false;
    this.constructed = true;
    this.sync = true;
    this.needReadable = false;
    this.emittedReadable = false;
    this.readableListening = false;
    this.resumeScheduled = false;
    this.errorEmitted = false;
    this.emitClose = !options || options.emitClose !== false;
    this.autoDestroy = !options || options.autoDestroy !== false;
    this.destroyed = false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this.defaultEncoding = (options && options.defaultEncoding) || 'utf8';
    this.awaitDrainWriters = null;
    this.readingMore = false;
    this.dataEmitted = false;
    this.decoder = null;
    this.encoding = null;
    this.paused = null;
    if (options && options.encoding) {
      this.decoder = new StringDecoder(options.encoding);
      this.encoding = options.encoding;
    }
  }

  class Readable extends Stream {
    constructor(options) {
      super(options);
      var isDuplex = this instanceof Duplex;
      this._readableState = new ReadableState(options, isDuplex);
      if (options) {
        if (typeof options.read === 'function') this._read = options.read;
        if (typeof options.destroy === 'function') this._destroy = options.destroy;
        if (options.signal) addAbortSignalTo(options.signal, this);
      }
    }
    push(chunk, encoding) { return readableAddChunk(this, chunk, encoding, false); }
    unshift(chunk, encoding) { return readableAddChunk(this, chunk, encoding, true); }
    isPaused() { var s = this._readableState; return s.paused === true || s.flowing === false; }
    setEncoding(enc) {
      var decoder = new StringDecoder(enc);
      var s = this._readableState;
      s.decoder = decoder;
      s.encoding = decoder.encoding;
      var content = '';
      for (var i = 0; i < s.buffer.length; i++) content += decoder.write(s.buffer[i]);
      s.buffer = content !== '' ? [content] : [];
      s.length = content.length;
      return this;
    }
    read(n) {
      if (n === undefined) n = NaN;
      else if (!Number.isInteger(n)) n = Number.parseInt(n, 10);
      var state = this._readableState;
      var nOrig = n;
      if (n > state.highWaterMark) state.highWaterMark = newHighWaterMark(n);
      if (n !== 0) state.emittedReadable = false;
      if (n === 0 && state.needReadable && ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
        if (state.length === 0 && state.ended) endReadable(this); else emitReadable(this);
        return null;
      }
      n = howMuchToRead(n, state);
      if (n === 0 && state.ended) {
        if (state.length === 0) endReadable(this);
        return null;
      }
      var doRead = state.needReadable;
      if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
      if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
        doRead = false;
      } else if (doRead) {
        state.reading = true;
        state.sync = true;
        if (state.length === 0) state.needReadable = true;
        try { this._read(state.highWaterMark); } catch (err) { errorOrDestroy(this, err); }
        state.sync = false;
        if (!state.reading) n = howMuchToRead(nOrig, state);
      }
      var ret = n > 0 ? fromList(n, state) : null;
      if (ret === null) {
        state.needReadable = state.length <= state.highWaterMark;
        n = 0;
      } else {
        state.length -= n;
        state.awaitDrainWriters = null;
      }
      if (state.length === 0) {
        if (!state.ended) state.needReadable = true;
        if (nOrig !== n && state.ended) endReadable(this);
      }
      if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
        state.dataEmitted = true;
        this.emit('data', ret);
      }
      return ret;
    }
    _read() { throw errNotImplemented('_read()'); }
    on(ev, fn) {
      var res = super.on(ev, fn);
      var state = this._readableState;
      if (ev === 'data') {
        state.readableListening = this.listenerCount('readable') > 0;
        if (state.flowing !== false) this.resume();
      } else if (ev === 'readable') {
        if (!state.endEmitted && !state.readableListening) {
          state.readableListening = state.needReadable = true;
          state.flowing = false;
          state.emittedReadable = false;
          if (state.length) emitReadable(this);
          else if (!state.reading) nextTick(function (self) { self.read(0); }, this);
        }
      }
      return res;
    }
    addListener(ev, fn) { return this.on(ev, fn); }
    removeListener(ev, fn) {
      var res = super.removeListener(ev, fn);
      if (ev === 'readable') nextTick(updateReadableListening, this);
      return res;
    }
    off(ev, fn) { return this.removeListener(ev, fn); }
    resume() {
      var state = this._readableState;
      if (!state.flowing) {
        state.flowing = !state.readableListening;
        if (!state.resumeScheduled) {
          state.resumeScheduled = true;
          nextTick(resumeNT, this, state);
        }
      }
      state.paused = false;
      return this;
    }
    pause() {
      var state = this._readableState;
      if (state.flowing !== false) {
        state.flowing = false;
        this.emit('pause');
      }
      state.paused = true;
      return this;
    }
    pipe(dest, pipeOpts) { return pipeReadable(this, dest, pipeOpts); }
    unpipe(dest) {
      var state = this._readableState;
      if (state.pipes.length === 0) return this;
      var dests = dest === undefined ? state.pipes.slice() : [dest];
      var self = this;
      dests.forEach(function (d) {
        var i = state.pipes.indexOf(d);
        if (i < 0) return;
        state.pipes.splice(i, 1);
        if (state.pipes.length === 0) self.pause();
        d.emit('unpipe', self, { hasUnpiped: false });
      });
      return this;
    }
    destroy(err, cb) { return destroyStream.call(this, err, cb); }
    _destroy(err, cb) { cb(err); }
    get readable() {
      var r = this._readableState;
      return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
    }
    set readable(v) { if (this._readableState) this._readableState.readable = !!v; }
    get readableEnded() { return this._readableState ? this._readableState.endEmitted : false; }
    get readableFlowing() { return this._readableState.flowing; }
    set readableFlowing(v) { if (this._readableState) this._readableState.flowing = v; }
    get readableLength() { return this._readableState.length; }
    get readableHighWaterMark() { return this._readableState.highWaterMark; }
    get readableObjectMode() { return this._readableState ? this._readableState.objectMode : false; }
    get readableEncoding() { return this._readableState ? this._readableState.encoding : null; }
    get readableAborted() {
      var r = this._readableState;
      return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted);
    }
    get readableDidRead() { return this._readableState.dataEmitted; }
    get destroyed() { return this._readableState ? this._readableState.destroyed : false; }
    set destroyed(v) { if (this._readableState) this._readableState.destroyed = v; }
    get errored() { return this._readableState ? this._readableState.errored : null; }
    get closed() { return this._readableState ? this._readableState.closed : false; }
    static from(iterable, opts) { return readableFrom(iterable, opts); }
  }

  function updateReadableListening(self) {
    var state = self._readableState;
    state.readableListening = self.listenerCount('readable') > 0;
    if (state.resumeScheduled && state.paused === false) state.flowing = true;
    else if (self.listenerCount('data') > 0) self.resume();
    else if (!state.readableListening) state.flowing = null;
  }

  function readableAddChunk(stream, chunk, encoding, addToFront) {
    var state = stream._readableState;
    var err;
    if (chunk === null) {
      state.reading = false;
      onEofChunk(stream, state);
      return false;
    }
    if (!state.objectMode) {
      if (typeof chunk === 'string') {
        encoding = encoding || state.defaultEncoding;
        if (state.encoding !== encoding) {
          if (addToFront && state.encoding) chunk = Buffer.from(chunk, encoding).toString(state.encoding);
          else { chunk = Buffer.from(chunk, encoding); encoding = ''; }
        }
      } else if (Buffer.isBuffer(chunk)) {
        encoding = '';
      } else if (ArrayBuffer.isView(chunk)) {
        chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        encoding = '';
      } else if (chunk !== undefined) {
        err = invalidArgType('chunk', 'of type string or an instance of Buffer, TypedArray, or DataView', chunk);
      }
    }
    if (err) {
      errorOrDestroy(stream, err);
    } else if (state.objectMode || (chunk && chunk.length > 0)) {
      if (addToFront) {
        if (state.endEmitted) errorOrDestroy(stream, streamError(Error, 'ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event'));
        else if (state.destroyed || state.errored) return false;
        else addChunk(stream, state, chunk, true);
      } else if (state.ended) {
        errorOrDestroy(stream, streamError(Error, 'ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF'));
      } else if (state.destroyed || state.errored) {
        return false;
      } else {
        state.reading = false;
        if (state.decoder && !encoding) {
          chunk = state.decoder.write(chunk);
          if (state.objectMode || chunk.length !== 0) addChunk(stream, state, chunk, false);
          else maybeReadMore(stream, state);
        } else {
          addChunk(stream, state, chunk, false);
        }
      }
    } else if (!addToFront) {
      state.reading = false;
      maybeReadMore(stream, state);
    }
    return !state.ended && (state.length < state.highWaterMark || state.length === 0);
  }

  function addChunk(stream, state, chunk, addToFront) {
    if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
      state.awaitDrainWriters = null;
      state.dataEmitted = true;
      stream.emit('data', chunk);
    } else {
      state.length += state.objectMode ? 1 : chunk.length;
      if (addToFront) state.buffer.unshift(chunk); else state.buffer.push(chunk);
      if (state.needReadable) emitReadable(stream);
    }
    maybeReadMore(stream, state);
  }

  function newHighWaterMark(n) {
    if (n > 1073741824) throw outOfRange('size', '<= 1GiB', n);
    n--; n |= n >>> 1; n |= n >>> 2; n |= n >>> 4; n |= n >>> 8; n |= n >>> 16; n++;
    return n;
  }

  function howMuchToRead(n, state) {
    if (n <= 0 || (state.length === 0 && state.ended)) return 0;
    if (state.objectMode) return 1;
    if (Number.isNaN(n)) {
      if (state.flowing && state.length) return state.buffer[0].length;
      return state.length;
    }
    if (n <= state.length) return n;
    return state.ended ? state.length : 0;
  }

  function fromList(n, state) {
    if (state.length === 0) return null;
    var ret;
    if (state.objectMode) {
      ret = state.buffer.shift();
    } else if (!n || n >= state.length) {
      if (state.decoder) ret = state.buffer.join('');
      else if (state.buffer.length === 1) ret = state.buffer[0];
      else ret = Buffer.concat(state.buffer, state.length);
      state.buffer = [];
    } else {
      var first = state.buffer[0];
      if (n < first.length) {
        ret = first.slice(0, n);
        state.buffer[0] = first.slice(n);
      } else if (n === first.length) {
        ret = state.buffer.shift();
      } else if (typeof first === 'string') {
        ret = '';
        while (ret.length < n) {
          var s = state.buffer[0], need = n - ret.length;
          if (s.length <= need) { ret += s; state.buffer.shift(); } else { ret += s.slice(0, need); state.buffer[0] = s.slice(need); }
        }
      } else {
        ret = Buffer.allocUnsafe(n);
        var at = 0;
        while (at < n) {
          var b = state.buffer[0], take = Math.min(b.length, n - at);
          ret.set(b.subarray(0, take), at);
          at += take;
          if (take === b.length) state.buffer.shift(); else state.buffer[0] = b.subarray(take);
        }
      }
    }
    return ret;
  }

  function onEofChunk(stream, state) {
    if (state.ended) return;
    if (state.decoder) {
      var chunk = state.decoder.end();
      if (chunk && chunk.length) {
        state.buffer.push(chunk);
        state.length += state.objectMode ? 1 : chunk.length;
      }
    }
    state.ended = true;
    if (state.sync) {
      emitReadable(stream);
    } else {
      state.needReadable = false;
      state.emittedReadable = true;
      emitReadableNT(stream);
    }
  }

  function emitReadable(stream) {
    var state = stream._readableState;
    state.needReadable = false;
    if (!state.emittedReadable) {
      state.emittedReadable = true;
      nextTick(emitReadableNT, stream);
    }
  }

  function emitReadableNT(stream) {
    var state = stream._readableState;
    if (!state.destroyed && !state.errored && (state.length || state.ended)) {
      stream.emit('readable');
      state.emittedReadable = false;
    }
    state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
    flow(stream);
  }

  function maybeReadMore(stream, state) {
    if (!state.readingMore && state.constructed) {
      state.readingMore = true;
      nextTick(maybeReadMoreNT, stream, state);
    }
  }

  function maybeReadMoreNT(stream, state) {
    while (!state.reading && !state.ended && (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
      var len = state.length;
      stream.read(0);
      if (len === state.length) break;
    }
    state.readingMore = false;
  }

  function resumeNT(stream, state) {
    if (!state.reading) stream.read(0);
    state.resumeScheduled = false;
    stream.emit('resume');
    flow(stream);
    if (state.flowing && !state.reading) stream.read(0);
  }

  function flow(stream) {
    var state = stream._readableState;
    while (state.flowing && stream.read() !== null);
  }

  function endReadable(stream) {
    var state = stream._readableState;
    if (!state.endEmitted) {
      state.ended = true;
      nextTick(endReadableNT, state, stream);
    }
  }

  function endReadableNT(state, stream) {
    if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
      state.endEmitted = true;
      stream.emit('end');
      if (stream.writable && stream.allowHalfOpen === false) {
        nextTick(function () { stream.end(); });
      } else if (state.autoDestroy) {
        var w = stream._writableState;
        if (!w || (w.autoDestroy && (w.finished || w.writable === false))) stream.destroy();
      }
    }
  }

  // Readable.prototype.pipe, for any source: backpressure through dest.write() and 'drain', dest.end() after
  // 'end' unless {end: false}, unpiped when dest closes, finishes or fails
  function pipeReadable(src, dest, pipeOpts) {
    var state = src._readableState;
    state.pipes.push(dest);
    var doEnd = !pipeOpts || pipeOpts.end !== false;
    var endFn = doEnd ? onend : unpipe;
    if (state.endEmitted) nextTick(endFn); else src.once('end', endFn);
    dest.on('unpipe', onunpipe);
    var ondrain = null, cleanedUp = false;
    function onunpipe(readable, info) {
      if (readable === src && info && info.hasUnpiped === false) {
        info.hasUnpiped = true;
        cleanup();
      }
    }
    function onend() { dest.end(); }
    function cleanup() {
      dest.removeListener('close', onclose);
      dest.removeListener('finish', onfinish);
      if (ondrain) dest.removeListener('drain', ondrain);
      dest.removeListener('error', onerror);
      dest.removeListener('unpipe', onunpipe);
      src.removeListener('end', onend);
      src.removeListener('end', unpipe);
      src.removeListener('data', ondata);
      cleanedUp = true;
      if (ondrain && state.awaitDrainWriters && (!dest._writableState || dest._writableState.needDrain)) ondrain();
    }
    function pause() {
      if (!cleanedUp) {
        state.awaitDrainWriters = dest;
        src.pause();
      }
      if (!ondrain) {
        ondrain = function () {
          if (state.awaitDrainWriters === dest) state.awaitDrainWriters = null;
          if (!state.awaitDrainWriters && src.listenerCount('data')) src.resume();
        };
        dest.on('drain', ondrain);
      }
    }
    src.on('data', ondata);
    function ondata(chunk) { if (dest.write(chunk) === false) pause(); }
    function onerror(er) {
      unpipe();
      dest.removeListener('error', onerror);
      if (dest.listenerCount('error') === 0) {
        var s = dest._writableState || dest._readableState;
        if (s && !s.errorEmitted) errorOrDestroy(dest, er); else dest.emit('error', er);
      }
    }
    dest.prependListener('error', onerror);
    function onclose() { dest.removeListener('finish', onfinish); unpipe(); }
    dest.once('close', onclose);
    function onfinish() { dest.removeListener('close', onclose); unpipe(); }
    dest.once('finish', onfinish);
    function unpipe() { src.unpipe(dest); }
    dest.emit('pipe', src);
    if (dest.writableNeedDrain === true) pause();
    else if (!state.flowing) src.resume();
    return dest;
  }

  // for await (const chunk of readable), where the engine has async iteration (GraalJS; Rhino has no for await)
  if (typeof Symbol.asyncIterator === 'symbol') {
    Readable.prototype[Symbol.asyncIterator] = function () { return readableIterator(this); };
  }

  function readableIterator(stream) {
    var waiting = null, error = null, done = false;
    function wake() { if (waiting) { var w = waiting; waiting = null; w(); } }
    stream.on('readable', wake);
    var cleanup = finished(stream, { writable: false }, function (err) {
      error = err ? aggregateError(error, err) : null;
      done = true;
      wake();
    });
    function next() {
      return new Promise(function (resolve, reject) {
        (function attempt() {
          if (stream.destroyed && !done) { waiting = attempt; return; }
          var chunk = stream.destroyed ? null : stream.read();
          if (chunk !== null) { resolve({ value: chunk, done: false }); return; }
          // as Node: a loop that read everything (or failed) destroys the stream
          if (error) { finish(); stream.destroy(null); reject(error); return; }
          if (done) { finish(); if (stream._readableState.autoDestroy) stream.destroy(null); resolve({ value: undefined, done: true }); return; }
          waiting = attempt;
        })();
      });
    }
    var finishedOnce = false;
    function finish() {
      if (finishedOnce) return;
      finishedOnce = true;
      cleanup();
      stream.removeListener('readable', wake);
    }
    var iterator = {
      next: next,
      return: function () {
        // leaving the loop early destroys the stream, as in Node
        if (!done && !stream.readableEnded) stream.destroy(null);
        finish();
        return Promise.resolve({ value: undefined, done: true });
      }
    };
    iterator[Symbol.asyncIterator] = function () { return this; };
    return iterator;
  }

  function aggregateError(first, second) { return first || second; }

  function readableFrom(iterable, opts) {
    if (typeof iterable === 'string' || Buffer.isBuffer(iterable)) {
      return new Readable(Object.assign({ objectMode: true }, opts, {
        read: function () { this.push(iterable); this.push(null); }
      }));
    }
    var iterator, isAsync;
    if (iterable && typeof Symbol.asyncIterator === 'symbol' && typeof iterable[Symbol.asyncIterator] === 'function') {
      isAsync = true;
      iterator = iterable[Symbol.asyncIterator]();
    } else if (iterable && typeof iterable[Symbol.iterator] === 'function') {
      isAsync = false;
      iterator = iterable[Symbol.iterator]();
    } else {
      throw invalidArgType('iterable', 'an instance of Iterable', iterable);
    }
    var readable = new Readable(Object.assign({ objectMode: true, highWaterMark: 1 }, opts));
    var reading = false;
    readable._read = function () {
      if (!reading) { reading = true; next(); }
    };
    readable._destroy = function (error, cb) {
      var closing;
      try {
        closing = Promise.resolve(typeof iterator.return === 'function' ? iterator.return() : undefined);
      } catch (e) {
        closing = Promise.reject(e);
      }
      closing.then(function () { nextTick(cb, error); }, function (e) { nextTick(cb, e || error); });
    };
    // as Node: a plain value from a sync iterator is pushed at once, a promise (or an async iterator) when it settles
    function pushValue(value) {
      if (value === null) { reading = false; throw errNullValues(); }
      return readable.push(value);
    }
    function next() {
      for (;;) {
        var result;
        try {
          result = iterator.next();
          if (isAsync) {
            Promise.resolve(result).then(function (r) {
              if (r.done) { readable.push(null); return; }
              return Promise.resolve(r.value).then(function (v) { if (pushValue(v)) next(); else reading = false; });
            }).then(undefined, function (err) { readable.destroy(err); });
            return;
          }
          if (result.done) { readable.push(null); return; }
          if (result.value && typeof result.value.then === 'function') {
            Promise.resolve(result.value).then(function (v) { if (pushValue(v)) next(); else reading = false; })
              .then(undefined, function (err) { readable.destroy(err); });
            return;
          }
          if (pushValue(result.value)) continue;
          reading = false;
          return;
        } catch (err) {
          readable.destroy(err);
          return;
        }
      }
    }
    return readable;
  }

  // ---- Writable

  function WritableState(options, stream, isDuplex) {
    this.objectMode = !!(options && (options.objectMode || (isDuplex && options.writableObjectMode)));
    this.highWaterMark = streamHighWaterMark(options, 'writableHighWaterMark', this.objectMode);
    this.finalCalled = false;
    this.needDrain = false;
    this.ending = false;
    this.ended = false;
    this.finished = false;
    this.destroyed = false;
    this.decodeStrings = !(options && options.decodeStrings === false);
    this.defaultEncoding = (options && options.defaultEncoding) || 'utf8';
    this.length = 0;
    this.writing = false;
    this.corked = 0;
    this.sync = true;
    this.bufferProcessing = false;
    this.onwrite = function (er) { onwrite(stream, er); };
    this.writecb = null;
    this.writelen = 0;
    this.buffered = [];
    this.pendingcb = 0;
    this.constructed = true;
    this.prefinished = false;
    this.errorEmitted = false;
    this.emitClose = !options || options.emitClose !== false;
    this.autoDestroy = !options || options.autoDestroy !== false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this.onFinished = [];
  }

  class Writable extends Stream {
    constructor(options) {
      super(options);
      var isDuplex = this instanceof Duplex;
      this._writableState = new WritableState(options, this, isDuplex);
      if (options) {
        if (typeof options.write === 'function') this._write = options.write;
        if (typeof options.writev === 'function') this._writev = options.writev;
        if (typeof options.destroy === 'function') this._destroy = options.destroy;
        if (typeof options.final === 'function') this._final = options.final;
        if (options.signal) addAbortSignalTo(options.signal, this);
      }
    }
    write(chunk, encoding, cb) { return writeChunk(this, chunk, encoding, cb) === true; }
    cork() { this._writableState.corked++; }
    uncork() {
      var state = this._writableState;
      if (state.corked) {
        state.corked--;
        if (!state.writing) clearBuffer(this, state);
      }
    }
    setDefaultEncoding(encoding) {
      if (typeof encoding === 'string') encoding = encoding.toLowerCase();
      if (!Buffer.isEncoding(encoding)) throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
      this._writableState.defaultEncoding = encoding;
      return this;
    }
    _write(chunk, encoding, cb) {
      if (this._writev) this._writev([{ chunk: chunk, encoding: encoding }], cb);
      else throw errNotImplemented('_write()');
    }
    end(chunk, encoding, cb) {
      var state = this._writableState;
      if (typeof chunk === 'function') { cb = chunk; chunk = null; encoding = null; }
      else if (typeof encoding === 'function') { cb = encoding; encoding = null; }
      var err;
      if (chunk !== null && chunk !== undefined) {
        var ret = writeChunk(this, chunk, encoding);
        if (ret instanceof Error) err = ret;
      }
      if (state.corked) { state.corked = 1; this.uncork(); }
      if (err) {
        // already reported
      } else if (!state.errored && !state.ending) {
        state.ending = true;
        finishMaybe(this, state, true);
        state.ended = true;
      } else if (state.finished) {
        err = streamError(Error, 'ERR_STREAM_ALREADY_FINISHED', 'Cannot call end after a stream was finished');
      } else if (state.destroyed) {
        err = errDestroyed('end');
      }
      if (typeof cb === 'function') {
        if (err || state.finished) nextTick(cb, err);
        else state.onFinished.push(cb);
      }
      return this;
    }
    destroy(err, cb) {
      var state = this._writableState;
      if (!state.destroyed && (state.buffered.length || state.onFinished.length)) nextTick(errorBuffer, state);
      return destroyStream.call(this, err, cb);
    }
    _destroy(err, cb) { cb(err); }
    get writable() {
      var w = this._writableState;
      return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
    }
    set writable(v) { if (this._writableState) this._writableState.writable = !!v; }
    get writableFinished() { return this._writableState ? this._writableState.finished : false; }
    get writableEnded() { return this._writableState ? this._writableState.ending : false; }
    get writableLength() { return this._writableState && this._writableState.length; }
    get writableHighWaterMark() { return this._writableState && this._writableState.highWaterMark; }
    get writableObjectMode() { return this._writableState ? this._writableState.objectMode : false; }
    get writableCorked() { return this._writableState ? this._writableState.corked : 0; }
    get writableNeedDrain() {
      var w = this._writableState;
      return !!w && !w.destroyed && !w.ending && w.needDrain;
    }
    get destroyed() { return this._writableState ? this._writableState.destroyed : false; }
    set destroyed(v) { if (this._writableState) this._writableState.destroyed = v; }
    get errored() { return this._writableState ? this._writableState.errored : null; }
    get closed() { return this._writableState ? this._writableState.closed : false; }
  }

  function writeChunk(stream, chunk, encoding, cb) {
    var state = stream._writableState;
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = state.defaultEncoding;
    } else {
      if (!encoding) encoding = state.defaultEncoding;
      else if (encoding !== 'buffer' && !Buffer.isEncoding(encoding)) throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
      if (typeof cb !== 'function') cb = streamNop;
    }
    if (chunk === null) throw errNullValues();
    if (!state.objectMode) {
      if (typeof chunk === 'string') {
        if (state.decodeStrings !== false) { chunk = Buffer.from(chunk, encoding); encoding = 'buffer'; }
      } else if (Buffer.isBuffer(chunk)) {
        encoding = 'buffer';
      } else if (ArrayBuffer.isView(chunk)) {
        chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        encoding = 'buffer';
      } else {
        throw invalidArgType('chunk', 'of type string or an instance of Buffer, TypedArray, or DataView', chunk);
      }
    }
    var err;
    if (state.ending) err = errWriteAfterEnd();
    else if (state.destroyed) err = errDestroyed('write');
    if (err) {
      nextTick(cb, err);
      errorOrDestroy(stream, err, true);
      return err;
    }
    state.pendingcb++;
    var len = state.objectMode ? 1 : chunk.length;
    state.length += len;
    var ret = state.length < state.highWaterMark;
    if (!ret) state.needDrain = true;
    if (state.writing || state.corked || state.errored || !state.constructed) {
      state.buffered.push({ chunk: chunk, encoding: encoding, callback: cb });
    } else {
      state.writelen = len;
      state.writecb = cb;
      state.writing = true;
      state.sync = true;
      stream._write(chunk, encoding, state.onwrite);
      state.sync = false;
    }
    return ret && !state.errored && !state.destroyed;
  }

  function doWrite(stream, state, writev, len, chunk, encoding, cb) {
    state.writelen = len;
    state.writecb = cb;
    state.writing = true;
    state.sync = true;
    if (state.destroyed) state.onwrite(errDestroyed('write'));
    else if (writev) stream._writev(chunk, state.onwrite);
    else stream._write(chunk, encoding, state.onwrite);
    state.sync = false;
  }

  function onwrite(stream, er) {
    var state = stream._writableState;
    var sync = state.sync;
    var cb = state.writecb;
    if (typeof cb !== 'function') { errorOrDestroy(stream, errMultipleCallback()); return; }
    state.writing = false;
    state.writecb = null;
    state.length -= state.writelen;
    state.writelen = 0;
    if (er) {
      if (!state.errored) state.errored = er;
      if (stream._readableState && !stream._readableState.errored) stream._readableState.errored = er;
      if (sync) nextTick(onwriteError, stream, state, er, cb); else onwriteError(stream, state, er, cb);
    } else {
      if (state.buffered.length > 0) clearBuffer(stream, state);
      if (sync) nextTick(afterWrite, stream, state, cb); else afterWrite(stream, state, cb);
    }
  }

  function onwriteError(stream, state, er, cb) {
    --state.pendingcb;
    cb(er);
    errorBuffer(state);
    errorOrDestroy(stream, er);
  }

  function afterWrite(stream, state, cb) {
    var needDrain = !state.ending && !stream.destroyed && state.length === 0 && state.needDrain;
    if (needDrain) {
      state.needDrain = false;
      stream.emit('drain');
    }
    state.pendingcb--;
    cb();
    if (state.destroyed) errorBuffer(state);
    finishMaybe(stream, state);
  }

  function errorBuffer(state) {
    if (state.writing) return;
    var buffered = state.buffered;
    state.buffered = [];
    for (var i = 0; i < buffered.length; i++) {
      var len = state.objectMode ? 1 : buffered[i].chunk.length;
      state.length -= len;
      buffered[i].callback(state.errored || errDestroyed('write'));
    }
    var finishedCbs = state.onFinished.splice(0);
    for (var k = 0; k < finishedCbs.length; k++) finishedCbs[k](state.errored || errDestroyed('end'));
  }

  function clearBuffer(stream, state) {
    if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) return;
    var buffered = state.buffered;
    if (!buffered.length) return;
    state.bufferProcessing = true;
    if (buffered.length > 1 && stream._writev) {
      state.pendingcb -= buffered.length - 1;
      var callbacks = buffered.map(function (b) { return b.callback; });
      var chunks = buffered.map(function (b) { return { chunk: b.chunk, encoding: b.encoding }; });
      state.buffered = [];
      doWrite(stream, state, true, state.length, chunks, '', function (err) {
        for (var i = 0; i < callbacks.length; i++) callbacks[i](err);
      });
    } else {
      do {
        var next = buffered.shift();
        var len = state.objectMode ? 1 : next.chunk.length;
        doWrite(stream, state, false, len, next.chunk, next.encoding, next.callback);
      } while (buffered.length && !state.writing);
    }
    state.bufferProcessing = false;
  }

  function needFinish(state) {
    return state.ending && !state.destroyed && state.constructed && state.length === 0 && !state.errored
      && state.buffered.length === 0 && !state.finished && !state.writing && !state.errorEmitted && !state.closeEmitted;
  }

  function callFinal(stream, state) {
    var called = false;
    function onFinish(err) {
      if (called) { errorOrDestroy(stream, errMultipleCallback()); return; }
      called = true;
      state.pendingcb--;
      if (err) {
        var cbs = state.onFinished.splice(0);
        for (var i = 0; i < cbs.length; i++) cbs[i](err);
        errorOrDestroy(stream, err, state.sync);
      } else if (needFinish(state)) {
        state.prefinished = true;
        stream.emit('prefinish');
        state.pendingcb++;
        nextTick(finishWritable, stream, state);
      }
    }
    state.sync = true;
    state.pendingcb++;
    try { stream._final(onFinish); } catch (err) { onFinish(err); }
    state.sync = false;
  }

  function prefinish(stream, state) {
    if (!state.prefinished && !state.finalCalled) {
      if (typeof stream._final === 'function' && !state.destroyed) {
        state.finalCalled = true;
        callFinal(stream, state);
      } else {
        state.prefinished = true;
        stream.emit('prefinish');
      }
    }
  }

  function finishMaybe(stream, state, sync) {
    if (needFinish(state)) {
      prefinish(stream, state);
      if (state.pendingcb === 0) {
        if (sync) {
          state.pendingcb++;
          nextTick(function () {
            if (needFinish(state)) finishWritable(stream, state); else state.pendingcb--;
          });
        } else if (needFinish(state)) {
          state.pendingcb++;
          finishWritable(stream, state);
        }
      }
    }
  }

  function finishWritable(stream, state) {
    state.pendingcb--;
    state.finished = true;
    var cbs = state.onFinished.splice(0);
    for (var i = 0; i < cbs.length; i++) cbs[i]();
    stream.emit('finish');
    if (state.autoDestroy) {
      var r = stream._readableState;
      if (!r || (r.autoDestroy && (r.endEmitted || r.readable === false))) stream.destroy();
    }
  }

  // ---- Duplex, Transform, PassThrough

  class Duplex extends Readable {
    constructor(options) {
      super(options);
      this._writableState = new WritableState(options, this, true);
      if (options) {
        this.allowHalfOpen = options.allowHalfOpen !== false;
        if (options.readable === false) { this._readableState.readable = false; this._readableState.ended = true; this._readableState.endEmitted = true; }
        if (options.writable === false) { this._writableState.writable = false; this._writableState.ending = true; this._writableState.ended = true; this._writableState.finished = true; }
        if (typeof options.write === 'function') this._write = options.write;
        if (typeof options.writev === 'function') this._writev = options.writev;
        if (typeof options.final === 'function') this._final = options.final;
      } else {
        this.allowHalfOpen = true;
      }
    }
    get destroyed() {
      return this._readableState !== undefined && this._writableState !== undefined
        && this._readableState.destroyed && this._writableState.destroyed;
    }
    set destroyed(v) {
      if (this._readableState && this._writableState) { this._readableState.destroyed = v; this._writableState.destroyed = v; }
    }
    get errored() { return (this._writableState && this._writableState.errored) || (this._readableState && this._readableState.errored) || null; }
    get closed() { return !!this._readableState && this._readableState.closed; }
  }
  ['write', 'cork', 'uncork', 'setDefaultEncoding', 'end', '_write'].forEach(function (m) {
    if (!Object.prototype.hasOwnProperty.call(Duplex.prototype, m)) Duplex.prototype[m] = Writable.prototype[m];
  });
  ['writable', 'writableFinished', 'writableEnded', 'writableLength', 'writableHighWaterMark', 'writableObjectMode',
    'writableCorked', 'writableNeedDrain'].forEach(function (p) {
    Object.defineProperty(Duplex.prototype, p, Object.getOwnPropertyDescriptor(Writable.prototype, p));
  });
  Duplex.prototype.destroy = Writable.prototype.destroy;

  var kTransformCallback = Symbol('kCallback');

  class Transform extends Duplex {
    constructor(options) {
      super(options);
      this._readableState.sync = false;
      this[kTransformCallback] = null;
      if (options) {
        if (typeof options.transform === 'function') this._transform = options.transform;
        if (typeof options.flush === 'function') this._flush = options.flush;
      }
      this.on('prefinish', transformPrefinish);
    }
    _final(cb) { transformFinal.call(this, cb); }
    _transform() { throw errNotImplemented('_transform()'); }
    _write(chunk, encoding, callback) {
      var rState = this._readableState, wState = this._writableState, length = rState.length, self = this;
      this._transform(chunk, encoding, function (err, val) {
        if (err) { callback(err); return; }
        if (val !== null && val !== undefined) self.push(val);
        if (wState.ended || length === rState.length || rState.length < rState.highWaterMark) callback();
        else self[kTransformCallback] = callback;
      });
    }
    _read() {
      if (this[kTransformCallback]) {
        var callback = this[kTransformCallback];
        this[kTransformCallback] = null;
        callback();
      }
    }
  }

  function transformFinal(cb) {
    var self = this;
    if (typeof this._flush === 'function' && !this.destroyed) {
      this._flush(function (er, data) {
        if (er) { if (cb) cb(er); else self.destroy(er); return; }
        if (data !== null && data !== undefined) self.push(data);
        self.push(null);
        if (cb) cb();
      });
    } else {
      this.push(null);
      if (cb) cb();
    }
  }

  function transformPrefinish() {
    if (this._final !== Transform.prototype._final) transformFinal.call(this);
  }

  class PassThrough extends Transform {
    _transform(chunk, encoding, cb) { cb(null, chunk); }
  }

  // ---- finished (end-of-stream) and pipeline

  function isStreamLike(s) { return !!s && typeof s.on === 'function' && (typeof s.pipe === 'function' || typeof s.write === 'function'); }
  function isReadableLike(s) { return isStreamLike(s) && typeof s.pipe === 'function' && (!s._writableState || !s._readableState || s._readableState.readable !== false); }
  function isWritableLike(s) { return isStreamLike(s) && typeof s.write === 'function' && (!s._readableState || !s._writableState || s._writableState.writable !== false); }

  // Node's eos over what every stream here and a conn expose: readableEnded, writableFinished, destroyed, errored
  function finished(stream, options, callback) {
    if (typeof options === 'function') { callback = options; options = {}; }
    else if (options === null || options === undefined) options = {};
    if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
    if (!isStreamLike(stream)) throw invalidArgType('stream', 'an instance of ReadableStream, WritableStream, or Stream', stream);
    var called = false;
    function done(err) {
      if (called) return;
      called = true;
      callback.call(stream, err);
    }
    var readable = options.readable !== undefined ? options.readable : isReadableLike(stream);
    var writable = options.writable !== undefined ? options.writable : isWritableLike(stream);
    var willEmitClose = readable === isReadableLike(stream) && writable === isWritableLike(stream) && !stream.closed;
    var writableFinished = !!stream.writableFinished;
    var readableFinished = !!stream.readableEnded;
    function onfinish() {
      writableFinished = true;
      if (stream.destroyed) willEmitClose = false;
      if (willEmitClose && (!stream.readable || readable)) return;
      if (!readable || readableFinished) done();
    }
    function onend() {
      readableFinished = true;
      if (stream.destroyed) willEmitClose = false;
      if (willEmitClose && (!stream.writable || writable)) return;
      if (!writable || writableFinished) done();
    }
    function onerror(err) { done(err); }
    function onclose() {
      var errored = stream.errored;
      if (errored && typeof errored !== 'boolean') { done(errored); return; }
      if (readable && !readableFinished && !stream.readableEnded) { done(errPrematureClose()); return; }
      if (writable && !writableFinished && !stream.writableFinished) { done(errPrematureClose()); return; }
      done();
    }
    stream.on('end', onend);
    stream.on('finish', onfinish);
    if (options.error !== false) stream.on('error', onerror);
    stream.on('close', onclose);
    if (stream.closed) {
      nextTick(onclose);
    } else if (!readable && (writableFinished || stream.writable === false) && !willEmitClose) {
      nextTick(onclose);
    } else if (!writable && (readableFinished || stream.readable === false) && !willEmitClose) {
      nextTick(onclose);
    }
    function cleanup() {
      called = true;
      stream.removeListener('end', onend);
      stream.removeListener('finish', onfinish);
      stream.removeListener('error', onerror);
      stream.removeListener('close', onclose);
    }
    if (options.signal) {
      var signal = options.signal;
      var abort = function () { var e = abortError(signal); cleanup(); callback.call(stream, e); };
      if (signal.aborted) nextTick(abort);
      else {
        signal.addEventListener('abort', abort, { once: true });
        var inner = callback;
        callback = function () { signal.removeEventListener('abort', abort); return inner.apply(this, arguments); };
      }
    }
    return cleanup;
  }

  function destroyer(stream, reading, writing) {
    var over = false;
    stream.on('close', function () { over = true; });
    finished(stream, { readable: reading, writable: writing }, function (err) { over = !err; });
    return function (err) {
      if (over) return;
      over = true;
      if (typeof stream.destroy === 'function') stream.destroy(err || errDestroyed('pipe'));
      else if (typeof stream.close === 'function') stream.close();
    };
  }

  function isIterable(obj) {
    return !!obj && (typeof obj[Symbol.iterator] === 'function'
      || (typeof Symbol.asyncIterator === 'symbol' && typeof obj[Symbol.asyncIterator] === 'function'));
  }

  function pipeline() {
    var streams = Array.prototype.slice.call(arguments);
    var callback = streams.pop();
    if (typeof callback !== 'function') throw invalidArgType('streams[stream.length - 1]', 'of type function', callback);
    var once = false;
    return pipelineImpl(streams, function (err, value) { if (!once) { once = true; callback(err, value); } });
  }

  function pipelineImpl(streams, callback, opts) {
    if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0];
    if (streams.length < 2) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "streams" argument must be specified');
    var outerSignal = opts && opts.signal;
    var error, value, destroys = [], finishCount = 0;
    function abort() { finishImpl(abortError(outerSignal), false); }
    if (outerSignal) outerSignal.addEventListener('abort', abort);
    function finish(err) { finishImpl(err, --finishCount === 0); }
    function finishImpl(err, final) {
      if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) error = err;
      if (!error && !final) return;
      while (destroys.length) destroys.shift()(error);
      if (outerSignal) outerSignal.removeEventListener('abort', abort);
      if (final) nextTick(callback, error, value);
    }
    var ret;
    for (var i = 0; i < streams.length; i++) {
      var stream = streams[i];
      var reading = i < streams.length - 1;
      var writing = i > 0;
      var end = reading || !opts || opts.end !== false;
      if (isStreamLike(stream)) {
        if (end) destroys.push(destroyer(stream, reading, writing));
        stream.on('error', function (err) {
          if (err && err.name !== 'AbortError' && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') finish(err);
        });
      }
      if (i === 0) {
        if (typeof stream === 'function') {
          ret = stream({ signal: outerSignal });
          if (!isIterable(ret)) throw nodeError(TypeError, 'ERR_INVALID_RETURN_VALUE', 'Expected Iterable, AsyncIterable or Stream to be returned from the "source" function.');
        } else if (isIterable(stream) || isReadableLike(stream)) {
          ret = stream;
        } else {
          throw invalidArgType('source', 'an instance of Stream, Iterable, or AsyncIterable', stream);
        }
      } else if (typeof stream === 'function') {
        ret = stream(isIterable(ret) ? ret : readableFrom(ret), { signal: outerSignal });
        if (reading) {
          if (!isIterable(ret)) throw nodeError(TypeError, 'ERR_INVALID_RETURN_VALUE', 'Expected AsyncIterable to be returned from the "transform[' + (i - 1) + ']" function.');
        } else {
          var pt = new PassThrough({ objectMode: true });
          if (ret && typeof ret.then === 'function') {
            finishCount++;
            ret.then(function (val) { value = val; pt.write(val); if (end) pt.end(); nextTick(finish); },
              function (err) { pt.destroy(err); nextTick(finish, err); });
          } else if (isIterable(ret)) {
            finishCount++;
            pump(ret, pt, finish, end);
          } else {
            throw nodeError(TypeError, 'ERR_INVALID_RETURN_VALUE', 'Expected AsyncIterable or Promise to be returned from the "destination" function.');
          }
          ret = pt;
          destroys.push(destroyer(ret, false, true));
        }
      } else if (isStreamLike(stream)) {
        if (isReadableLike(ret)) {
          finishCount += 2;
          pipeTo(ret, stream, finish, end);
        } else if (isIterable(ret)) {
          finishCount++;
          pump(ret, stream, finish, end);
        } else {
          throw invalidArgType('val', 'an instance of Readable, Iterable, or AsyncIterable', ret);
        }
        ret = stream;
      } else {
        throw invalidArgType('streams[' + i + ']', 'an instance of Stream', stream);
      }
    }
    if (outerSignal && outerSignal.aborted) nextTick(abort);
    return ret;
  }

  function pipeTo(src, dst, finish, end) {
    src.pipe(dst, { end: end });
    if (end) src.once('end', function () { dst.end(); });
    else finish();
    finished(src, { readable: true, writable: false }, function (err) {
      var r = src._readableState;
      if (err && err.code === 'ERR_STREAM_PREMATURE_CLOSE' && r && r.ended && !r.errored && !r.errorEmitted) {
        src.once('end', finish).once('error', finish);
      } else {
        finish(err);
      }
    });
    finished(dst, { readable: false, writable: true }, finish);
  }

  // writes an iterable (sync or async) into a writable, waiting for 'drain'
  function pump(iterable, writable, finish, end) {
    var iterator = typeof Symbol.asyncIterator === 'symbol' && typeof iterable[Symbol.asyncIterator] === 'function'
      ? iterable[Symbol.asyncIterator]() : iterable[Symbol.iterator]();
    var failed = null, resume = null;
    function wake(err) { if (err) failed = err; if (resume) { var r = resume; resume = null; r(); } }
    writable.on('drain', wake);
    var cleanup = finished(writable, { readable: false }, wake);
    function wait() { return new Promise(function (resolve, reject) { if (failed) reject(failed); else resume = function () { if (failed) reject(failed); else resolve(); }; }); }
    function done(err) { cleanup(); writable.removeListener('drain', wake); finish(err); }
    function loop() {
      return Promise.resolve(iterator.next()).then(function (r) {
        if (r.done) {
          if (end) writable.end();
          return wait().then(function () { done(); });
        }
        return Promise.resolve(r.value).then(function (chunk) {
          return writable.write(chunk) ? loop() : wait().then(loop);
        });
      });
    }
    (writable.writableNeedDrain ? wait().then(loop) : loop()).then(undefined, function (err) { done(failed && failed !== err ? failed : err); });
  }

  function addAbortSignalTo(signal, stream) {
    if (!signal || typeof signal.aborted !== 'boolean') throw invalidArgType('signal', 'an instance of AbortSignal', signal);
    function onAbort() { stream.destroy(abortError(signal)); }
    if (signal.aborted) onAbort();
    else {
      signal.addEventListener('abort', onAbort);
      finished(stream, function () { signal.removeEventListener('abort', onAbort); });
    }
    return stream;
  }

  var streamPromises = Object.freeze({
    pipeline: function () {
      var streams = Array.prototype.slice.call(arguments);
      var last = streams[streams.length - 1];
      var opts;
      if (last && typeof last === 'object' && !isStreamLike(last) && !isIterable(last)) opts = streams.pop();
      return new Promise(function (resolve, reject) {
        pipelineImpl(streams, function (err, value) { if (err) reject(err); else resolve(value); }, opts);
      });
    },
    finished: function (stream, opts) {
      return new Promise(function (resolve, reject) {
        finished(stream, opts, function (err) { if (err) reject(err); else resolve(); });
      });
    }
  });

  Stream.Stream = Stream;
  Stream.Readable = Readable;
  Stream.Writable = Writable;
  Stream.Duplex = Duplex;
  Stream.Transform = Transform;
  Stream.PassThrough = PassThrough;
  Stream.pipeline = pipeline;
  Stream.finished = finished;
  Stream.addAbortSignal = addAbortSignalTo;
  Stream.promises = streamPromises;
  Stream.isReadable = function (s) { return isReadableLike(s) ? !!s.readable && !s.destroyed : null; };
  Stream.isWritable = function (s) { return s && s._writableState ? !!s.writable && !s.destroyed : (s && typeof s.write === 'function' && !s._readableState ? !!s.writable : null); };
  Stream.isDestroyed = function (s) { return isStreamLike(s) ? !!s.destroyed : null; };
  Stream.isDisturbed = function (s) { return !!(s && s._readableState && (s._readableState.dataEmitted || s._readableState.endEmitted || s._readableState.errored)); };
  Stream.destroy = function (s, err) { if (s && typeof s.destroy === 'function') s.destroy(err); };
  Stream.getDefaultHighWaterMark = function (objectMode) { return objectMode ? defaultObjectHighWaterMark : defaultHighWaterMark; };
  Stream.setDefaultHighWaterMark = function (objectMode, value) {
    validateInteger(value, 'value', 0);
    if (objectMode) defaultObjectHighWaterMark = value; else defaultHighWaterMark = value;
  };
  Stream.isErrored = function (s) { return !!(s && s.errored); };
  Object.defineProperty(pipeline, Symbol.for('nodejs.util.promisify.custom'), { value: streamPromises.pipeline });
  Object.defineProperty(finished, Symbol.for('nodejs.util.promisify.custom'), { value: streamPromises.finished });

  // ---------------------------------------------------------------- conn: a net.Socket look-alike

  // What a handler may know of a TLS connection the broker terminated, spelled as Node's tls.TLSSocket: encrypted,
  // alpnProtocol and servername (false when absent), authorized, getPeerCertificate() ({} without a client
  // certificate), getProtocol(), getCipher(). Copied into plain objects, so they stringify and compare as Node's.
  function tlsPlain(v) {
    if (v === null || v === undefined || typeof v !== 'object') return v;
    if (v instanceof Uint8Array) return Buffer.from(v);
    if (Array.isArray(v) || typeof v.length === 'number') {
      var a = [];
      for (var i = 0; i < v.length; i++) a.push(tlsPlain(v[i]));
      return a;
    }
    var o = {};
    Object.keys(v).forEach(function (k) { o[k] = tlsPlain(v[k]); });
    return o;
  }
  function tlsNames(pairs) {
    var o = {};
    pairs.forEach(function (p) { o[p[0]] = p[1]; });
    return o;
  }
  // Node's order of getPeerCertificate()'s properties, for the subset the broker gives (docs/handlers.md)
  var TLS_CERT_KEYS = ['subjectaltname', 'ca', 'valid_from', 'valid_to', 'fingerprint', 'fingerprint256',
    'fingerprint512', 'serialNumber', 'raw'];
  function tlsCertificate(c) {
    if (!c || c.subject === undefined) return {};
    var out = { subject: tlsNames(c.subject), issuer: tlsNames(c.issuer) };
    TLS_CERT_KEYS.forEach(function (k) { if (c[k] !== undefined) out[k] = c[k]; });
    return out;
  }
  function tlsSocket(socket, nativeTls) {
    var tls = tlsPlain(nativeTls);
    socket.encrypted = true;
    socket.alpnProtocol = tls.alpnProtocol;
    socket.servername = tls.servername;
    socket.authorized = tls.authorized;
    socket.getPeerCertificate = function () { return tlsCertificate(tlsPlain(nativeTls.peerCertificate)); };
    socket.getProtocol = function () { return tls.protocol; };
    socket.getCipher = function () {
      return { name: tls.cipher.name, standardName: tls.cipher.standardName, version: tls.cipher.version };
    };
  }

  // The native side of one connection, accepted or outbound: its id in front of the context's one set of connection
  // operations, under the method names of dev.porthoster.api.Conn (init fills the prototype; every Conn method, so
  // tls(), localAddress(), setKeepAlive... as ConnOperations finds them). Per connection, one small object.
  function NativeConn(id) { this._id = id; }

  class Socket extends EventEmitter {
    // encrypted: whether the broker terminated TLS, when the caller knows (accept); else asked of nativeConn
    constructor(nativeConn, encrypted) {
      super();
      // an accepted connection's native conn, or (new net.Socket([options]), net.connect) a stand-in until connected
      var outbound = !nativeConn || typeof nativeConn.remoteAddress !== 'function';
      this.connecting = false;
      this.pending = outbound;
      this.allowHalfOpen = outbound && !!(nativeConn && nativeConn.allowHalfOpen);
      if (outbound) nativeConn = new PendingConn(this);
      this._n = nativeConn;
      this._peername = null; // read from _n when first asked (Node's _getpeername), see below
      this._sockname = null;
      var tls = encrypted === false ? null : nativeConn.tls();
      if (tls) tlsSocket(this, tls); // the broker terminated TLS: Node's tls.TLSSocket properties, plaintext data
      this.bytesRead = 0;
      this.bytesWritten = 0;
      this.destroyed = false;
      this.writable = true;
      this.readable = true;
      this.writableEnded = false;
      this.writableFinished = false;
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
      this._timeoutMs = ms;
      this._idleMs = ms | 0;
      if (cb) { if (this._idleMs > 0) this.once('timeout', cb); else this.removeListener('timeout', cb); }
      this._touch();
      return this;
    }
    ref() { return this; }
    unref() { return this; }
    // As Node's net.Socket: the peer's address is read once and kept, so it stays known after close if it was
    // asked for while the connection was open; the local one is only known while the connection is open.
    // An outbound socket knows neither until it is connected (its _n is the PendingConn stand-in until then).
    _getpeername() {
      if (this._peername === null) {
        if (this.destroyed) return {};
        if (this._n instanceof PendingConn) return this._n.remoteAddress();
        this._peername = this._n.remoteAddress();
      }
      return this._peername;
    }
    _getsockname() {
      if (this.destroyed) return {};
      if (this._n instanceof PendingConn) return this._n.localAddress();
      if (this._sockname === null) this._sockname = this._n.localAddress();
      return this._sockname;
    }
    get remoteAddress() { return this._getpeername().address; }
    get remoteFamily() { return this._getpeername().family; }
    get remotePort() { return this._getpeername().port; }
    get localAddress() { return this._getsockname().address; }
    get localFamily() { return this._getsockname().family; }
    get localPort() { return this._getsockname().port; }
    address() {
      var a = this._getsockname();
      return a.address === undefined ? {} : { address: a.address, family: a.family, port: a.port };
    }
    // Node: no handle yet (an outbound socket before connect()), connecting, or destroyed
    get pending() { return this.destroyed || this.connecting || !!this._pendingFlag; }
    set pending(value) { this._pendingFlag = !!value; }
    get readyState() {
      if (this.connecting) return 'opening';
      if (this.readable && this.writable) return 'open';
      if (this.readable && !this.writable) return 'readOnly';
      if (!this.readable && this.writable) return 'writeOnly';
      return 'closed';
    }
    // bytes written and not yet handed to the operating system: corked writes, and what the transport still
    // queues (which counts its own bookkeeping of ~96 bytes a queued write; 0 once the kernel took it all, as Node)
    get writableLength() {
      if (this.destroyed) return 0;
      var corked = 0;
      for (var i = 0; i < this._corkedChunks.length; i++) corked += this._corkedChunks[i].length;
      return corked + this._n.unsentBytes();
    }
    get bufferSize() { return this.destroyed ? undefined : this.writableLength; }
    get timeout() { return this._timeoutMs; }
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
        queueMicrotask(function () { self.writableFinished = true; self.emit('finish'); });
      }
      return this;
    }
    // As Node's: destroy(err) reports err as 'error', then 'close' with hadError true
    destroy(err) {
      if (this.destroyed) return this;
      this.destroyed = true;
      this.writable = false;
      this.readable = false;
      if (err) { this._error = err; this._errorToEmit = err; }
      this._n.destroy();
      return this;
    }
    get errored() { return this._error === undefined ? null : this._error; }
    get closed() { return this._closed; }
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
      // unless allowHalfOpen (an outbound socket's option), answer the peer's FIN with ours, as a default net.Server
      // does, on the next tick as Node does, so what the 'end' listeners set going (a pipe's last transform, say)
      // still gets written first
      var self = this;
      nextTick(function () { if (!self.writableEnded && !self.destroyed && !self.allowHalfOpen) self.end(); });
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
      if (this._errorToEmit) {
        var err = this._errorToEmit;
        this._errorToEmit = null;
        if (this.listenerCount('error') > 0) this.emit('error', err);
        else console.error('uncaught error of a destroyed connection:\n' + describeError(err));
      }
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
        else if (failure) { waiting = null; socket.destroy(); w.reject(failure); }
        // as Node's stream iterator: once the loop has read everything, the connection is destroyed
        else if (ended) { waiting = null; socket.destroy(); w.resolve({ value: undefined, done: true }); }
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

  // ---------------------------------------------------------------- outbound: net.connect, ctx.udp
  //
  // A handler opens TCP connections (net.connect, the same Socket as conn) and sends datagrams (ctx.udp) only to its
  // manifest's "connect" destinations: the host checks each one before anything is sent and answers a refusal as an
  // error with code ERR_ACCESS_DENIED, emitted as Node emits a failed lookup, after the call returned. A destination is
  // an IP address ('localhost' means 127.0.0.1); host names are refused, never looked up.

  // Node's errno values on Linux, for errors of the connect system call
  var CONNECT_ERRNO = { ECONNREFUSED: -111, ECONNRESET: -104, ETIMEDOUT: -110, EHOSTUNREACH: -113, ENETUNREACH: -101,
    EADDRNOTAVAIL: -99, EAFNOSUPPORT: -97, EACCES: -13, EPERM: -1 };
  // Node's writable high-water mark: a write while connecting returns false past it
  var SOCKET_HIGH_WATER_MARK = 16384;

  function connectError(code, message, address, port) {
    var err = new Error(message);
    err.code = code;
    if (CONNECT_ERRNO[code] !== undefined) {
      err.errno = CONNECT_ERRNO[code];
      err.syscall = 'connect';
      err.address = address;
      err.port = port;
    }
    return err;
  }

  function missingConnectArgs() {
    return nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "options" or "port" or "path" argument must be specified');
  }

  function badPort(port, allowZero) {
    return nodeError(RangeError, 'ERR_SOCKET_BAD_PORT', 'Port should be ' + (allowZero ? '>=' : '>')
      + ' 0 and < 65536. Received ' + received(port) + '.');
  }

  // Node's validatePort: a number or numeric string from 0 (or 1) to 65535
  function validPort(port, allowZero) {
    if ((typeof port !== 'number' && typeof port !== 'string') || (typeof port === 'string' && port.trim().length === 0)
        || +port !== (+port >>> 0) || port > 0xFFFF || (+port === 0 && !allowZero)) {
      throw badPort(port, allowZero);
    }
    return port | 0;
  }

  // Node's normalizeArgs for net.connect: (options[, cb]), (port[, host][, cb]) or (path[, cb])
  function connectArgs(args) {
    if (args.length === 0) return [{}, null];
    var first = args[0], options = {};
    if (typeof first === 'object' && first !== null) options = first;
    else if (typeof first === 'string' && !(Number(first) >= 0)) options.path = first;  // Node's isPipeName
    else {
      options.port = first;
      if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
    }
    var cb = args[args.length - 1];
    return [options, typeof cb === 'function' ? cb : null];
  }

  // What a socket holds while its connection is being made: the native conn's operations, remembering what the
  // handler did to replay it once connected. Writes queue, as Node's stream buffers them until 'connect'.
  class PendingConn {
    constructor(socket) {
      this._socket = socket;
      this._chunks = [];
      this._queued = 0;
      this._ended = false;
      this._reading = true;
      this._calls = [];
      this._cancel = null;
      this._gone = false;
    }
    remoteAddress() { return { address: undefined, family: undefined, port: undefined }; }
    localAddress() { return { address: undefined, family: undefined, port: undefined }; }
    localPort() { return undefined; }
    tls() { return null; } // outbound connections are plain TCP
    write(bytes) { this._chunks.push(bytes); this._queued += bytes.length; return this._queued < SOCKET_HIGH_WATER_MARK; }
    isWritable() { return this._queued < SOCKET_HIGH_WATER_MARK; }
    unsentBytes() { return this._queued; }
    end() { this._ended = true; }
    setReading(reading) { this._reading = reading; }
    setNoDelay(noDelay) { this._calls.push(['setNoDelay', [noDelay]]); }
    setKeepAlive(enable, delay) { this._calls.push(['setKeepAlive', [enable, delay]]); }
    destroy() { this._abandon(); }
    reset() { this._abandon(); }
    // destroyed before the connection was made: the attempt is cancelled, 'close' follows as in Node
    _abandon() {
      if (this._gone) return;
      this._gone = true;
      if (this._cancel) this._cancel();
      var socket = this._socket;
      socket.connecting = false;
      queueMicrotask(function () { socket._onClose(socket._error !== undefined); });
    }
    // the connection is made: what the handler did meanwhile, in order
    _replay(nativeConn) {
      var socket = this._socket;
      this._calls.forEach(function (c) { nativeConn[c[0]].apply(nativeConn, c[1]); });
      if (!this._reading) nativeConn.setReading(false);
      this._chunks.forEach(function (chunk) { if (!nativeConn.write(chunk)) socket.writableNeedDrain = true; });
      this._chunks = [];
      if (this._ended) nativeConn.end();
    }
  }

  Socket.prototype.connect = function () {
    var args = connectArgs(arguments);
    var options = args[0], cb = args[1];
    if (!(this._n instanceof PendingConn) || this.connecting || this.destroyed) {
      throw nodeError(Error, 'ERR_SOCKET_CONNECTING', 'Socket is already connecting or connected');
    }
    if (options.path !== undefined && options.path !== null) {
      this.connecting = true;
      var path = String(options.path);
      if (cb) this.once('connect', cb);
      var self0 = this;
      queueMicrotask(function () {
        self0._connectFailed(connectError('ERR_ACCESS_DENIED', 'connect ' + path + ' refused: a handler connects over '
          + 'TCP only, to the IP addresses its manifest\'s "connect" list names, not to socket paths'));
      });
      return this;
    }
    if (options.port === undefined || options.port === null) throw missingConnectArgs();
    if (typeof options.port !== 'number' && typeof options.port !== 'string') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "options.port" property must be one of type number or '
        + 'string. Received ' + received(options.port));
    }
    var port = validPort(options.port, true);
    var address = options.host === undefined || options.host === null ? 'localhost' : options.host;
    if (typeof address !== 'string') throw invalidArgType('hostname', 'of type string', address);
    if (address === 'localhost') address = '127.0.0.1';
    if (cb) this.once('connect', cb);
    if (options.noDelay) this.setNoDelay(true);
    if (options.keepAlive) this.setKeepAlive(true, options.keepAliveInitialDelay);
    if (options.signal) {
      var signal = options.signal, socket = this;
      if (signal.aborted) { queueMicrotask(function () { socket.destroy(abortError(signal)); }); }
      else signal.addEventListener('abort', function () { socket.destroy(abortError(signal)); }, { once: true });
    }
    this.connecting = true;
    var self = this, pending = this._n;
    pending._cancel = host.connect(address, port,
      function (id) { return self._connected(new NativeConn(id)); },
      function (code, message) { self._connectFailed(connectError(code, message, address, port)); });
    return this;
  };

  Socket.prototype._connected = function (nativeConn) {
    var pending = this._n;
    this._n = nativeConn;
    this._peername = null; // now known: read from the connection when first asked
    this._sockname = null;
    this.connecting = false;
    this.pending = false;
    pending._replay(nativeConn);
    try {
      this.emit('connect');
      this.emit('ready');
      // a write made while connecting returned false: 'drain' once it is out
      if (this.writableNeedDrain && nativeConn.isWritable()) { this.writableNeedDrain = false; this.emit('drain'); }
    } catch (e) {
      failConnection(this, "a 'connect' listener", e);
    }
    return this; // the engine sends its events to runtime.connData(this, ...) and the rest, as an accepted one's
  };

  // Node's order for a connection that could not be made: 'error', then 'close' with hadError
  Socket.prototype._connectFailed = function (err) {
    if (this._n._gone) return;
    this._n._gone = true;
    this.connecting = false;
    this._error = err;
    try {
      this.emit('error', err);
    } catch (e) {
      console.error('uncaught error: ' + describeError(e));
    }
    this._onClose(true);
  };

  function createConnection() {
    var args = connectArgs(arguments);
    var options = args[0];
    var socket = new Socket(options);
    if (options.timeout) socket.setTimeout(options.timeout);
    return socket.connect(options, args[1]);
  }

  function noServers() {
    throw nodeError(Error, 'ERR_ACCESS_DENIED', 'a handler does not listen: the broker owns the port its file name '
      + 'declares and hands it each connection; export handle(conn, ctx) instead of calling net.createServer');
  }

  var netModule = Object.freeze({
    connect: createConnection, createConnection: createConnection, Socket: Socket, Stream: Socket,
    createServer: noServers, Server: noServers,
    isIP: isIP, isIPv4: isIPv4, isIPv6: isIPv6
  });

  // ctx.udp: a small dgram socket (Node's Socket of dgram.createSocket) whose datagrams go only to the manifest's
  // connect destinations, from an ephemeral port bound on first use; 'message' brings what they send back.
  class UdpSocket extends EventEmitter {
    constructor() {
      super();
      this._native = null;
      this._closed = false;
    }
    _open() {
      if (this._native === null) {
        var self = this;
        this._native = host.udp(function (bytes, address, family, port) {
          var msg = new Buffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          self.emit('message', msg, { address: address, family: family, port: port, size: msg.length });
        });
      }
      return this._native;
    }
    // send(msg[, offset, length][, port][, address][, callback]) as Node's, for an unconnected socket
    send(buffer, offset, length, port, address, callback) {
      if (this._closed) throw nodeError(Error, 'ERR_SOCKET_DGRAM_NOT_RUNNING', 'Not running');
      if (address || (port && typeof port !== 'function')) {
        // Node's sliceBuffer
        if (typeof buffer === 'string') buffer = Buffer.from(buffer);
        if (ArrayBuffer.isView(buffer)) {
          offset = offset >>> 0;
          length = length >>> 0;
          if (offset > buffer.byteLength) throw outOfBounds('offset');
          if (offset + length > buffer.byteLength) throw outOfBounds('length');
          buffer = Buffer.from(buffer.buffer, buffer.byteOffset + offset, length);
        }
      } else {
        callback = port;
        port = offset;
        address = length;
      }
      var list = Array.isArray(buffer) ? buffer : [buffer];
      var chunks = list.map(function (b) {
        if (typeof b === 'string') return Buffer.from(b);
        if (ArrayBuffer.isView(b)) return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "buffer" argument must be of type string or an '
          + 'instance of Buffer, TypedArray, or DataView. Received ' + received(buffer));
      });
      port = validPort(port, false);
      if (typeof callback !== 'function') callback = undefined;
      if (typeof address === 'function') { callback = address; address = undefined; }
      else if (address !== undefined && address !== null && typeof address !== 'string') {
        throw invalidArgType('address', 'of type string', address);
      }
      if (address === undefined || address === null || address === 'localhost') address = '127.0.0.1';
      var payload = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      var refused = this._open().send(payload, address, port);
      var self = this;
      queueMicrotask(function () {
        if (refused) {
          var err = connectError(String(refused[0]), String(refused[1]), address, port);
          if (callback) callback(err); else self.emit('error', err);
        } else if (callback) {
          callback(null, payload.length);
        }
      });
    }
    close(callback) {
      if (this._closed) throw nodeError(Error, 'ERR_SOCKET_DGRAM_NOT_RUNNING', 'Not running');
      this._closed = true;
      if (typeof callback === 'function') this.once('close', callback);
      if (this._native !== null) this._native.close();
      var self = this;
      queueMicrotask(function () { self.emit('close'); });
      return this;
    }
    ref() { return this; }
    unref() { return this; }
  }

  // conn instanceof stream.Duplex (and Readable, Writable, Stream) is true, as for Node's net.Socket; a Duplex is
  // also an instance of Writable, as in Node
  [Stream, Readable, Writable, Duplex].forEach(function (C) {
    Object.defineProperty(C, Symbol.hasInstance, {
      value: function (obj) {
        if (Function.prototype[Symbol.hasInstance].call(this, obj)) return true;
        if (this === Writable && obj && obj._writableState instanceof WritableState) return true;
        return (this === Stream || this === Readable || this === Writable || this === Duplex) && obj instanceof Socket;
      }
    });
  });

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

  // as node-runner.mjs does, and Node's net.Server would if its process survived: the connection is destroyed
  // without an 'error' of its own (the handler's listeners already saw the throw happen)
  function failConnection(socket, what, err) {
    console.error(what + ' failed for ' + socket.remoteAddress + ':' + socket.remotePort + ', closing the connection:\n' + describeError(err));
    socket.destroy();
  }

  var runtime = {
    // every callback from the engine: fn(args...), then the ticks it queued, before any promise job
    invoke: function (fn) {
      tickDepth++;
      try {
        var result = fn.apply(undefined, Array.prototype.slice.call(arguments, 1));
        runTicks();
        return result;
      } finally {
        tickDepth--;
      }
    },
    // after the promise jobs, when one of them queued a tick
    runTicks: function () {
      ticksRequested = false;
      tickDepth++;
      try { runTicks(); } finally { tickDepth--; }
    },
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
        instance: info.instance,
        shared: makeShared(controller.signal),
        signal: controller.signal,
        log: ctxLog,
        udp: new UdpSocket()
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
    accept: function (id, encrypted) {
      var socket = new Socket(new NativeConn(id), !!encrypted);
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
    // a connection's events, accepted or outbound (each through invoke, so ticks run before promise jobs): a
    // listener's throw closes that connection only
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
      crypto: webcrypto,
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
      buffer: Object.freeze({ Buffer: Buffer, atob: atob, btoa: btoa, kMaxLength: K_MAX_LENGTH, kStringMaxLength: 536870888,
        INSPECT_MAX_BYTES: 50, constants: Object.freeze({ MAX_LENGTH: K_MAX_LENGTH, MAX_STRING_LENGTH: 536870888 }),
        isUtf8: function (input) { return utf8Check(bytesOfInput(input), false) >= 0; },
        isAscii: function (input) { var b = bytesOfInput(input); for (var i = 0; i < b.length; i++) if (b[i] > 0x7f) return false; return true; } }),
      util: util,
      url: Object.freeze({ URL: URL, URLSearchParams: URLSearchParams }),
      crypto: cryptoModule,
      stream: Stream,
      'stream/promises': streamPromises,
      assert: assertModule,
      'assert/strict': assertModule.strict,
      net: netModule
    })
  });
  return runtime;
})
