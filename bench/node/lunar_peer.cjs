// The Node peers of `lunar_vs_lunarjs` and `lunar_vs_solarlunar` (bench/bench_calendar.py,
// docs/BENCHMARKS.md "The care calendar"): Gregorian to lunar conversion with an npm package, the
// way a user of that package writes it.
//
//   node lunar_peer.cjs <lunarjs|solarlunar> <dates.txt> <min_seconds> <results.txt>
//
// lunarjs:    Solar.fromYmd(y, m, d).getLunar(), then getYear(), getMonth() (negative for a leap
//             month) and getDay().
// solarlunar: solarLunar.solar2lunar(y, m, d), then lYear, lMonth, isLeap and lDay.
// The dates ("YYYY-MM-DD" lines) are parsed into numbers before the clock starts. One untimed
// warm-up pass over the first 2,000 dates (for the JIT), then timed passes over all of them until
// <min_seconds> have gone by (at least one). Each date's lunar date goes to <results.txt> as
// year*100000 + month*1000 + leap*100 + day, the code bench/calendar_side.cpp writes, and a digest
// (h = h*31 + code, modulo 2^32) of one pass is printed. Prints "RESULT key=value" lines.
'use strict';
const fs = require('node:fs');

const [library, datesPath, minSecondsText, resultsPath] = process.argv.slice(2);
if (!resultsPath || (library !== 'lunarjs' && library !== 'solarlunar')) {
  process.stderr.write('usage: node lunar_peer.cjs <lunarjs|solarlunar> <dates.txt> <min_seconds> <results.txt>\n');
  process.exit(2);
}

let convert;
let version;
if (library === 'lunarjs') {
  const { Solar } = require('lunar-javascript');
  version = require('lunar-javascript/package.json').version;
  convert = (y, m, d) => {
    const lunar = Solar.fromYmd(y, m, d).getLunar();
    const month = lunar.getMonth();
    return lunar.getYear() * 100000 + Math.abs(month) * 1000 + (month < 0 ? 100 : 0) + lunar.getDay();
  };
} else {
  const imported = require('solarlunar');
  const solarLunar = imported.default || imported;
  // solarlunar's "exports" hide its package.json: read it beside the resolved entry point.
  const path = require('node:path');
  let dir = path.dirname(require.resolve('solarlunar'));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  convert = (y, m, d) => {
    const r = solarLunar.solar2lunar(y, m, d);
    return r.lYear * 100000 + r.lMonth * 1000 + (r.isLeap ? 100 : 0) + r.lDay;
  };
}

const lines = fs.readFileSync(datesPath, 'utf8').split('\n').filter((l) => l.length > 0);
const n = lines.length;
const ys = new Int32Array(n), ms = new Int32Array(n), ds = new Int32Array(n);
for (let i = 0; i < n; i++) {
  const l = lines[i];
  ys[i] = Number(l.slice(0, 4));
  ms[i] = Number(l.slice(5, 7));
  ds[i] = Number(l.slice(8, 10));
}

let sink = 0;
for (let i = 0; i < Math.min(n, 2000); i++) sink = (Math.imul(sink, 31) + convert(ys[i], ms[i], ds[i])) >>> 0;

const minSeconds = Number(minSecondsText);
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
let passes = 0, elapsed = 0, h = 0;
do {
  h = 0;
  for (let i = 0; i < n; i++) h = (Math.imul(h, 31) + convert(ys[i], ms[i], ds[i])) >>> 0;
  passes++;
  elapsed = Number(process.hrtime.bigint() - start) / 1e9;
} while (elapsed < minSeconds);
const cpu = process.cpuUsage(cpuStart);

const out = new Array(n);
for (let i = 0; i < n; i++) out[i] = convert(ys[i], ms[i], ds[i]);
fs.writeFileSync(resultsPath, out.join('\n') + '\n');

process.stdout.write(`RESULT side=${library}\nRESULT version=${version}\nRESULT node=${process.version}\n` +
  `RESULT dates=${n}\nRESULT passes=${passes}\nRESULT seconds=${elapsed.toFixed(6)}\n` +
  `RESULT cpu_seconds=${((cpu.user + cpu.system) / 1e6).toFixed(6)}\n` +
  `RESULT rate=${(passes * n / elapsed).toFixed(1)}\nRESULT digest=${h.toString(16).padStart(8, '0')}\n` +
  `RESULT sink=${sink}\n`);
