// Search organisations by name or alias, with kind and sector filters; each hit opens a profile.
import { isAbort } from './api';
import { h, plural, replace } from './dom';
import { KIND_LABEL } from './labels';
import {
  ORGANIZATION_KINDS,
  searchOrganizations,
  sectors,
  type SearchHit,
  type OrganizationKind,
} from './queries';
import { href, navigate, type Route } from './router';
import { isEnterprise } from './session';
import { errorMessage, kindBadge, loading, message } from './ui';
import type { View, ViewContext } from './view';

type SearchRoute = Extract<Route, { name: 'search' }>;

const PAGE = 20;

export function searchView(ctx: ViewContext, initial: SearchRoute): View {
  const q = h('input', {
    id: 'search-q',
    type: 'search',
    name: 'q',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'e.g. Gotion, HKQAI, polytechnic',
    'aria-describedby': 'search-q-help',
  });
  const kind = h(
    'select',
    { id: 'search-kind', name: 'kind' },
    h('option', { value: '' }, 'Any kind'),
    ORGANIZATION_KINDS.map((k) => h('option', { value: k }, KIND_LABEL[k])),
  );
  const sector = h(
    'select',
    { id: 'search-sector', name: 'sector' },
    h('option', { value: '' }, 'Any sector'),
  );
  const form = h(
    'form',
    { class: 'search-form', role: 'search', 'aria-label': 'Organisations' },
    h(
      'div',
      { class: 'field grow' },
      h('label', { for: 'search-q' }, 'Name or alias'),
      q,
      h(
        'span',
        { id: 'search-q-help', class: 'hint' },
        'Matches names, aliases and descriptions. Leave empty to browse.',
      ),
    ),
    h('div', { class: 'field' }, h('label', { for: 'search-kind' }, 'Kind'), kind),
    h('div', { class: 'field' }, h('label', { for: 'search-sector' }, 'Sector'), sector),
    h(
      'div',
      { class: 'field actions' },
      h('button', { type: 'submit', class: 'primary', id: 'search-submit' }, 'Search'),
    ),
  );
  const status = h('div', { class: 'result-status', 'aria-live': 'polite' });
  const results = h('ol', {
    class: 'results',
    id: 'search-results',
    'aria-label': 'Organisations found',
  });
  const more = h('div', { class: 'more' });

  replace(
    ctx.main,
    h('h1', { tabindex: '-1' }, 'Find an organisation'),
    isEnterprise(ctx.session)
      ? message(
          'info',
          'You are signed in with an enterprise token.',
          h(
            'p',
            null,
            'You can browse every organisation’s public profile. Match suggestions and introduction paths are available for your own organisation only: ',
            ctx.session.organizationId
              ? h('a', { href: href.org(ctx.session.organizationId) }, 'open your organisation')
              : 'your organisation',
            '.',
          ),
        )
      : null,
    form,
    status,
    results,
    more,
  );
  document.title = 'Search · Partner matchmaking';

  // Sectors fill the filter as soon as they arrive; the route's choice is applied then.
  let wantedSector = initial.sector;
  sectors().then(
    (list) => {
      sector.append(...list.map((s) => h('option', { value: s.id }, s.name)));
      sector.value = wantedSector;
    },
    () => {
      sector.append(h('option', { value: '', disabled: true }, 'Sectors could not be loaded'));
    },
  );

  let controller: AbortController | null = null;
  let cursor: string | null = null;
  let shown = 0;

  const run = async (route: SearchRoute, append: boolean): Promise<void> => {
    controller?.abort();
    controller = new AbortController();
    const signal = AbortSignal.any([ctx.signal, controller.signal]);
    if (!append) {
      cursor = null;
      shown = 0;
      results.replaceChildren();
      replace(status, loading('Searching…'));
    }
    replace(more);
    results.setAttribute('aria-busy', 'true');
    try {
      const page = await searchOrganizations(
        {
          search: route.q.trim() || null,
          kinds: route.kind ? [route.kind as OrganizationKind] : [],
          sectorIds: route.sector ? [route.sector] : [],
          after: append ? cursor : null,
          first: PAGE,
        },
        signal,
      );
      results.append(...page.hits.map((hit, i) => resultItem(hit, shown + i)));
      shown += page.hits.length;
      cursor = page.endCursor;
      if (page.totalCount === 0) {
        replace(
          status,
          message(
            'empty',
            route.q.trim()
              ? `No organisation matches “${route.q.trim()}”.`
              : 'No organisation matches these filters.',
            h('p', null, 'Try a shorter name or an alias, or set Kind and Sector back to “Any”.'),
          ),
        );
      } else {
        replace(
          status,
          h(
            'p',
            { class: 'count', role: 'status' },
            `${plural(page.totalCount, 'organisation')}${route.q.trim() ? ` match “${route.q.trim()}”` : ''}`,
            shown < page.totalCount ? ` — showing ${shown}` : '',
            '.',
          ),
        );
      }
      if (page.hasNextPage) {
        replace(
          more,
          h(
            'button',
            { type: 'button', class: 'secondary', onclick: () => void run(route, true) },
            `Show ${PAGE} more`,
          ),
        );
      }
    } catch (e) {
      if (isAbort(e)) return;
      replace(
        status,
        errorMessage(e, 'the organisations', () => void run(route, append)),
      );
    } finally {
      results.removeAttribute('aria-busy');
    }
  };

  const apply = (route: SearchRoute): void => {
    q.value = route.q;
    kind.value = route.kind;
    wantedSector = route.sector;
    if (sector.options.length > 1) sector.value = route.sector;
    void run(route, false);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // The route holds the search, so that reloads and the back button work.
    navigate(href.search(q.value.trim(), kind.value, sector.value));
  });

  apply(initial);

  return {
    update(route) {
      if (route.name !== 'search') return false;
      apply(route);
      return true;
    },
    destroy() {
      controller?.abort();
    },
  };
}

function resultItem(hit: SearchHit, index: number): HTMLLIElement {
  const aliases = hit.aliases.filter((a) => a !== hit.name);
  return h(
    'li',
    { class: 'result', 'data-org-id': hit.id },
    h(
      'a',
      { href: href.org(hit.id), class: 'result-link', id: `result-${index}` },
      h('span', { class: 'result-name' }, hit.name),
      kindBadge(hit.kind),
    ),
    aliases.length
      ? h('p', { class: 'result-aliases' }, `Also known as ${aliases.join(', ')}`)
      : null,
    hit.description ? h('p', { class: 'result-desc' }, truncate(hit.description, 220)) : null,
    hit.sectors.length
      ? h('p', { class: 'result-sectors' }, hit.sectors.map((s) => s.name).join(' · '))
      : null,
  );
}

const truncate = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
