#!/usr/bin/env node
// Generator of the State Council's holiday arrangements (国务院办公厅关于部分节假日安排的通知) compiled into
// src/calendar/workdays.cpp (development time only; the library never runs Node or reads a data file).
//
// Usage, from the repository root, with the two reference packages installed OUTSIDE the repo:
//   mkdir -p /tmp/holgen && cd /tmp/holgen && npm init -y
//   npm install chinese-days@1.5.7 tyme4ts@1.5.2
//   cd /work/main && node src/calendar/generate_holidays.mjs /tmp/holgen
//
// The argument is the directory whose node_modules holds the packages. The data comes from chinese-days
// (dist/chinese-days.json: off-days and make-up working days, each with its holiday); tyme4ts
// (LegalHoliday.DATA) is the independent cross-check. For the arrangements of FIRST_YEAR..LAST_YEAR the
// script compares, day by day,
//   1. whether the day is a working day (listed off → no, listed make-up day → yes, unlisted → Mon..Fri),
//   2. the holiday, on the days both packages list,
//   3. the arrangement each day belongs to: its Gregorian year, except that a December day of the New
//      Year (元旦) break belongs to the next year's notice (workdays.cpp applies the same rule); tyme4ts
//      records, per day, the offset to the holiday it serves, which gives the notice independently,
// checks the 2025 facts of /work/shared/calendar/vectors.md and a few invariants (make-up days fall on a
// weekend, every year has its main holidays), and exits with status 1, writing nothing, on any
// disagreement not settled in ERRATA. An erratum the packages no longer disagree on fails as well.
// Differences that change no working day (a weekend day of a break listed by one package only, an
// ordinary weekday listed by tyme4ts as a working day) are counted and reported, not stored.
// Otherwise it writes src/calendar/holidays_table.inc. The output is deterministic: rerunning it must
// leave `git diff` empty.

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIRST_YEAR = 2004; // chinese-days starts here
const LAST_YEAR = 2026;
const PINNED = { 'chinese-days': '1.5.7', tyme4ts: '1.5.2' };
const NEW_YEAR = '元旦';
// The holidays, and how each package spells them. When Mid-Autumn falls near National Day the notice
// gives one break for both ("国庆节、中秋节"); the packages split such a break between the two names
// differently (tyme4ts also calls it 国庆中秋), so the table names all its days MERGED, as the notice does.
const HOLIDAYS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节',
                  '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日'];
const MERGED = '国庆节、中秋节';
const MERGEABLE = ['国庆节', '中秋节'];
const CHINESE_DAYS_NAMES = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };
const TYME_NAMES = { 抗战胜利日: HOLIDAYS[7], 国庆中秋: MERGED };
// Days on which the packages disagree, settled against the notice itself. `right` names the package
// that agrees with the notice.
const ERRATA = {
    '2005-12-31': { work: true, holiday: '元旦', right: 'tyme4ts',
                    notice: '国办发明电〔2005〕35号 (2006): 元旦 1月1日—3日放假, 12月31日（星期六）上班' },
    '2013-04-07': { work: true, holiday: '清明节', right: 'chinese-days',
                    notice: '国办发明电〔2012〕33号 (2013): 清明节 4月4日至6日放假调休, 4月7日（星期日）上班' },
    '2013-10-12': { work: true, holiday: '国庆节', right: 'chinese-days',
                    notice: '国办发明电〔2012〕33号 (2013): 国庆节 10月1日至7日放假调休, 9月29日（星期日）、10月12日（星期六）上班' },
};
// vectors.md, "Statutory holiday arrangement": the 2025 notice.
const FACTS_2025 = {
    off: [['2025-01-28', '2025-02-04'], ['2025-05-01', '2025-05-05'], ['2025-10-01', '2025-10-08']],
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
};

function fail(message) {
    console.error(`generate_holidays: ${message}`);
    process.exit(1);
}

