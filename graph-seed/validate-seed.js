#!/usr/bin/env node
// Validates a graph file in the seed format ({ organizations, relationships, places }) and prints
// counts per kind, sector, relationship type and place kind. Plain CommonJS, no dependencies.
//
// Usage: node graph-seed/validate-seed.js [path/to/seed.json] [--article path/to/article.txt]
// Exit code 0 when every check passes, 1 otherwise. The article quote check runs only when the
// source article is found (--article, $SEED_ARTICLE, or the shared seed folder next to the repo).
'use strict';

const fs = require('fs');
const path = require('path');

const ORG_KINDS = [
  'ENTERPRISE',
  'LAB',
  'UNIVERSITY',
  'CLIENT',
  'GOVERNMENT',
  'FACILITY',
  'INVESTOR',
  'OTHER',
];
const REL_TYPES = ['COLLABORATES_WITH', 'SUPPLIES', 'FUNDS', 'SUPPORTS', 'PART_OF'];
const PLACE_KINDS = ['SITE', 'CITY', 'COUNTRY', 'REGION'];
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const INVENTED_PREFIX = 'Sample data (invented): ';
const SAMPLE_SOURCE = 'sample data';
const ARTICLE_FILE = '000_d058d1141cd31099.txt';
const ARTICLE_SOURCE_PREFIX = `OASES article (seed/${ARTICLE_FILE}): `;

// Organisations named in the source article; every other organisation must be marked invented.
const ARTICLE_IDS = [
  'gotion',
  'hkqai',
  'hku',
  'westwell',
  'hkust',
  'cityu',
  'polyu',
  'hactl',
  'cainiao',
  'alibaba',
  'scmp',
  'hkia',
  'hk-port-operator',
  'laem-chabang-port',
  'port-of-felixstowe',
  'khalifa-port',
  'oases',
  'itc',
  'hksar-government',
  'cyberport',
  'hong-kong-science-park',
  'amc-tko',
];
// Fairness: invented relationships must never touch the article's evaluated organisations.
const PROTECTED_IDS = ['gotion', 'hkqai', 'westwell', 'hactl', 'cainiao'];

const args = process.argv.slice(2);
let seedPath = path.join(__dirname, 'seed.json');
let articlePath = process.env.SEED_ARTICLE || null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--article') articlePath = args[++i];
  else seedPath = args[i];
}

const errors = [];
const warnings = [];
const err = (m) => errors.push(m);

