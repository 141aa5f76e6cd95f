// An LZMA decoder for the ".lzma" ("LZMA alone") format, written from the
// LZMA specification (Igor Pavlov, lzma-specification.txt in the LZMA SDK).
// It unpacks the Wasm binary that webpack.config.js packs with `xz`.
//
// The output has the size the header gives and is allocated once; it is also
// the dictionary (the whole output stays in memory, so any distance below
// the current position can be served). Every distance and length is checked
// against the output before it is used, so a corrupt stream throws or gives
// wrong bytes but never writes out of bounds, and every step of the main
// loop writes at least one byte or ends it, so decoding always stops.

// The probability model: one Uint16Array, these are the offsets of its parts.
const IS_MATCH = 0; // [state << 4 | posState], 12 states x up to 16 posStates
const IS_REP = 192; // [state] for each of the next four
const IS_REP_G0 = 204;
const IS_REP_G1 = 216;
const IS_REP_G2 = 228;
const IS_REP0_LONG = 240; // [state << 4 | posState]
const POS_SLOT = 432; // 4 bit trees of 6 bits, by length (2, 3, 4, 5+)
const SPEC_POS = 688; // reverse bit trees of the distance slots 4..13 (115)
const ALIGN = 803; // reverse bit tree of the low 4 bits of long distances
const LEN = 819; // length coders: choice, choice2, low[16][8], mid[16][8], high[256]
const REP_LEN = LEN + 514;
const LITERAL = REP_LEN + 514; // 0x300 per literal context

/**
 * Decodes a `.lzma` stream: a properties byte (lc, lp, pb), the dictionary
 * size (32 bits) and the unpacked size (64 bits, little-endian, which must be
 * known), then the range-coded data, optionally ending with an end marker.
 * Throws on anything else, on a stream that is corrupt in a way the decoder
 * can see, and on a size above `maxSize`.
 *
 * @param {Uint8Array} input
 * @param {number} [maxSize] the largest unpacked size to accept
 * @returns {Uint8Array}
 */
