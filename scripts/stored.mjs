// The app's stored document as plain JSON text, in Node: the app keeps it packed in
// localStorage (crates/domain/src/format/stored.rs: zlib, 15 bits a character from U+0020);
// an older plain one is returned as it is.
import { inflateSync } from 'node:zlib';

export function unpackStored(text) {
  if (text == null) return text;
  const env = JSON.parse(text);
  if (!('packed' in env)) return text;
  const bytes = Buffer.alloc(env.packed_bytes);
  let acc = 0, bits = 0, n = 0;
  for (const ch of env.packed) {
    acc = (acc << 15) | (ch.codePointAt(0) - 0x20);
    bits += 15;
    while (bits >= 8 && n < bytes.length) { bits -= 8; bytes[n++] = (acc >> bits) & 0xff; acc &= (1 << bits) - 1; }
  }
  return inflateSync(bytes).toString('utf8');
}
