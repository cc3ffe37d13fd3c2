#!/usr/bin/env node
// Generator of the Chinese lunisolar calendar data (development time only; the library never runs it).
//
// Usage, from the repository root, with the two reference packages installed OUTSIDE the repo:
//   mkdir -p /tmp/lunargen && cd /tmp/lunargen && npm init -y
//   npm install lunar-javascript@1.7.7 tyme4ts@1.5.2
//   cd /work/main && node src/calendar/generate_lunar_table.mjs /tmp/lunargen
//
// The argument is the directory whose node_modules holds the packages. The script
//   1. reads every lunar month of lunar years 1900..2100 from both packages and compares them,
//   2. converts every day from 1900-01-31 to the last day of lunar year 2100 with both packages and
//      compares the results with each other and with the month list,
//   3. reads the 24 solar terms of Gregorian years 1900..2100 from both packages (and the per-day
//      solar-term name of lunar-javascript) and compares them,
// and exits with status 1, writing nothing, on any disagreement that does not involve one of the new
// moons the Hong Kong Observatory marks as uncertain. Otherwise it writes
//   src/calendar/lunar_table.inc   the packed tables compiled into src/calendar/lunar.cpp
//   tests/data/lunar_months.txt    every lunar month (start date and length), for exhaustive tests
//   tests/data/solar_terms.txt     every solar term date, for exhaustive tests
// The output is deterministic: rerunning it must leave `git diff` empty.

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;
// HKO footnotes: the new moon is so close to midnight that the first day of the month is uncertain.
const UNCERTAIN_DAYS = new Set(['2057-09-28', '2057-09-29', '2089-09-04', '2097-08-07']);
const PINNED = { 'lunar-javascript': '1.7.7', tyme4ts: '1.5.2' };
// lunar-javascript names the terms of the neighbouring years in upper-case pinyin.
const LJ_TERM_ALIASES = { DONG_ZHI: '冬至', XIAO_HAN: '小寒', DA_HAN: '大寒', LI_CHUN: '立春',
                          YU_SHUI: '雨水', JING_ZHE: '惊蛰', DA_XUE: '大雪' };
// Gregorian-year order, as SolarTerm in include/snowball/lunar.hpp.
const TERMS = ['小寒', '大寒', '立春', '雨水', '惊蛰', '春分', '清明', '谷雨', '立夏', '小满', '芒种', '夏至',
               '小暑', '大暑', '立秋', '处暑', '白露', '秋分', '寒露', '霜降', '立冬', '小雪', '大雪', '冬至'];

