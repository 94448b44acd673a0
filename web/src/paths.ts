// Introduction paths: the shortest chains of existing relationships between the open organisation
// and a chosen candidate, strongest first.
import { ApiError, isAbort } from './api';
import { debounce, fmt, h, plural, replace } from './dom';
import { RELATIONSHIP_LABEL } from './labels';
import type { Panel } from './org';
import {
  introductionPaths,
  matchSuggestions,
  organization,
  searchOrganizations,
  type IntroductionPath,
  type OrgRef,
  type Organization,
  type Suggestion,
} from './queries';
import { weights } from './ranking';
import { href } from './router';
import { isEnterprise } from './session';
import { errorMessage, kindBadge, loading, message, orgLink, visuallyHidden } from './ui';
import type { ViewContext } from './view';

/** Loads and shows the paths from `from` to `to` in `host`. */
export async function pathsList(
  host: HTMLElement,
  from: OrgRef,
  to: OrgRef,
  signal: AbortSignal,
): Promise<void> {
  replace(host, loading(`Looking for introduction paths to ${to.name}…`));
  try {
    const paths = await introductionPaths(from.id, to.id, signal);
    if (!paths.length) {
      replace(
        host,
        message(
          'empty',
          `No introduction path links ${from.name} and ${to.name}.`,
          h(
            'p',
            null,
            'No chain of up to 4 existing relationships connects them: an officer can introduce them directly.',
          ),
        ),
      );
      return;
    }
    replace(
      host,
      h(
        'p',
        { class: 'count', role: 'status' },
        `${plural(paths.length, 'path')} from ${from.name} to ${to.name}, best first.`,
      ),
      h(
        'ol',
        { class: 'paths', 'aria-label': `Introduction paths to ${to.name}` },
        paths.map((p, i) => pathItem(p, i)),
      ),
    );
  } catch (e) {
    if (isAbort(e)) return;
    if (e instanceof ApiError && e.code === 'FORBIDDEN') {
      replace(
        host,
        message(
          'warning',
          'Introduction paths from this organisation are not available with your token.',
          h('p', null, 'An enterprise token can look for paths from its own organisation only.'),
        ),
      );
      return;
    }
    replace(host, errorMessage(e, 'the introduction paths'));
  }
}

function pathItem(p: IntroductionPath, index: number): HTMLLIElement {
  const steps: HTMLElement[] = [];
  p.organizations.forEach((org, i) => {
    steps.push(h('li', { class: 'path-org' }, orgLink(org), kindBadge(org.kind)));
    const next = p.organizations[i + 1];
    if (!next) return;
    const links = p.relationships.filter(
      (r) =>
        (r.from.id === org.id && r.to.id === next.id) ||
        (r.from.id === next.id && r.to.id === org.id),
    );
    steps.push(
      h(
        'li',
        { class: 'path-link' },
        links.map((r) => {
          const forward = r.from.id === org.id;
          const subject = forward ? org.name : next.name;
          const object = forward ? next.name : org.name;
          return h(
            'span',
            { class: 'path-rel' },
            h(
              'span',
              { 'aria-hidden': 'true' },
              forward ? `${RELATIONSHIP_LABEL[r.type]} →` : `← ${RELATIONSHIP_LABEL[r.type]}`,
            ),
            visuallyHidden(`${subject} ${RELATIONSHIP_LABEL[r.type]} ${object}`),
            r.since ? h('span', { class: 'muted small' }, ` since ${r.since}`) : null,
          );
        }),
      ),
    );
  });
  return h(
    'li',
    { class: 'card path' },
    h(
      'p',
      { class: 'path-head' },
      h('strong', null, `Path ${index + 1}`),
      ` · ${plural(p.hops, 'hop')} · strength ${fmt(p.strength)}`,
    ),
    h('ol', { class: 'path-steps' }, steps),
  );
}

