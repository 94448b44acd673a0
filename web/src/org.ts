// An organisation's page: its profile, then three tabs (suggestions, network, introduction paths).
import { isAbort } from './api';
import { h, replace } from './dom';
import { networkPanel } from './network';
import { pathsPanel } from './paths';
import { organization, type Organization, type Place } from './queries';
import { href, type OrgTab, type Route } from './router';
import { isEnterprise } from './session';
import { suggestionsPanel, type SuggestionsPanel } from './suggestions';
import { chips, errorMessage, kindBadge, loading, message } from './ui';
import type { View, ViewContext } from './view';

type OrgRoute = Extract<Route, { name: 'org' }>;

export interface Panel {
  readonly element: HTMLElement;
  destroy?(): void;
}

const TABS: { tab: OrgTab; label: string }[] = [
  { tab: 'suggestions', label: 'Match suggestions' },
  { tab: 'network', label: 'Network' },
  { tab: 'paths', label: 'Introduction paths' },
];

export function orgView(ctx: ViewContext, initial: OrgRoute): View {
  const id = initial.id;
  const title = h('h1', { tabindex: '-1', id: 'org-title' }, id);
  const profile = h('div', { class: 'profile' }, loading('Loading the profile…'));
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Views of this organisation' });
  const panelHost = h('div', { class: 'panel-host' });
  const notice = h('div', { class: 'org-notice' });
  replace(
    ctx.main,
    h(
      'nav',
      { class: 'breadcrumb', 'aria-label': 'Breadcrumb' },
      h('a', { href: href.search() }, 'Search'),
      h('span', { 'aria-hidden': 'true' }, ' › '),
      h('span', { 'aria-current': 'page' }, id),
    ),
    h('header', { class: 'org-header' }, title, profile),
    notice,
    tabs,
    panelHost,
  );

  let org: Organization | null = null;
  let suggestions: SuggestionsPanel | null = null;
  let active: { tab: OrgTab; panel: Panel; key: string } | null = null;
  let route = initial;

  const ownId = isEnterprise(ctx.session) ? ctx.session.organizationId : null;
  const foreignForEnterprise = ownId !== null && ownId !== id;

  const renderTabs = (): void => {
    replace(
      tabs,
      h(
        'ul',
        null,
        TABS.map(({ tab, label }) =>
          h(
            'li',
            null,
            h(
              'a',
              {
                href:
                  tab === 'suggestions'
                    ? href.org(id)
                    : tab === 'network'
                      ? href.network(id, route.hops)
                      : href.paths(id, route.toId),
                class: 'tab',
                id: `tab-${tab}`,
                'aria-current': route.tab === tab ? 'page' : null,
              },
              label,
            ),
          ),
        ),
      ),
    );
  };

  const show = (r: OrgRoute): void => {
    route = r;
    renderTabs();
    if (!org) return;
    const key = `${r.tab}:${r.toId ?? ''}:${r.hops}`;
    if (active?.key === key) return;
    if (active && active.panel !== suggestions) active.panel.destroy?.();
    active?.panel.element.remove();
    let panel: Panel;
    if (r.tab === 'suggestions') {
      suggestions ??= suggestionsPanel(ctx, org);
      panel = suggestions;
    } else if (r.tab === 'network') {
      panel = networkPanel(ctx, org, r.hops);
    } else {
      panel = pathsPanel(ctx, org, r.toId, suggestions?.current() ?? []);
    }
    panel.element.setAttribute('aria-labelledby', `tab-${r.tab}`);
    panelHost.append(panel.element);
    active = { tab: r.tab, panel, key };
  };

  renderTabs();
  organization(id, ctx.signal).then(
    (found) => {
      if (!found) {
        title.textContent = 'Organisation not found';
        replace(
          profile,
          message(
            'empty',
            `There is no organisation with the id “${id}”.`,
            h('p', null, h('a', { href: href.search() }, 'Search for an organisation')),
          ),
        );
        tabs.remove();
        return;
      }
      org = found;
      title.textContent = found.name;
      document.title = `${found.name} · Partner matchmaking`;
      ctx.main.querySelector('.breadcrumb [aria-current]')?.replaceChildren(found.name);
      renderProfile(profile, found);
      if (foreignForEnterprise) {
        replace(
          notice,
          message(
            'info',
            'This is another organisation’s public profile.',
            h(
              'p',
              null,
              'With an enterprise token you can see its profile and network; its match suggestions and introduction paths from it are for officers. ',
              h('a', { href: href.org(ownId) }, 'Open your own organisation'),
              ' to see your suggestions.',
            ),
          ),
        );
      }
      show(route);
    },
    (e: unknown) => {
      if (isAbort(e)) return;
      title.textContent = 'Organisation';
      replace(profile, errorMessage(e, 'this organisation'));
    },
  );
  document.title = `${id} · Partner matchmaking`;

  return {
    update(r) {
      if (r.name !== 'org' || r.id !== id) return false;
      show(r);
      return true;
    },
    destroy() {
      active?.panel.destroy?.();
      suggestions?.destroy?.();
    },
  };
}

