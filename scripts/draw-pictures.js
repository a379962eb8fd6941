// Draws the seeded products' pictures as SVG files (no downloads): three per product, the cover
// and two details, into functions/src/local/pictures/products/<productId>/<n>.svg, the folder the
// local stage serves at /pictures/<key>. Run again after changing a drawing: node scripts/draw-pictures.js
const fs = require('fs');
const path = require('path');

const OUT = path.resolve(__dirname, '../functions/src/local/pictures/products');

const rice = (c) => `
  <path d="M120 110 Q200 80 280 110 L300 320 Q200 345 100 320 Z" fill="${c}" stroke="#8a6d3b" stroke-width="6"/>
  <path d="M130 110 Q200 135 270 110" fill="none" stroke="#8a6d3b" stroke-width="6"/>
  <rect x="140" y="180" width="120" height="70" rx="10" fill="#fff" opacity="0.9"/>
  ${[0, 1, 2, 3, 4].map((i) => `<ellipse cx="${155 + i * 22}" cy="215" rx="7" ry="12" fill="#f3e7c9" stroke="#c8a96a" stroke-width="2"/>`).join('')}`;
const tea = (c) => `
  <path d="M120 230 h160 v20 q0 70 -80 70 q-80 0 -80 -70 z" fill="#fff" stroke="${c}" stroke-width="6"/>
  <path d="M280 245 q40 0 40 30 q0 30 -40 30" fill="none" stroke="${c}" stroke-width="6"/>
  <ellipse cx="200" cy="232" rx="78" ry="12" fill="#9bc56b"/>
  <path d="M170 150 q30 -70 70 -60 q-10 60 -70 60 z" fill="#4f8a2b"/>
  <path d="M150 190 q-10 -60 40 -70 q10 55 -40 70 z" fill="#6aa83a"/>
  <path d="M172 150 L238 92" stroke="#2f5d18" stroke-width="3"/>`;
const oil = (c) => `
  <rect x="170" y="70" width="60" height="40" rx="6" fill="#c0392b"/>
  <path d="M175 110 h50 l35 60 v140 q0 20 -20 20 h-80 q-20 0 -20 -20 v-140 z" fill="${c}" stroke="#b8860b" stroke-width="6"/>
  <rect x="150" y="200" width="100" height="70" rx="8" fill="#fff" opacity="0.9"/>
  <circle cx="200" cy="235" r="22" fill="#6aa83a"/>`;
const honey = (c) => `
  <rect x="135" y="90" width="130" height="40" rx="8" fill="#8a5a2b"/>
  <rect x="115" y="130" width="170" height="190" rx="30" fill="${c}" stroke="#b8860b" stroke-width="6"/>
  ${[
    [170, 200],
    [230, 200],
    [200, 250],
    [140, 250],
    [260, 250],
  ]
    .map(
      ([x, y]) =>
        `<polygon points="${[0, 60, 120, 180, 240, 300].map((a) => `${x + 24 * Math.cos((a * Math.PI) / 180)},${y + 24 * Math.sin((a * Math.PI) / 180)}`).join(' ')}" fill="#ffd54f" stroke="#b8860b" stroke-width="3"/>`,
    )
    .join('')}`;
const towel = (c) => `
  ${['#e57373', '#64b5f6', c]
    .map(
      (
        f,
        i,
      ) => `<rect x="${100 + i * 10}" y="${250 - i * 60}" width="200" height="55" rx="12" fill="${f}" stroke="#fff" stroke-width="4"/>
  <line x1="${110 + i * 10}" y1="${265 - i * 60}" x2="${290 + i * 10}" y2="${265 - i * 60}" stroke="#fff" stroke-width="3" stroke-dasharray="8 6"/>`,
    )
    .join('')}`;

const PRODUCTS = {
  'rice-10kg': {
    draw: rice,
    label: '五常大米',
    colors: ['#f6d58e', '#f2c66d', '#e9b94f'],
    bg: ['#fff8e6', '#eef7e8', '#fdf1dc'],
  },
  'longjing-250g': {
    draw: tea,
    label: '明前龙井',
    colors: ['#4f8a2b', '#2f7d5b', '#6aa83a'],
    bg: ['#eef7e8', '#f4faf0', '#e6f2dc'],
  },
  'camellia-oil-1l': {
    draw: oil,
    label: '山茶油',
    colors: ['#f2c94c', '#e8b923', '#f5d76e'],
    bg: ['#fffbe8', '#f1f7ee', '#fff3d6'],
  },
  'honey-500g': {
    draw: honey,
    label: '土蜂蜜',
    colors: ['#f0a500', '#e69500', '#f5b82e'],
    bg: ['#fff6e0', '#fdf0d5', '#f7f3ea'],
  },
  'bamboo-towel-3': {
    draw: towel,
    label: '竹纤维毛巾',
    colors: ['#81c784', '#9ccc65', '#4db6ac'],
    bg: ['#eef7f6', '#f3f7ee', '#eef3fb'],
  },
};
const CAPTIONS = ['', '产地直发', '细节'];

function svg(p, n) {
  const caption = CAPTIONS[n] ? `${p.label} · ${CAPTIONS[n]}` : p.label;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">
  <rect width="400" height="400" fill="${p.bg[n]}"/>
  <circle cx="${60 + n * 140}" cy="60" r="30" fill="#ffffff" opacity="0.7"/>${p.draw(p.colors[n])}
  <text x="200" y="375" text-anchor="middle" font-size="28" font-family="sans-serif" fill="#555">${caption}</text>
</svg>
`;
}

let count = 0;
for (const [id, p] of Object.entries(PRODUCTS)) {
  fs.mkdirSync(path.join(OUT, id), { recursive: true });
  for (let n = 0; n < 3; n++) {
    fs.writeFileSync(path.join(OUT, id, `${n + 1}.svg`), svg(p, n));
    count++;
  }
}
console.log(`${count} pictures -> ${path.relative(process.cwd(), OUT)}`);