const modulesDir = process.argv[2];
if (!modulesDir) {
    console.error('usage: node src/calendar/generate_holidays.mjs <dir containing node_modules>');
    process.exit(2);
}
for (const [name, version] of Object.entries(PINNED)) {
    let found;
    try {
        found = JSON.parse(readFileSync(join(resolve(modulesDir), 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
        fail(`${name} is not installed under ${resolve(modulesDir)}/node_modules`);
    }
    if (found !== version) fail(`${name} ${found} is installed; the table is pinned to ${version}`);
}
const require = createRequire(join(resolve(modulesDir), 'package.json'));
const chineseDays = require('chinese-days/dist/chinese-days.json');
const { LegalHoliday } = require('tyme4ts');
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Dates are ISO strings; arithmetic goes through UTC midnight, which has no daylight saving.
const toTime = (iso) => Date.parse(`${iso}T00:00:00Z`);
const addDays = (iso, n) => new Date(toTime(iso) + n * 86400000).toISOString().slice(0, 10);
const weekday = (iso) => new Date(toTime(iso)).getUTCDay(); // 0 = Sunday
const isWeekend = (iso) => weekday(iso) === 0 || weekday(iso) === 6;
const yearOf = (iso) => Number(iso.slice(0, 4));
const arrangementYear = (iso, holiday) => yearOf(iso) + (iso.slice(5, 7) === '12' && holiday === NEW_YEAR ? 1 : 0);
const inRange = (year) => year >= FIRST_YEAR && year <= LAST_YEAR;

// chinese-days: "English name,中文名,statutory days" per date.
const primary = new Map(); // iso → { work, holiday }
for (const [list, work] of [['holidays', false], ['workdays', true]]) {
    for (const [iso, value] of Object.entries(chineseDays[list])) {
        const raw = value.split(',')[1];
        const holiday = CHINESE_DAYS_NAMES[raw] ?? raw;
        if (!HOLIDAYS.includes(holiday)) fail(`chinese-days ${iso}: unknown holiday "${raw}"`);
        if (primary.has(iso)) fail(`chinese-days lists ${iso} both as an off-day and as a working day`);
        if (!inRange(arrangementYear(iso, holiday))) fail(`chinese-days ${iso}: outside ${FIRST_YEAR}..${LAST_YEAR}`);
        primary.set(iso, { work, holiday });
    }
}
for (const iso of Object.keys(chineseDays.inLieuDays)) {
    const day = primary.get(iso);
    if (day && (day.work || isWeekend(iso))) fail(`chinese-days: the day off in lieu ${iso} is not an off weekday`);
}

// tyme4ts: 13 characters a day: YYYYMMDD, 0 working / 1 off, holiday index, signed days to the holiday
// the entry serves.
const cross = new Map();
const entry = /(\d{4})(\d{2})(\d{2})([01])(\d)([+-])(\d{2})/y;
if (LegalHoliday.DATA.length % 13 !== 0) fail('tyme4ts LegalHoliday.DATA is not made of 13-character entries');
let ignored = 0;
for (let at = 0; at < LegalHoliday.DATA.length; at += 13) {
    entry.lastIndex = at;
    const m = entry.exec(LegalHoliday.DATA);
    if (!m) fail(`tyme4ts LegalHoliday.DATA: malformed entry "${LegalHoliday.DATA.substr(at, 13)}"`);
    const iso = `${m[1]}-${m[2]}-${m[3]}`;
    const raw = LegalHoliday.NAMES[Number(m[5])];
    const holiday = TYME_NAMES[raw] ?? raw;
    if (!HOLIDAYS.includes(holiday) && holiday !== MERGED) fail(`tyme4ts ${iso}: unknown holiday "${raw}"`);
    const served = addDays(iso, (m[6] === '+' ? 1 : -1) * Number(m[7]));
    if (!inRange(yearOf(served))) {
        ++ignored;
        continue;
    }
    if (cross.has(iso)) fail(`tyme4ts lists ${iso} twice`);
    cross.set(iso, { work: m[4] === '0', holiday, notice: yearOf(served) });
}

const counts = { days: 0, both: 0, onlyWeekendOff: 0, weekdayWorking: 0, errata: 0, merged: 0 };
const problems = [];
const works = (day, iso) => (day ? day.work : !isWeekend(iso));
const stored = new Map(primary);
const first = `${FIRST_YEAR - 1}-12-01`;
const last = `${LAST_YEAR}-12-31`;
for (let iso = first; iso <= last; iso = addDays(iso, 1)) {
    ++counts.days;
    const a = primary.get(iso);
    const b = cross.get(iso);
    const erratum = ERRATA[iso];
    if (erratum) {
        const right = erratum.right === 'tyme4ts' ? b : a;
        const wrong = erratum.right === 'tyme4ts' ? a : b;
        if (works(wrong, iso) === works(right, iso))
            problems.push(`${iso}: ERRATA settles a disagreement the packages no longer have; remove it`);
        else if (!right || right.work !== erratum.work || right.holiday !== erratum.holiday)
            problems.push(`${iso}: ERRATA does not match ${erratum.right}`);
        stored.set(iso, { work: erratum.work, holiday: erratum.holiday });
        ++counts.errata;
    } else if (works(a, iso) !== works(b, iso)) {
        problems.push(`${iso}: chinese-days ${JSON.stringify(a ?? null)}, tyme4ts ${JSON.stringify(b ?? null)}`);
    } else if (a && b) {
        ++counts.both;
        if (arrangementYear(iso, a.holiday) !== b.notice)
            problems.push(`${iso}: belongs to the ${b.notice} notice (tyme4ts), not ${arrangementYear(iso, a.holiday)}`);
    } else if (a || b) {
        // Listed by one package only, with the same effect as the weekend rule.
        if ((a ?? b).work) ++counts.weekdayWorking;
        else ++counts.onlyWeekendOff;
    }
}

const days = [...stored].map(([iso, day]) => ({ iso, ...day, year: arrangementYear(iso, day.holiday) }))
    .sort((x, y) => (x.iso < y.iso ? -1 : 1));

// A year merges National Day and Mid-Autumn when a run of consecutive off-days holds both (in either
// package). Then all days of the two holidays form the one break, named MERGED; in other years the two
// holidays are compared and kept apart.
const mergedYears = new Set();
for (let i = 0; i < days.length;) {
    if (days[i].work) {
        ++i;
        continue;
    }
    const names = new Set();
    let j = i;
    for (; j < days.length && !days[j].work && (j === i || days[j].iso === addDays(days[j - 1].iso, 1)); ++j)
        names.add(days[j].holiday).add(cross.get(days[j].iso)?.holiday);
    if (names.has(MERGED) || MERGEABLE.every((h) => names.has(h))) mergedYears.add(days[i].year);
    i = j;
}
counts.merged = mergedYears.size;
const isMergeable = (h) => h === MERGED || MERGEABLE.includes(h);
for (const day of days) {
    const merged = mergedYears.has(day.year) && isMergeable(day.holiday);
    const b = cross.get(day.iso);
    if (b && !ERRATA[day.iso] && b.holiday !== day.holiday && !(merged && isMergeable(b.holiday)))
        problems.push(`${day.iso}: holiday ${day.holiday} (chinese-days) vs ${b.holiday} (tyme4ts)`);
    if (merged) day.holiday = MERGED;
}
if (problems.length) fail(`the packages disagree:\n  ${problems.join('\n  ')}`);

for (const day of days) {
    if (day.work && !isWeekend(day.iso)) fail(`${day.iso}: a make-up working day on a weekday`);
}
for (let year = FIRST_YEAR; year <= LAST_YEAR; ++year) {
    const named = days.filter((d) => d.year === year && !d.work).flatMap((d) => d.holiday.split('、'));
    const expected = ['元旦', '春节', '劳动节', '国庆节', ...(year >= 2008 ? ['清明节', '端午节'] : [])];
    for (const holiday of expected) if (!named.includes(holiday)) fail(`${year}: no off-day for ${holiday}`);
}
const byIso = new Map(days.map((d) => [d.iso, d]));
for (const [from, to] of FACTS_2025.off) {
    for (let iso = from; iso <= to; iso = addDays(iso, 1))
        if (byIso.get(iso)?.work !== false) fail(`vectors.md: ${iso} is an off-day in 2025`);
}
for (const iso of FACTS_2025.work)
    if (byIso.get(iso)?.work !== true) fail(`vectors.md: ${iso} is a make-up working day in 2025`);
const off2025 = days.filter((d) => d.year === 2025 && !d.work).length;
if (off2025 !== 28) fail(`2025 has ${off2025} off-days listed, expected 28 (1 + 8 + 3 + 5 + 3 + 8)`);

// One line per holiday of an arrangement, split where another holiday's days come between.
const groups = [];
for (const day of days) {
    const group = groups[groups.length - 1];
    if (group && group.year === day.year && group.holiday === day.holiday) group.days.push(day);
    else groups.push({ year: day.year, holiday: day.holiday, days: [day] });
}
const names = [...HOLIDAYS, MERGED];
const row = (d) => `{${d.iso.replaceAll('-', '')}, ${names.indexOf(d.holiday)}, ${d.work ? 1 : 0}}`;
const describe = (g) => {
    const off = g.days.filter((d) => !d.work).map((d) => d.iso.slice(5));
    const work = g.days.filter((d) => d.work).map((d) => d.iso.slice(5));
    const span = off.length > 1 ? `${off[0]}..${off[off.length - 1]} (${off.length} days)` : off[0];
    return `${g.year} ${g.holiday}: ` +
        [off.length ? `off ${span}` : '', work.length ? `work ${work.join(' ')}` : ''].filter(Boolean).join(', ');
};
const inc = `// Generated by src/calendar/generate_holidays.mjs from chinese-days ${PINNED['chinese-days']} (npm), cross-checked day by day
// with tyme4ts ${PINNED.tyme4ts} (npm) over the arrangements of ${FIRST_YEAR}..${LAST_YEAR}; the ${counts.errata} days on which they disagree
// are settled against the State Council's notices (ERRATA in the script).
// Do not edit. To regenerate, install both packages outside the repository and run
//   node src/calendar/generate_holidays.mjs <dir containing their node_modules>
// from the repository root (details at the top of the script).
//
// Included by workdays.cpp inside its anonymous namespace, after the definition of BuiltinDay.

constexpr int kBuiltinFirstYear = ${FIRST_YEAR};
constexpr int kBuiltinLastYear = ${LAST_YEAR};

constexpr const char* kBuiltinHolidays[${names.length}] = {
${names.map((h) => `    "${h}",`).join('\n')}
};

// Every off-day (weekend days of a break included) and make-up working day, sorted by date:
// {YYYYMMDD, index into kBuiltinHolidays, 1 for a make-up working day}.
constexpr BuiltinDay kBuiltinDays[${days.length}] = {
${groups.map((g) => `    // ${describe(g)}\n    ${g.days.map(row).join(', ')},`).join('\n')}
};
`;
writeFileSync(join(repoRoot, 'src/calendar/holidays_table.inc'), inc);

console.log(`compared ${counts.days} days (${first}..${last}) for the arrangements of ${FIRST_YEAR}..${LAST_YEAR}: ` +
            `${primary.size} listed by chinese-days, ${cross.size} by tyme4ts (${ignored} more of earlier years not compared), ` +
            `${counts.both} by both ` +
            `(the holiday and the notice year agree on all; ${counts.merged} years merge National Day and Mid-Autumn);\n` +
            `working-day disagreements: ${counts.errata}, settled by ERRATA:\n` +
            Object.entries(ERRATA).map(([iso, e]) => `  ${iso} ${e.work ? 'work' : 'off'} ${e.holiday} (${e.right} is right: ${e.notice})`).join('\n') +
            `\nharmless differences: ${counts.onlyWeekendOff} weekend days of a break listed by one package only, ` +
            `${counts.weekdayWorking} ordinary weekdays listed as working days by one package only;\n` +
            `wrote ${days.length} days (${days.filter((d) => d.work).length} make-up working days) to src/calendar/holidays_table.inc`);
