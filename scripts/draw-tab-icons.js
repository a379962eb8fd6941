// Draws the tabBar icons as 81×81 PNGs and the empty-state picture (grey and green, each shape from a few geometric rules,
// 4×4 supersampled) with a minimal PNG encoder: no image library, no downloads.
//   node scripts/draw-tab-icons.js   -> client/src/assets/tab/<name>[-on].png
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const OUT = path.resolve(__dirname, '../client/src/assets/tab');
const rect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const frame = (x, y, x0, y0, x1, y1, t) => rect(x, y, x0, y0, x1, y1) && !rect(x, y, x0 + t, y0 + t, x1 - t, y1 - t);

// Each icon: is the point (x, y) in 0..1 inside the shape?
const ICONS = {
  home: (x, y) =>
    (y >= 0.14 && y <= 0.5 && Math.abs(x - 0.5) <= (y - 0.14) * 1.15) ||
    (rect(x, y, 0.24, 0.46, 0.76, 0.86) && !rect(x, y, 0.42, 0.62, 0.58, 0.86)),
  orders: (x, y) =>
    frame(x, y, 0.22, 0.12, 0.78, 0.88, 0.07) ||
    [0.34, 0.5, 0.66].some((ly) => rect(x, y, 0.34, ly - 0.03, 0.66, ly + 0.03)),
  wallet: (x, y) =>
    frame(x, y, 0.14, 0.26, 0.86, 0.8, 0.07) || rect(x, y, 0.2, 0.16, 0.72, 0.23) || rect(x, y, 0.58, 0.45, 0.86, 0.61),
  mine: (x, y) =>
    (x - 0.5) ** 2 + (y - 0.33) ** 2 <= 0.17 ** 2 ||
    (y <= 0.86 && ((x - 0.5) / 0.33) ** 2 + ((y - 0.9) / 0.32) ** 2 <= 1),
};
const COLORS = { '': [0x99, 0x99, 0x99], '-on': [0x1a, 0x7f, 0x37] };

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(inside, [r, g, b], SIZE = 81) {
  const rows = [];
  const S = 4;
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter 0, then RGBA
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) if (inside((px + (sx + 0.5) / S) / SIZE, (py + (sy + 0.5) / S) / SIZE)) hits++;
      row.set([r, g, b, Math.round((255 * hits) / (S * S))], 1 + px * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// The empty-state picture (NutUI's Empty would load its default from a remote server): an open box.
const emptyBox = (x, y) =>
  (y >= 0.45 && y <= 0.85 && Math.abs(x - 0.5) <= 0.32 && !(y >= 0.5 && y <= 0.8 && Math.abs(x - 0.5) <= 0.27)) ||
  (y >= 0.3 && y < 0.45 && Math.abs(x - 0.5) <= 0.32 + (0.45 - y) * 0.8 && Math.abs(x - 0.5) >= 0.28 - (0.45 - y)) ||
  (x - 0.5) ** 2 + (y - 0.2) ** 2 <= 0.045 ** 2;

fs.mkdirSync(OUT, { recursive: true });
for (const [name, inside] of Object.entries(ICONS))
  for (const [suffix, color] of Object.entries(COLORS))
    fs.writeFileSync(path.join(OUT, `${name}${suffix}.png`), png(inside, color));
fs.writeFileSync(path.join(OUT, '../empty.png'), png(emptyBox, [0xb8, 0xc9, 0xbd], 160));
console.log(`${Object.keys(ICONS).length * 2} icons and empty.png -> ${path.relative(process.cwd(), OUT)}`);