function isStr(v) {
  return typeof v === 'string' && v.trim().length > 0;
}
function strList(owner, field, v) {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    err(`${owner}: ${field} must be an array`);
    return [];
  }
  const seen = new Set();
  for (const x of v) {
    if (!isStr(x)) err(`${owner}: ${field} has a non-string or empty entry`);
    else {
      const k = x.trim().toLowerCase();
      if (seen.has(k)) err(`${owner}: ${field} repeats "${x}"`);
      seen.add(k);
    }
  }
  return v.filter(isStr);
}
const normalise = (s) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ');
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function tally(map, key) {
  map.set(key, (map.get(key) || 0) + 1);
}
function printTally(title, map) {
  console.log(`${title}:`);
  for (const [k, n] of [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
    console.log(`  ${String(n).padStart(4)}  ${k}`);
}

// ---- parse
let doc;
try {
  doc = JSON.parse(fs.readFileSync(seedPath, 'utf8'));
} catch (e) {
  console.error(`validate-seed: cannot read or parse ${seedPath}: ${e.message}`);
  process.exit(1);
}
if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
  console.error('validate-seed: top level must be an object');
  process.exit(1);
}
for (const k of ['organizations', 'relationships', 'places'])
  if (!Array.isArray(doc[k])) err(`top level: "${k}" must be an array`);
const orgs = Array.isArray(doc.organizations) ? doc.organizations : [];
const rels = Array.isArray(doc.relationships) ? doc.relationships : [];
const places = Array.isArray(doc.places) ? doc.places : [];

// ---- places
const placeByName = new Map();
for (const [i, p] of places.entries()) {
  const who = `place[${i}]${p && isStr(p.name) ? ` "${p.name}"` : ''}`;
  if (!p || typeof p !== 'object') {
    err(`${who}: must be an object`);
    continue;
  }
  if (!isStr(p.name)) err(`${who}: name required`);
  if (!PLACE_KINDS.includes(p.kind))
    err(`${who}: kind "${p.kind}" not in ${PLACE_KINDS.join('|')}`);
  if (p.within !== undefined && p.within !== null && !isStr(p.within))
    err(`${who}: within must be a place name`);
  if (isStr(p.name)) {
    const key = p.name.toLowerCase();
    if (placeByName.has(key)) err(`${who}: declared twice`);
    placeByName.set(key, p);
  }
}
for (const p of placeByName.values()) {
  if (isStr(p.within) && !placeByName.has(p.within.toLowerCase()))
    err(`place "${p.name}": within "${p.within}" is not declared`);
  if (isStr(p.within) && p.within.toLowerCase() === p.name.toLowerCase())
    err(`place "${p.name}": within itself`);
}
for (const p of placeByName.values()) {
  const seen = new Set([p.name.toLowerCase()]);
  let cur = p;
  while (cur && isStr(cur.within)) {
    const next = cur.within.toLowerCase();
    if (seen.has(next)) {
      // Reported by the places on the cycle only, not by everything below it.
      if (next === p.name.toLowerCase()) err(`place "${p.name}": cycle in the within hierarchy`);
      break;
    }
    seen.add(next);
    cur = placeByName.get(next);
  }
}

// ---- organisations
const orgById = new Map();
const names = new Map();
const placesUsed = new Set();
const sectorCount = new Map();
const kindCount = new Map();
const inventedKindCount = new Map();
for (const [i, o] of orgs.entries()) {
  const who = `organization[${i}]${o && isStr(o.id) ? ` "${o.id}"` : ''}`;
  if (!o || typeof o !== 'object') {
    err(`${who}: must be an object`);
    continue;
  }
  if (!isStr(o.id)) err(`${who}: id required`);
  else if (!SLUG.test(o.id)) err(`${who}: id must be a lowercase slug`);
  if (!isStr(o.name)) err(`${who}: name required`);
  if (!ORG_KINDS.includes(o.kind)) err(`${who}: kind "${o.kind}" not in ${ORG_KINDS.join('|')}`);
  if (o.description !== undefined && o.description !== null && typeof o.description !== 'string')
    err(`${who}: description must be a string or null`);
  if (o.website !== undefined && o.website !== null && !isStr(o.website))
    err(`${who}: website must be a string or null`);
  if (
    o.founded !== undefined &&
    o.founded !== null &&
    !(Number.isInteger(o.founded) && o.founded > 1800 && o.founded <= 2030)
  )
    err(`${who}: founded must be a plausible year or null`);
  if (o.strategicEnterprise !== undefined && typeof o.strategicEnterprise !== 'boolean')
    err(`${who}: strategicEnterprise must be boolean`);
  strList(who, 'aliases', o.aliases);
  const sectors = strList(who, 'sectors', o.sectors);
  o._offers = strList(who, 'offers', o.offers);
  o._needs = strList(who, 'needs', o.needs);
  for (const f of ['locations', 'markets'])
    for (const pn of strList(who, f, o[f])) {
      placesUsed.add(pn);
      if (!placeByName.has(pn.toLowerCase()))
        err(`${who}: ${f} place "${pn}" is not declared in places`);
    }
  if (isStr(o.id)) {
    if (orgById.has(o.id)) err(`${who}: duplicate id`);
    orgById.set(o.id, o);
  }
  if (isStr(o.name)) {
    const k = o.name.trim().toLowerCase();
    if (names.has(k)) err(`${who}: name "${o.name}" also used by "${names.get(k)}"`);
    names.set(k, o.id);
  }
  for (const s of sectors) tally(sectorCount, s);
  tally(kindCount, o.kind);

  const invented = !ARTICLE_IDS.includes(o.id);
  o._invented = invented;
  const desc = typeof o.description === 'string' ? o.description : '';
  if (invented) {
    tally(inventedKindCount, o.kind);
    if (!desc.startsWith(INVENTED_PREFIX))
      err(`${who}: invented organisation's description must start with "${INVENTED_PREFIX}"`);
    if (o._offers.length < 2 || o._offers.length > 6)
      err(`${who}: invented organisation should have 2-6 offers (has ${o._offers.length})`);
    if (o._needs.length > 4)
      err(`${who}: invented organisation should have 0-4 needs (has ${o._needs.length})`);
    if (!sectors.length) err(`${who}: invented organisation has no sector`);
  } else if (desc.startsWith(INVENTED_PREFIX)) {
    err(`${who}: article organisation marked as invented`);
  }
}
for (const id of ARTICLE_IDS) if (!orgById.has(id)) err(`article organisation "${id}" is missing`);

// Invented names must not reuse an article organisation's name or alias (keeps search unambiguous).
const articleNames = [];
for (const id of ARTICLE_IDS) {
  const o = orgById.get(id);
  if (!o) continue;
  for (const n of [o.name, ...(Array.isArray(o.aliases) ? o.aliases : [])])
    if (isStr(n)) articleNames.push(n);
}
for (const o of orgById.values()) {
  if (!o._invented || !isStr(o.name)) continue;
  for (const n of articleNames)
    if (
      new RegExp(`(^|[^a-z0-9])${escapeRe(n.toLowerCase())}($|[^a-z0-9])`).test(
        o.name.toLowerCase(),
      )
    )
      err(`organization "${o.id}": invented name "${o.name}" contains the article name "${n}"`);
}

// ---- article text (optional) for quote checks
let article = null;
const candidates = [
  articlePath,
  path.join(__dirname, '..', 'seed', ARTICLE_FILE),
  path.join(__dirname, '..', '..', 'shared', 'seed', ARTICLE_FILE),
];
for (const c of candidates) {
  if (c && fs.existsSync(c)) {
    article = normalise(fs.readFileSync(c, 'utf8'));
    break;
  }
}
if (!article)
  warnings.push('source article not found: quotes in article relationships were not checked');

// ---- relationships
const relKeys = new Set();
const typeCount = new Map();
const degree = new Map();
let sampleRels = 0;
let articleRels = 0;
for (const [i, r] of rels.entries()) {
  const who = `relationship[${i}]${r && r.from ? ` ${r.from} -${r.type}-> ${r.to}` : ''}`;
  if (!r || typeof r !== 'object') {
    err(`${who}: must be an object`);
    continue;
  }
  if (!isStr(r.from) || !orgById.has(r.from))
    err(`${who}: from "${r.from}" is not an organisation`);
  if (!isStr(r.to) || !orgById.has(r.to)) err(`${who}: to "${r.to}" is not an organisation`);
  if (!REL_TYPES.includes(r.type)) err(`${who}: type "${r.type}" not in ${REL_TYPES.join('|')}`);
  if (r.from === r.to) err(`${who}: self-relationship`);
  if (
    r.since !== undefined &&
    r.since !== null &&
    !(Number.isInteger(r.since) && r.since > 1800 && r.since <= 2030)
  )
    err(`${who}: since must be a plausible year or null`);
  if (r.description !== undefined && r.description !== null && typeof r.description !== 'string')
    err(`${who}: description must be a string or null`);
  if (!isStr(r.source)) err(`${who}: source required`);
  const key = `${r.from}|${r.to}|${r.type}`;
  if (relKeys.has(key)) err(`${who}: duplicate (from, to, type)`);
  relKeys.add(key);
  tally(typeCount, r.type);
  tally(degree, r.from);
  tally(degree, r.to);

  const from = orgById.get(r.from);
  const to = orgById.get(r.to);
  if (!from || !to) continue;
  if (from._invented || to._invented) {
    sampleRels++;
    if (r.source !== SAMPLE_SOURCE)
      err(
        `${who}: a relationship with an invented organisation must have source "${SAMPLE_SOURCE}"`,
      );
    for (const p of PROTECTED_IDS)
      if (r.from === p || r.to === p)
        err(`${who}: invented relationship touches article organisation "${p}"`);
  } else {
    articleRels++;
    if (!isStr(r.source) || !r.source.startsWith(ARTICLE_SOURCE_PREFIX)) {
      err(`${who}: article relationship must cite the article ("${ARTICLE_SOURCE_PREFIX}'quote'")`);
    } else {
      const body = r.source.slice(ARTICLE_SOURCE_PREFIX.length).trim();
      if (!body.startsWith("'") || !body.endsWith("'"))
        err(`${who}: source quote must be wrapped in single quotes`);
      else if (article)
        for (const quote of body.slice(1, -1).split("'; '"))
          if (!article.includes(normalise(quote)))
            err(`${who}: quote not found in the article: "${quote.slice(0, 80)}..."`);
    }
  }
}

// ---- dataset shape (sample data expectations)
const invented = [...orgById.values()].filter((o) => o._invented);
if (invented.length < 90) err(`only ${invented.length} invented organisations (want at least 90)`);
for (const k of ORG_KINDS)
  if (!inventedKindCount.get(k)) err(`no invented organisation of kind ${k}`);
if (sampleRels < 80 || sampleRels > 150) err(`${sampleRels} sample relationships (want 80-150)`);
for (const t of REL_TYPES)
  if (!rels.some((r) => r.type === t && r.source === SAMPLE_SOURCE))
    err(`no sample relationship of type ${t}`);
const coldStart = invented.filter((o) => !degree.get(o.id));
if (!coldStart.length) err('no invented organisation without relationships (cold start)');
if (!invented.some((o) => o._needs.length === 0)) err('no invented organisation without needs');
if (sectorCount.size < 8 || sectorCount.size > 25)
  err(`${sectorCount.size} sectors in total (want 8-25)`);

// ---- report
const placeKinds = new Map();
for (const p of placeByName.values()) tally(placeKinds, p.kind);
console.log(`validate-seed: ${path.relative(process.cwd(), seedPath) || seedPath}`);
console.log(
  `organizations ${orgs.length} (article ${orgs.length - invented.length}, invented ${invented.length}); ` +
    `relationships ${rels.length} (article ${articleRels}, sample ${sampleRels}); places ${placeByName.size} (used ${placesUsed.size}); ` +
    `sectors ${sectorCount.size}; cold-start invented ${coldStart.length}`,
);
printTally('organizations per kind', kindCount);
printTally('organizations per sector', sectorCount);
printTally('relationships per type', typeCount);
printTally('places per kind', placeKinds);
for (const w of warnings) console.log(`warning: ${w}`);
if (errors.length) {
  console.error(`\n${errors.length} error(s):`);
  for (const e of errors) console.error(`  - ${e}`);
  process.exit(1);
}
console.log('OK');