/** The "Introduction paths" tab: choose a target (a suggestion or any organisation), see paths. */
export function pathsPanel(
  ctx: ViewContext,
  org: Organization,
  toId: string | null,
  suggested: Suggestion[],
): Panel {
  const controller = new AbortController();
  const signal = AbortSignal.any([ctx.signal, controller.signal]);
  const results = h('div', { class: 'paths-results', id: 'paths-results' });
  const own = isEnterprise(ctx.session) ? ctx.session.organizationId : null;
  const allowed = !own || own === org.id;
  const picks = h('div', { class: 'quick-picks' });
  const finder = targetFinder(org, picks, signal);
  if (allowed) fillQuickPicks(picks, org, toId, suggested, signal);
  const element = h(
    'section',
    { class: 'panel', id: 'panel-paths' },
    h('h2', { class: 'panel-title' }, `Warm introductions from ${org.name}`),
    h(
      'p',
      { class: 'hint' },
      'Chains of existing relationships (up to 4 hops), the fewest hops first, then the strongest and most recent links.',
    ),
    finder,
    results,
  );
  if (!allowed && own) {
    replace(
      results,
      message(
        'warning',
        'Introduction paths from this organisation are not available with your token.',
        h(
          'p',
          null,
          'An enterprise token can look for paths from its own organisation only. ',
          h('a', { href: href.paths(own) }, 'Find paths from your organisation'),
          '.',
        ),
      ),
    );
  } else if (toId) {
    if (toId === org.id) {
      replace(results, message('empty', 'Choose another organisation than this one.'));
    } else {
      replace(results, loading('Loading…'));
      loadTarget(toId, signal).then(
        (target) => void pathsList(results, org, target, signal),
        (e: unknown) => {
          if (!isAbort(e)) replace(results, errorMessage(e, 'the organisation to reach'));
        },
      );
    }
  } else {
    replace(
      results,
      message(
        'info',
        'Choose an organisation to reach.',
        h('p', null, 'Pick one of the suggestions or search by name above.'),
      ),
    );
  }
  return { element, destroy: () => controller.abort() };
}

/** The target's name and kind (a path works with the id alone, but people read names). */
async function loadTarget(id: string, signal: AbortSignal): Promise<OrgRef> {
  const found = await organization(id, signal);
  return found
    ? { id: found.id, name: found.name, kind: found.kind }
    : { id, name: id, kind: 'OTHER' };
}

/** The current suggestions as one-click targets (loaded when the suggestions tab was not open). */
function fillQuickPicks(
  host: HTMLElement,
  org: Organization,
  toId: string | null,
  suggested: Suggestion[],
  signal: AbortSignal,
): void {
  const show = (list: Suggestion[]): void => {
    if (!list.length) return;
    replace(
      host,
      h('h3', { class: 'h-small', id: 'quick-picks-h' }, 'Suggested partners'),
      h(
        'ul',
        { class: 'inline-list', 'aria-labelledby': 'quick-picks-h' },
        list.slice(0, 10).map((s) =>
          h(
            'li',
            null,
            h(
              'a',
              {
                href: href.paths(org.id, s.organization.id),
                class: 'chip-link',
                'aria-current': s.organization.id === toId ? 'true' : null,
              },
              s.organization.name,
            ),
          ),
        ),
      ),
    );
  };
  if (suggested.length) {
    show(suggested);
    return;
  }
  matchSuggestions(
    { organizationId: org.id, first: 10, filter: {}, weights: { ...weights } },
    signal,
  ).then(show, () => {
    // Quick picks are a convenience: the search below still works.
  });
}

function targetFinder(org: Organization, picks: HTMLElement, signal: AbortSignal): HTMLElement {
  const input = h('input', {
    type: 'search',
    id: 'paths-target',
    autocomplete: 'off',
    placeholder: 'Name or alias',
    'aria-describedby': 'paths-target-help',
  });
  const hits = h('ul', {
    class: 'target-hits',
    id: 'paths-hits',
    'aria-label': 'Organisations to reach',
    'aria-live': 'polite',
  });
  const search = debounce(async (text: string) => {
    if (text.trim().length < 2) {
      hits.replaceChildren();
      return;
    }
    try {
      const page = await searchOrganizations(
        { search: text.trim(), kinds: [], sectorIds: [], after: null, first: 8 },
        signal,
      );
      const found = page.hits.filter((x) => x.id !== org.id);
      hits.replaceChildren(
        ...(found.length
          ? found.map((x) =>
              h(
                'li',
                null,
                h('a', { href: href.paths(org.id, x.id), class: 'target-link' }, x.name),
                kindBadge(x.kind),
              ),
            )
          : [h('li', { class: 'muted' }, `No organisation matches “${text.trim()}”.`)]),
      );
    } catch (e) {
      if (!isAbort(e)) replace(hits, h('li', null, errorMessage(e, 'organisations')));
    }
  }, 250);
  input.addEventListener('input', () => search(input.value));
  return h(
    'div',
    { class: 'target-finder' },
    picks,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'paths-target' }, 'Organisation to reach'),
      input,
      h(
        'span',
        { class: 'hint', id: 'paths-target-help' },
        'Type two letters or more, then choose a result.',
      ),
    ),
    hits,
  );
}
