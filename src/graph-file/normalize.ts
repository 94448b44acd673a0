// Normalisation of names into node ids, so that variants land on one node:
// "Energy storage", "energy-storage" and "Energy  Storage" all become `energy-storage`.

/** Collapses whitespace and trims; keeps the user's capitalisation for display. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

const slugs = new Map<string, string>();

/** Readable, stable slug: lower case, accents stripped, "&" → "and", runs of other chars → "-". */
export function slugify(value: string): string {
  // Memoised: sector, capability and place names repeat across many organisations.
  let slug = slugs.get(value);
  if (slug === undefined) {
    slug = computeSlug(value);
    if (slugs.size > 100_000) slugs.clear();
    slugs.set(value, slug);
  }
  return slug;
}

function computeSlug(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’'`]/gu, '')
    .replace(/&/gu, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
}