const modulesDir = process.argv[2];
if (!modulesDir) {
    console.error('usage: node src/calendar/generate_lunar_table.mjs <dir containing node_modules>');
    process.exit(2);
}
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(resolve(modulesDir), 'package.json'));
for (const [name, version] of Object.entries(PINNED)) {
    let found;
    try {
        found = JSON.parse(readFileSync(join(resolve(modulesDir), 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
        fail(`${name} is not installed under ${resolve(modulesDir)}/node_modules`);
    }
    if (found !== version) fail(`${name} ${found} is installed; the tables are pinned to ${version}`);
}
const tyme = require('tyme4ts');
const lj = require('lunar-javascript');

function fail(message) {
    console.error(`generate_lunar_table: ${message}`);
    process.exit(1);
}

// Gregorian dates as day numbers (days since 1970-01-01) and back.
const dayNumber = (y, m, d) => Date.UTC(y, m - 1, d) / 86400000;
const fromDayNumber = (n) => {
    const t = new Date(n * 86400000);
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};
const pad = (n, width = 2) => String(n).padStart(width, '0');
const iso = (n) => { const { y, m, d } = fromDayNumber(n); return `${y}-${pad(m)}-${pad(d)}`; };
const ljDay = (solar) => dayNumber(solar.getYear(), solar.getMonth(), solar.getDay());
const tymeDay = (solarDay) => dayNumber(solarDay.getYear(), solarDay.getMonth(), solarDay.getDay());

const tolerated = [];
const compared = { months: 0, days: 0, terms: 0, termDays: 0 };

// A disagreement is fatal unless one of the uncertain new-moon days is involved.
function agree(what, a, b, days) {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    const message = `${what}: tyme4ts ${JSON.stringify(a)} != lunar-javascript ${JSON.stringify(b)}`;
    if (days.some((n) => UNCERTAIN_DAYS.has(iso(n)))) tolerated.push(message);
    else fail(message);
}

// 1. The months of each lunar year, in order: {month, leap, first (day number), days}.
const yearMonths = new Map();
for (let year = FIRST_YEAR; year <= LAST_YEAR + 1; year++) {
    const ty = tyme.LunarYear.fromYear(year);
    const ly = lj.LunarYear.fromYear(year);
    const fromTyme = ty.getMonths().map((m) => ({
        month: Math.abs(m.getMonthWithLeap()), leap: m.isLeap(),
        first: tymeDay(m.getFirstJulianDay().getSolarDay()), days: m.getDayCount() }));
    const fromLj = ly.getMonthsInYear().map((m) => ({
        month: Math.abs(m.getMonth()), leap: m.getMonth() < 0,
        first: ljDay(lj.Solar.fromJulianDay(m.getFirstJulianDay())), days: m.getDayCount() }));
    agree(`lunar year ${year} leap month`, ty.getLeapMonth(), ly.getLeapMonth(), fromTyme.map((m) => m.first));
    agree(`lunar year ${year} months`, fromTyme, fromLj, [...fromTyme, ...fromLj].map((m) => m.first));
    compared.months += year <= LAST_YEAR ? fromTyme.length : 0;
    yearMonths.set(year, fromTyme);
}

// The month list must be self-consistent: months are contiguous, numbered 1..12 with the leap month
// repeating the number of the month before it, and years follow each other without a gap.
for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const months = yearMonths.get(year);
    const leap = months.findIndex((m) => m.leap);
    const expected = [];
    for (let m = 1; m <= 12; m++) {
        expected.push([m, false]);
        if (leap > 0 && months[leap].month === m) expected.push([m, true]);
    }
    if (JSON.stringify(months.map((m) => [m.month, m.leap])) !== JSON.stringify(expected))
        fail(`lunar year ${year} has months ${JSON.stringify(months)}`);
    const next = [...months, yearMonths.get(year + 1)[0]];
    for (let i = 0; i < months.length; i++) {
        if (months[i].days !== 29 && months[i].days !== 30) fail(`lunar year ${year} month length ${months[i].days}`);
        if (months[i].first + months[i].days !== next[i + 1].first) fail(`lunar year ${year} months are not contiguous`);
    }
}
if (iso(yearMonths.get(FIRST_YEAR)[0].first) !== '1900-01-31') fail('lunar year 1900 does not start on 1900-01-31');

// 2. Every day, with both packages, against the month list. The sweep runs to the end of lunar year
// 2100 so that the length of its 12th month, which starts on 2100-12-31, is confirmed too.
const fromMonthList = new Map();
for (let year = FIRST_YEAR; year <= LAST_YEAR; year++)
    for (const m of yearMonths.get(year))
        for (let day = 1; day <= m.days; day++) fromMonthList.set(m.first + day - 1, [year, m.month, m.leap, day]);
const ljTermDays = new Map(); // day number -> term name, from lunar-javascript's per-day view
const sweepEnd = yearMonths.get(LAST_YEAR + 1)[0].first - 1;
for (let n = yearMonths.get(FIRST_YEAR)[0].first; n <= sweepEnd; n++) {
    const { y, m, d } = fromDayNumber(n);
    const td = tyme.SolarDay.fromYmd(y, m, d).getLunarDay();
    const tm = td.getLunarMonth();
    const lunar = lj.Solar.fromYmd(y, m, d).getLunar();
    const a = [tm.getYear(), Math.abs(tm.getMonthWithLeap()), tm.isLeap(), td.getDay()];
    const b = [lunar.getYear(), Math.abs(lunar.getMonth()), lunar.getMonth() < 0, lunar.getDay()];
    agree(`day ${iso(n)}`, a, b, [n]);
    agree(`day ${iso(n)} against the month list`, a, fromMonthList.get(n), [n]);
    const term = lunar.getJieQi();
    if (term) ljTermDays.set(n, LJ_TERM_ALIASES[term] ?? term);
    compared.days++;
}

// 3. Solar terms of each Gregorian year, as day numbers in TERMS order.
const yearTerms = new Map();
for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const fromTyme = TERMS.map((_, k) => {
        const term = tyme.SolarTerm.fromIndex(year, k + 1); // tyme4ts index 0 is the previous 冬至
        if (term.getName() !== TERMS[k]) fail(`tyme4ts term ${k + 1} of ${year} is ${term.getName()}`);
        return tymeDay(term.getJulianDay().getSolarDay());
    });
    const table = {};
    for (const [name, solar] of Object.entries(lj.Lunar.fromYmd(year, 1, 1).getJieQiTable()))
        if (solar.getYear() === year) table[LJ_TERM_ALIASES[name] ?? name] = ljDay(solar);
    if (Object.keys(table).length !== 24) fail(`lunar-javascript lists ${Object.keys(table).length} terms in ${year}`);
    const fromLj = TERMS.map((name) => table[name]);
    agree(`solar terms of ${year}`, fromTyme.map(iso), fromLj.map(iso), []);
    fromTyme.forEach((n, k) => {
        const { y, m } = fromDayNumber(n);
        if (y !== year || m !== (k >> 1) + 1) fail(`${TERMS[k]} ${year} falls on ${iso(n)}`);
        if (ljTermDays.has(n) && ljTermDays.get(n) !== TERMS[k]) fail(`${iso(n)} is ${ljTermDays.get(n)} per day, ${TERMS[k]} per year`);
    });
    compared.terms += 24;
    yearTerms.set(year, fromTyme);
}
// The per-day view must name exactly the days of the yearly lists (within the swept range).
for (const [n, name] of ljTermDays) {
    const { y } = fromDayNumber(n);
    if (y >= FIRST_YEAR && y <= LAST_YEAR) {
        if (yearTerms.get(y)[TERMS.indexOf(name)] !== n) fail(`lunar-javascript names ${iso(n)} ${name} by day only`);
        compared.termDays++;
    }
}

// Encoding. One 32-bit word per lunar year:
//   bits 0..12   bit i set: the i-th month of the year (leap month counted in place) has 30 days
//   bits 13..16  the leap month (0: none)
//   bits 17..22  days from January 1 to 正月初一 in that Gregorian year
// One 64-bit word per Gregorian year: 2 bits per term (term k at bits 2k..2k+1), the day of the month
// minus the earliest day that term falls on in 1900..2100 (emitted as kSolarTermFirstDay).
const yearWords = [];
for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const months = yearMonths.get(year);
    const offset = months[0].first - dayNumber(year, 1, 1);
    if (offset < 0 || offset > 63) fail(`正月初一 ${year} is ${offset} days after January 1`);
    const leap = months.find((m) => m.leap)?.month ?? 0;
    let word = (offset << 17) | (leap << 13);
    months.forEach((m, i) => { if (m.days === 30) word |= 1 << i; });
    yearWords.push(word >>> 0);
}
const termFirstDay = TERMS.map((_, k) => Math.min(...[...yearTerms.values()].map((t) => fromDayNumber(t[k]).d)));
const termWords = [];
for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    let word = 0n;
    yearTerms.get(year).forEach((n, k) => {
        const delta = fromDayNumber(n).d - termFirstDay[k];
        if (delta > 3) fail(`${TERMS[k]} ${year} is ${delta} days after its earliest day: 2 bits do not suffice`);
        word |= BigInt(delta) << BigInt(2 * k);
    });
    termWords.push(word);
}