export function lzmaDecode(input, maxSize = 0x7fffffff) {
  const fail = (why) => {
    throw new Error(`lzma: ${why}`);
  };
  if (input.length < 18) fail('truncated');
  let props = input[0];
  if (props >= 9 * 5 * 5) fail('bad properties');
  const lc = props % 9;
  props = (props / 9) | 0;
  const lp = props % 5;
  const pb = (props / 5) | 0;
  // As liblzma: at most 4, which bounds the literal model to 0x300 << 4.
  if (lc + lp > 4) fail('lc + lp above 4');
  const u32 = (i) => (input[i] | (input[i + 1] << 8) | (input[i + 2] << 16) | (input[i + 3] << 24)) >>> 0;
  const dictSize = Math.max(u32(1), 4096);
  const size = u32(5);
  if (u32(9) !== 0 || size > maxSize) fail(u32(9) === 0xffffffff && size === 0xffffffff ? 'unknown size' : 'too large');

  const out = new Uint8Array(size);
  const probs = new Uint16Array(LITERAL + (0x300 << (lc + lp))).fill(1024);
  const pbMask = (1 << pb) - 1;
  const lpMask = (1 << lp) - 1;

  // The range decoder. Its range and code are unsigned 32-bit numbers, held
  // as their signed bit patterns in an Int32Array and compared with >>> 0:
  // V8 then keeps to 32-bit integer arithmetic, where closure variables
  // would box every value from 2^31 on (this made decoding 1.5x slower).
  // Bytes past the end of the input read as 0; the main loop checks.
  const rc = new Int32Array([-1, (input[14] << 24) | (input[15] << 16) | (input[16] << 8) | input[17]]);
  let at = 18;
  if (input[13] !== 0 || rc[1] === rc[0]) fail('corrupt');

  /** Decodes one bit with the probability probs[i] and adapts it. */
  const bit = (i) => {
    const p = probs[i];
    let range = rc[0];
    let code = rc[1];
    const bound = Math.imul(range >>> 11, p);
    let b = 0;
    if (code >>> 0 < bound >>> 0) {
      range = bound;
      probs[i] = p + ((2048 - p) >>> 5);
    } else {
      range = (range - bound) | 0;
      code = (code - bound) | 0;
      probs[i] = p - (p >>> 5);
      b = 1;
    }
    if (range >>> 0 < 0x1000000) {
      range <<= 8;
      code = (code << 8) | input[at++];
    }
    rc[0] = range;
    rc[1] = code;
    return b;
  };
  /** A bit tree of n bits at probs[base + 1 ...], most significant bit first. */
  const tree = (base, n) => {
    let m = 1;
    for (let i = 0; i < n; i += 1) m = (m << 1) | bit(base + m);
    return m - (1 << n);
  };
  /** A bit tree read least significant bit first. */
  const reverse = (base, n) => {
    let m = 1;
    let sym = 0;
    for (let i = 0; i < n; i += 1) {
      const b = bit(base + m);
      m = (m << 1) | b;
      sym |= b << i;
    }
    return sym;
  };
  /** A match length minus 2 (0 ... 271). */
  const length = (base, posState) => {
    if (!bit(base)) return tree(base + 2 + (posState << 3), 3);
    if (!bit(base + 1)) return 8 + tree(base + 130 + (posState << 3), 3);
    return 16 + tree(base + 258, 8);
  };
  /**
   * A match distance minus 1 for a length minus 2 of len, as a signed 32-bit
   * number: -1 is the end marker, other distances from 2^31 on are negative.
   */
  const distance = (len) => {
    const slot = tree(POS_SLOT + ((len < 3 ? len : 3) << 6), 6);
    if (slot < 4) return slot;
    const n = (slot >>> 1) - 1;
    const dist = (2 | (slot & 1)) << n;
    if (slot < 14) return dist + reverse(SPEC_POS + dist - slot, n);
    // Direct bits (probability 1/2), then the 4 low bits with a model.
    let direct = 0;
    for (let i = 0; i < n - 4; i += 1) {
      const range = rc[0] >>> 1;
      let code = rc[1] >>> 0;
      let b = 0;
      if (code >= range) {
        code -= range;
        b = 1;
        if (code >= range) fail('corrupt');
      }
      rc[0] = range < 0x1000000 ? range << 8 : range;
      rc[1] = range < 0x1000000 ? (code << 8) | input[at++] : code;
      direct = (direct << 1) | b;
    }
    return (dist + (direct << 4) + reverse(ALIGN, 4)) | 0;
  };

  // The state machine: state < 7 after a literal, the four last distances.
  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;
  let pos = 0;
  for (;;) {
    if (at > input.length) fail('truncated');
    // With the known size reached, the stream ends here or with an end marker.
    if (pos === size && rc[1] === 0) break;
    const posState = pos & pbMask;
    if (!bit(IS_MATCH + (state << 4) + posState)) {
      if (pos === size) fail('data past the end');
      const prev = pos > 0 ? out[pos - 1] : 0;
      const base = LITERAL + 0x300 * (((pos & lpMask) << lc) + (prev >>> (8 - lc)));
      let sym = 1;
      if (state >= 7) {
        // After a match the literal is coded against the byte at rep0.
        let match = out[pos - rep0 - 1];
        while (sym < 0x100) {
          const m = (match >>> 7) & 1;
          match <<= 1;
          const b = bit(base + ((1 + m) << 8) + sym);
          sym = (sym << 1) | b;
          if (m !== b) break;
        }
      }
      while (sym < 0x100) sym = (sym << 1) | bit(base + sym);
      out[pos++] = sym;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len;
    if (bit(IS_REP + state)) {
      // rep0 ... rep3 were checked when decoded (or are the initial 0), so
      // they are below pos once pos > 0.
      if (pos === 0) fail('corrupt');
      if (!bit(IS_REP_G0 + state)) {
        if (!bit(IS_REP0_LONG + (state << 4) + posState)) {
          // A "short rep": one byte from rep0.
          if (pos === size) fail('data past the end');
          state = state < 7 ? 9 : 11;
          out[pos] = out[pos - rep0 - 1];
          pos += 1;
          continue;
        }
      } else {
        let dist;
        if (!bit(IS_REP_G1 + state)) {
          dist = rep1;
        } else {
          if (!bit(IS_REP_G2 + state)) {
            dist = rep2;
          } else {
            dist = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      len = length(REP_LEN, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(LEN, posState);
      state = state < 7 ? 7 : 10;
      rep0 = distance(len);
      if (rep0 === -1) {
        if (pos === size && rc[1] === 0) break;
        fail(pos === size ? 'corrupt' : 'end marker before the end');
      }
      if (rep0 < 0 || rep0 >= pos || rep0 >= dictSize) fail('distance out of range');
    }
    len += 2;
    if (len > size - pos) fail('data past the end');
    for (let from = pos - rep0 - 1, end = pos + len; pos < end; ) out[pos++] = out[from++];
  }
  if (at !== input.length) fail(at > input.length ? 'truncated' : 'data after the stream');
  return out;
}
