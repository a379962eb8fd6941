// Writes shared/src/regions/data.json: every GB/T 2260 province, city and district code with its
// name, as one flat {code: name} map (the level follows from the code). The source is the
// MIT-licensed @vant/area-data package, read once at generation time: the app ships the JSON and
// never fetches region data at run time.
//   npm pack @vant/area-data@2.1.0 && tar xzf vant-area-data-2.1.0.tgz
//   node scripts/gen-regions.js ./package
const fs = require('fs');
const path = require('path');

const from = process.argv[2];
if (!from) {
  console.error('usage: node scripts/gen-regions.js <folder of @vant/area-data>');
  process.exit(2);
}
const { areaList } = require(path.resolve(from, 'dist/index.cjs'));
const out = {};
for (const list of [areaList.province_list, areaList.city_list, areaList.county_list]) {
  for (const [code, name] of Object.entries(list)) {
    if (!/^\d{6}$/.test(code) || typeof name !== 'string' || !name) throw new Error(`bad row ${code}`);
    out[code] = name;
  }
}
const file = path.resolve(__dirname, '../shared/src/regions/data.json');
fs.writeFileSync(file, JSON.stringify(out) + '\n');
console.log(`${Object.keys(out).length} codes -> ${path.relative(process.cwd(), file)}`);