function placeText(p: Place): string {
  const chain: string[] = [];
  let w = p.within;
  while (w) {
    chain.push(w.name);
    w = w.within;
  }
  return chain.length ? `${p.name} (${chain.join(', ')})` : p.name;
}

function renderProfile(host: HTMLElement, org: Organization): void {
  const aliases = org.aliases.filter((a) => a !== org.name);
  const facts: [string, HTMLElement | string][] = [];
  if (aliases.length) facts.push(['Also known as', aliases.join(', ')]);
  if (org.founded) facts.push(['Founded', String(org.founded)]);
  if (org.website) {
    facts.push([
      'Website',
      h(
        'a',
        { href: org.website, rel: 'noopener noreferrer', target: '_blank' },
        org.website.replace(/^https?:\/\//u, ''),
        h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'),
      ),
    ]);
  }
  facts.push([
    'Located in',
    org.locations.length ? org.locations.map(placeText).join('; ') : 'not recorded',
  ]);
  if (org.markets.length) facts.push(['Markets', org.markets.map((m) => m.name).join(', ')]);

  replace(
    host,
    h(
      'p',
      { class: 'org-tags' },
      kindBadge(org.kind),
      org.strategicEnterprise
        ? h('span', { class: 'badge strategic' }, 'Strategic enterprise')
        : null,
      h('span', { class: 'org-id' }, `id: ${org.id}`),
    ),
    org.description ? description(org.description) : null,
    h(
      'dl',
      { class: 'facts' },
      facts.map(([k, v]) => h('div', { class: 'fact' }, h('dt', null, k), h('dd', null, v))),
    ),
    h(
      'div',
      { class: 'profile-grid' },
      h(
        'section',
        { 'aria-labelledby': 'p-sectors' },
        h('h2', { id: 'p-sectors', class: 'h-small' }, 'Sectors'),
        chips(org.sectors.map((s) => s.name)),
      ),
      h(
        'section',
        { 'aria-labelledby': 'p-offers' },
        h('h2', { id: 'p-offers', class: 'h-small' }, 'Offers'),
        chips(org.offers.map((s) => s.name)),
      ),
      h(
        'section',
        { 'aria-labelledby': 'p-needs' },
        h('h2', { id: 'p-needs', class: 'h-small' }, 'Needs'),
        chips(org.needs.map((s) => s.name)),
      ),
    ),
  );
}

/** A long description shows its first lines, with a button for the rest. */
function description(text: string): HTMLElement {
  const p = h('p', { class: 'org-desc', id: 'org-desc' }, text);
  if (text.length <= 320) return p;
  p.classList.add('clamped');
  const more = h(
    'button',
    { type: 'button', class: 'link-button', 'aria-expanded': 'false', 'aria-controls': 'org-desc' },
    'Show the full description',
  );
  more.addEventListener('click', () => {
    const open = p.classList.toggle('clamped') === false;
    more.setAttribute('aria-expanded', String(open));
    more.textContent = open ? 'Show less' : 'Show the full description';
  });
  return h('div', { class: 'org-desc-wrap' }, p, more);
}