// Decode the words as lunar.cpp does and compare with the package data once more.
yearWords.forEach((word, i) => {
    const year = FIRST_YEAR + i;
    let first = dayNumber(year, 1, 1) + ((word >>> 17) & 63);
    const leap = (word >>> 13) & 15;
    yearMonths.get(year).forEach((m, j) => {
        const days = (word >>> j) & 1 ? 30 : 29;
        const month = leap && j >= leap ? j : j + 1; // the leap month at index L repeats month L
        if (m.first !== first || m.days !== days || m.month !== month || m.leap !== (leap > 0 && j === leap))
            fail(`decoding lunar year ${year} month index ${j} failed`);
        first += days;
    });
});
termWords.forEach((word, i) => {
    const year = FIRST_YEAR + i;
    yearTerms.get(year).forEach((n, k) => {
        if (fromDayNumber(n).d !== termFirstDay[k] + Number((word >> BigInt(2 * k)) & 3n))
            fail(`decoding ${TERMS[k]} ${year} failed`);
    });
});

// Output.
const header = `// Generated by src/calendar/generate_lunar_table.mjs from lunar-javascript ${PINNED['lunar-javascript']} and tyme4ts ${PINNED.tyme4ts}
// (npm), which agree on every lunar month, every day and every solar term of ${FIRST_YEAR}..${LAST_YEAR}${
    tolerated.length ? '\n// except at the new moons HKO marks as uncertain (tyme4ts is used there)' : ''}.
// Do not edit. To regenerate, install both packages outside the repository and run
//   node src/calendar/generate_lunar_table.mjs <dir containing their node_modules>
// from the repository root (details at the top of the script).`;

