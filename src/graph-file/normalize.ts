// Normalisation of names into node ids, so that variants land on one node:
// "Energy storage", "energy-storage" and "Energy  Storage" all become `energy-storage`.

/** Collapses whitespace and trims; keeps the user's capitalisation for display. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Readable, stable slug: lower case, accents stripped, "&" → "and", runs of other chars → "-". */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’'`]/gu, '')
    .replace(/&/gu, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
}
