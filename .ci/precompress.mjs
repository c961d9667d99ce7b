// Stores Brotli (quality 11) and gzip (level 9) copies beside every build file in
// the site's package directory, so the server sends them without compressing per
// request, and prints raw / gzip / brotli sizes: per file, and what a page loads.
//
// Usage: node .ci/precompress.mjs <site>/<pkg-dir>
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node .ci/precompress.mjs <pkg-dir>');
  process.exit(2);
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const files = readdirSync(dir).filter((f) => /\.(js|wasm|css)$/.test(f) && statSync(join(dir, f)).isFile());
const sizes = {};
for (const f of files) {
  const raw = readFileSync(join(dir, f));
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      [constants.BROTLI_PARAM_MODE]: /\.wasm$/.test(f) ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(join(dir, f + '.br'), br);
  writeFileSync(join(dir, f + '.gz'), gz);
  sizes[f] = { raw: raw.length, gz: gz.length, br: br.length };
}
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('file', 40)} ${pad('raw', 12)} ${pad('gzip', 12)} brotli`);
for (const [f, s] of Object.entries(sizes)) console.log(`${pad(f, 40)} ${pad(kib(s.raw), 12)} ${pad(kib(s.gz), 12)} ${kib(s.br)}`);
// Every page loads the same loader (JS) and island bundle (WASM); a lazy island's chunk
// (split_*.wasm) only on the page that shows it.
const script = Object.entries(sizes).filter(([f]) => /\.(js|wasm)$/.test(f) && !f.startsWith('split_'));
const lazy = Object.entries(sizes).filter(([f]) => f.startsWith('split_'));
const sum = (list, k) => list.reduce((a, [, s]) => a + s[k], 0);
console.log(`JS + WASM a page loads: ${kib(sum(script, 'raw'))} raw, ${kib(sum(script, 'gz'))} gzip, ${kib(sum(script, 'br'))} brotli (target: at most 150 KiB brotli)`);
for (const [f, s] of lazy) console.log(`lazy, only where its island is shown: ${f.split('_loader')[0]}: ${kib(s.br)} brotli`);