const hex = (n, width) => `0x${n.toString(16).padStart(width, '0')}`;
const describeYear = (year) => {
    const months = yearMonths.get(year);
    const leap = months.find((m) => m.leap)?.month ?? 0;
    return `${year}: ${iso(months[0].first)}${leap ? `, leap ${leap}` : ''}`;
};
const inc = `${header}
//
// Included by lunar.cpp inside its anonymous namespace.

constexpr int kFirstYear = ${FIRST_YEAR};
constexpr int kLastYear = ${LAST_YEAR};

// Per lunar year ${FIRST_YEAR}..${LAST_YEAR}:
//   bits 0..12   bit i set: the i-th month of the year (leap month counted in place) has 30 days
//   bits 13..16  the leap month (0: none)
//   bits 17..22  days from January 1 to 正月初一 in that Gregorian year
constexpr std::uint32_t kLunarYears[${yearWords.length}] = {
${yearWords.map((w, i) => `    ${hex(w, 8)}, // ${describeYear(FIRST_YEAR + i)}`).join('\n')}
};

// The earliest day of the month each solar term falls on in ${FIRST_YEAR}..${LAST_YEAR}, in SolarTerm order.
constexpr std::uint8_t kSolarTermFirstDay[24] = {${termFirstDay.join(', ')}};

// Per Gregorian year ${FIRST_YEAR}..${LAST_YEAR}: bits 2k..2k+1 hold the day of the month of term k minus
// kSolarTermFirstDay[k].
constexpr std::uint64_t kSolarTerms[${termWords.length}] = {
${termWords.map((w, i) => `    ${hex(w, 12)}, // ${FIRST_YEAR + i}`).join('\n')}
};
`;

const monthsTxt = `${header.replace(/^\/\/ ?/gm, '# ')}
# One line per lunar month of lunar years ${FIRST_YEAR}..${LAST_YEAR} (checked day by day against both packages):
# lunar_year month leap(0/1) first_day days
${[...yearMonths].filter(([y]) => y <= LAST_YEAR).flatMap(([year, months]) =>
    months.map((m) => `${year} ${m.month} ${m.leap ? 1 : 0} ${iso(m.first)} ${m.days}`)).join('\n')}
`;

const termsTxt = `${header.replace(/^\/\/ ?/gm, '# ')}
# One line per Gregorian year ${FIRST_YEAR}..${LAST_YEAR}: the year, then the dates (MMDD) of the 24 solar terms
# from 小寒 (xiaohan) to 冬至 (dongzhi).
${[...yearTerms].map(([year, days]) => `${year} ${days.map((n) => { const { m, d } = fromDayNumber(n); return pad(m) + pad(d); }).join(' ')}`).join('\n')}
`;

mkdirSync(join(repoRoot, 'tests/data'), { recursive: true });
writeFileSync(join(repoRoot, 'src/calendar/lunar_table.inc'), inc);
writeFileSync(join(repoRoot, 'tests/data/lunar_months.txt'), monthsTxt);
writeFileSync(join(repoRoot, 'tests/data/solar_terms.txt'), termsTxt);

console.log(`compared ${compared.months} lunar months (lunar years ${FIRST_YEAR}..${LAST_YEAR}), ${compared.days} days ` +
            `(${iso(yearMonths.get(FIRST_YEAR)[0].first)}..${iso(sweepEnd)}), ${compared.terms} solar terms ` +
            `and ${compared.termDays} per-day term names: no disagreement` +
            (tolerated.length ? ` except at uncertain new moons:\n  ${tolerated.join('\n  ')}` : ''));
