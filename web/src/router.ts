// Hash routes, so that a reload or a shared link opens the same page without server routing:
//   #/search?q=…&kind=…&sector=…   #/org/<id>   #/org/<id>/network?hops=2
//   #/org/<id>/paths[/<toId>]       #/ecosystem

export type OrgTab = 'suggestions' | 'network' | 'paths';

export type Route =
  | { name: 'search'; q: string; kind: string; sector: string }
  | { name: 'org'; id: string; tab: OrgTab; toId: string | null; hops: 1 | 2 }
  | { name: 'ecosystem' }
  | { name: 'home' }
  | { name: 'unknown'; hash: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/u, '');
  const [path = '', query = ''] = raw.split('?', 2) as [string?, string?];
  const params = new URLSearchParams(query);
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'search' && parts.length === 1) {
    return {
      name: 'search',
      q: params.get('q') ?? '',
      kind: params.get('kind') ?? '',
      sector: params.get('sector') ?? '',
    };
  }
  if (parts[0] === 'ecosystem' && parts.length === 1) return { name: 'ecosystem' };
  if (parts[0] === 'org' && parts[1]) {
    const id = parts[1];
    const hops = params.get('hops') === '2' ? 2 : 1;
    if (parts.length === 2) return { name: 'org', id, tab: 'suggestions', toId: null, hops };
    if (parts[2] === 'network' && parts.length === 3)
      return { name: 'org', id, tab: 'network', toId: null, hops };
    if (parts[2] === 'paths' && parts.length <= 4)
      return { name: 'org', id, tab: 'paths', toId: parts[3] ?? null, hops };
  }
  return { name: 'unknown', hash: raw };
}

const enc = encodeURIComponent;

export const href = {
  search: (q = '', kind = '', sector = ''): string => {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    if (kind) p.set('kind', kind);
    if (sector) p.set('sector', sector);
    const qs = p.toString();
    return `#/search${qs ? `?${qs}` : ''}`;
  },
  org: (id: string): string => `#/org/${enc(id)}`,
  network: (id: string, hops: 1 | 2 = 1): string =>
    `#/org/${enc(id)}/network${hops === 2 ? '?hops=2' : ''}`,
  paths: (id: string, toId?: string | null): string =>
    `#/org/${enc(id)}/paths${toId ? `/${enc(toId)}` : ''}`,
  ecosystem: (): string => '#/ecosystem',
};

export function navigate(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}
