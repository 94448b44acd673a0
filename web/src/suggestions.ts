// Ranked match suggestions for the open organisation: a bar per signal, the reasons, the
// capability matches, filters, and weight sliders that re-rank live (what-if).
import { ApiError, isAbort } from './api';
import { debounce, fmt, fmtWeight, h, plural, replace, setWidth, uid } from './dom';
import { KIND_LABEL, SIGNAL_HELP, SIGNAL_LABEL } from './labels';
import type { Panel } from './org';
import { pathsList } from './paths';
import {
  matchSuggestions,
  ORGANIZATION_KINDS,
  sectors,
  SIGNAL_KINDS,
  type MatchFilter,
  type MatchSignal,
  type Organization,
  type OrganizationKind,
  type Place,
  type SignalKind,
  type Suggestion,
} from './queries';
import { apiWeights, DEFAULT_WEIGHTS, setWeight, weights } from './ranking';
import { href } from './router';
import { isEnterprise } from './session';
import { chips, errorMessage, kindBadge, loading, message, orgLink, visuallyHidden } from './ui';
import type { ViewContext } from './view';

export interface SuggestionsPanel extends Panel {
  /** The suggestions on screen (for quick picks elsewhere). */
  current(): Suggestion[];
}

const SIZES = [10, 20, 50] as const;

export function suggestionsPanel(ctx: ViewContext, org: Organization): SuggestionsPanel {
  const filter = {
    kinds: new Set<OrganizationKind>(),
    sectorIds: new Set<string>(),
    placeIds: new Set<string>(),
    includeConnected: false,
    first: 10 as number,
  };
  let shown: Suggestion[] = [];
  let controller: AbortController | null = null;

  // ----- weights -----
  const sliders = new Map<SignalKind, { input: HTMLInputElement; output: HTMLOutputElement }>();
  const weightRows = SIGNAL_KINDS.map((kind) => {
    const id = `weight-${kind}`;
    const input = h('input', {
      type: 'range',
      id,
      name: id,
      min: 0,
      max: 1,
      // Fine enough to hold every default weight exactly: a slider snaps its value to a step.
      step: 0.005,
      value: String(weights[kind]),
      'aria-describedby': `${id}-help`,
    });
    const output = h(
      'output',
      { for: id, id: `${id}-value`, class: 'weight-value' },
      fmtWeight(weights[kind]),
    );
    sliders.set(kind, { input, output });
    input.addEventListener('input', () => {
      setWeight(kind, Number(input.value));
      output.value = fmtWeight(weights[kind]);
      scheduleLoad();
    });
    return h(
      'div',
      { class: 'weight' },
      h(
        'div',
        { class: 'weight-head' },
        h('span', { class: `swatch signal-${kind}`, 'aria-hidden': 'true' }),
        h('label', { for: id }, SIGNAL_LABEL[kind]),
        output,
      ),
      input,
      h('span', { class: 'hint', id: `${id}-help` }, SIGNAL_HELP[kind]),
    );
  });
  const weightError = h('div', { class: 'weight-error' });
  const resetWeights = h('button', { type: 'button', class: 'secondary small' }, 'Reset weights');
  /** The sliders show `weights`. */
  const syncSliders = (): void => {
    for (const kind of SIGNAL_KINDS) {
      const s = sliders.get(kind);
      if (s) {
        s.input.value = String(weights[kind]);
        s.output.value = fmtWeight(weights[kind]);
      }
    }
  };
  resetWeights.addEventListener('click', () => {
    for (const kind of SIGNAL_KINDS) weights[kind] = DEFAULT_WEIGHTS[kind];
    syncSliders();
    void load();
  });
  const weightSource = h('p', { class: 'hint', 'data-testid': 'weight-source' });

  // ----- filters -----
  const kindBoxes = checkboxGroup(
    'Kinds of partner',
    ORGANIZATION_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] })),
    (value, on) => {
      toggle(filter.kinds, value as OrganizationKind, on);
      scheduleLoad();
    },
    'kinds',
  );
  const sectorHost = h('div', null, loading('Loading sectors…'));
  const placeOptions = placesOf(org);
  const placeBoxes = placeOptions.length
    ? checkboxGroup(
        'Located in',
        placeOptions.map((p) => ({ value: p.id, label: `${p.name}`, hint: p.kind.toLowerCase() })),
        (value, on) => {
          toggle(filter.placeIds, value, on);
          scheduleLoad();
        },
        'places',
      )
    : null;
  const connected = h('input', {
    type: 'checkbox',
    id: 'include-connected',
    name: 'includeConnected',
  });
  connected.addEventListener('change', () => {
    filter.includeConnected = connected.checked;
    scheduleLoad();
  });
  const size = h(
    'select',
    { id: 'suggestion-count', name: 'first' },
    SIZES.map((n) => h('option', { value: String(n) }, String(n))),
  );
  size.addEventListener('change', () => {
    filter.first = Number(size.value);
    void load();
  });

  sectors().then(
    (list) => {
      replace(
        sectorHost,
        checkboxGroup(
          'Sectors',
          list.map((s) => ({ value: s.id, label: s.name })),
          (value, on) => {
            toggle(filter.sectorIds, value, on);
            scheduleLoad();
          },
          'sectors',
          true,
        ),
      );
    },
    () => replace(sectorHost, h('p', { class: 'muted' }, 'Sectors could not be loaded.')),
  );

  const controls = h(
    'form',
    { class: 'controls', 'aria-label': 'Ranking controls', novalidate: true },
    h(
      'fieldset',
      { class: 'weights' },
      h('legend', null, 'Signal weights (what-if)'),
      h('p', { class: 'hint' }, 'Move a slider to re-rank the list. 0 leaves a signal out.'),
      weightRows,
      weightError,
      resetWeights,
      weightSource,
    ),
    h(
      'fieldset',
      { class: 'filters' },
      h('legend', null, 'Filters'),
      kindBoxes,
      sectorHost,
      placeBoxes,
      h(
        'div',
        { class: 'check' },
        connected,
        h('label', { for: 'include-connected' }, 'Include existing partners'),
      ),
      h(
        'div',
        { class: 'field inline' },
        h('label', { for: 'suggestion-count' }, 'Show'),
        size,
        h('span', null, 'suggestions'),
      ),
    ),
  );
  controls.addEventListener('submit', (e) => e.preventDefault());

  const status = h('div', {
    class: 'result-status',
    'aria-live': 'polite',
    id: 'suggestions-status',
  });
  const list = h('ol', {
    class: 'suggestions',
    id: 'suggestions',
    'aria-label': `Suggested partners for ${org.name}`,
  });
  const layout = h(
    'div',
    { class: 'suggestions-layout' },
    controls,
    h('div', { class: 'results-col' }, status, list),
  );
  const element = h(
    'section',
    { class: 'panel', id: 'panel-suggestions' },
    h('h2', { class: 'panel-title' }, `Who should ${org.name} work with?`),
    layout,
  );

  async function load(): Promise<void> {
    // The first ranking waits for the API's starting weights (asked once per page).
    const fitted = await apiWeights();
    if (ctx.signal.aborted) return;
    syncSliders();
    replace(
      weightSource,
      fitted
        ? 'Reset gives the weights the API fitted to this graph.'
        : 'Reset gives the tuned defaults.',
    );
    if (SIGNAL_KINDS.every((k) => weights[k] === 0)) {
      replace(weightError, message('error', 'At least one weight must be above 0.'));
      return;
    }
    replace(weightError);
    controller?.abort();
    controller = new AbortController();
    const signal = AbortSignal.any([ctx.signal, controller.signal]);
    list.setAttribute('aria-busy', 'true');
    element.classList.add('updating');
    if (!shown.length) replace(status, loading('Ranking candidates…'));
    else replace(status, h('p', { class: 'count updating-note' }, 'Re-ranking…'));
    const f: MatchFilter = {
      ...(filter.kinds.size && { kinds: [...filter.kinds] }),
      ...(filter.sectorIds.size && { sectorIds: [...filter.sectorIds] }),
      ...(filter.placeIds.size && { placeIds: [...filter.placeIds] }),
      includeConnected: filter.includeConnected,
    };
    try {
      const result = await matchSuggestions(
        { organizationId: org.id, first: filter.first, filter: f, weights: { ...weights } },
        signal,
      );
      shown = result;
      render(result);
    } catch (e) {
      if (isAbort(e)) return;
      if (e instanceof ApiError && e.code === 'FORBIDDEN') {
        replace(
          element,
          h('h2', { class: 'panel-title' }, 'Match suggestions'),
          forbidden(ctx, org),
        );
        return;
      }
      list.replaceChildren();
      shown = [];
      replace(
        status,
        errorMessage(e, 'the suggestions', () => void load()),
      );
    } finally {
      list.removeAttribute('aria-busy');
      element.classList.remove('updating');
    }
  }
  const scheduleLoad = debounce(() => void load(), 250);

  function render(result: Suggestion[]): void {
    const filtered = filter.kinds.size + filter.sectorIds.size + filter.placeIds.size > 0;
    if (!result.length) {
      list.replaceChildren();
      replace(
        status,
        filtered
          ? message(
              'empty',
              'No suggestions match these filters.',
              h('p', null, 'Clear a filter, or include existing partners.'),
            )
          : message(
              'empty',
              `No suggestions for ${org.name} yet.`,
              h(
                'p',
                null,
                'Its profile may hold too little to match on: add sectors, offers, needs or a description. Including existing partners may also help.',
              ),
            ),
      );
      return;
    }
    const custom = SIGNAL_KINDS.some((k) => weights[k] !== DEFAULT_WEIGHTS[k]);
    replace(
      status,
      h(
        'p',
        { class: 'count', role: 'status' },
        `${plural(result.length, 'suggestion')}, best first${custom ? ', ranked with your weights' : ''}${filtered ? ', filtered' : ''}.`,
      ),
    );
    list.replaceChildren(...result.map((s, i) => card(ctx, org, s, i)));
  }

  void load();

  return {
    element,
    current: () => shown,
    destroy() {
      controller?.abort();
    },
  };
}

function forbidden(ctx: ViewContext, org: Organization): HTMLElement {
  const own = isEnterprise(ctx.session) ? ctx.session.organizationId : null;
  return message(
    'warning',
    `Match suggestions for ${org.name} are not available with your token.`,
    h(
      'p',
      null,
      own
        ? 'An enterprise token shows the suggestions of its own organisation only; officers can see every organisation’s. '
        : 'Your role is not allowed to see these suggestions. ',
      own ? h('a', { href: href.org(own) }, 'Open your organisation’s suggestions') : null,
    ),
  );
}

// ---------- one suggestion ----------

function card(ctx: ViewContext, source: Organization, s: Suggestion, index: number): HTMLLIElement {
  const cand = s.organization;
  const titleId = uid('sugg');
  const pathsId = uid('paths');
  const pathsHost = h('div', { class: 'card-paths', id: pathsId, hidden: true });
  const pathsButton = h(
    'button',
    {
      type: 'button',
      class: 'secondary small',
      'aria-expanded': 'false',
      'aria-controls': pathsId,
      'data-action': 'paths',
    },
    'Introduction paths',
  );
  let pathsController: AbortController | null = null;
  pathsButton.addEventListener('click', () => {
    const open = pathsButton.getAttribute('aria-expanded') === 'true';
    pathsButton.setAttribute('aria-expanded', String(!open));
    pathsHost.hidden = open;
    if (open) {
      pathsController?.abort();
      return;
    }
    pathsController = new AbortController();
    void pathsList(pathsHost, source, cand, AbortSignal.any([ctx.signal, pathsController.signal]));
  });

  return h(
    'li',
    { class: 'card suggestion', 'data-org-id': cand.id, 'aria-labelledby': titleId },
    h(
      'div',
      { class: 'card-head' },
      h('span', { class: 'rank', 'aria-hidden': 'true' }, String(index + 1)),
      h(
        'div',
        { class: 'card-title' },
        h('h3', { id: titleId }, orgLink(cand, { class: 'candidate-link' })),
        kindBadge(cand.kind),
        cand.locations[0]
          ? h('span', { class: 'muted small' }, cand.locations.map((l) => l.name).join(', '))
          : null,
      ),
      scoreBlock(s),
    ),
    signalBars(s.signals),
    s.reasons.length
      ? h(
          'div',
          { class: 'reasons' },
          h('h4', null, 'Why'),
          h(
            'ul',
            null,
            s.reasons.map((r) => h('li', null, r)),
          ),
        )
      : null,
    s.capabilityMatches.length ? capabilityTable(s) : null,
    s.sharedSectors.length || s.mutualConnections.length
      ? h(
          'div',
          { class: 'card-meta' },
          s.sharedSectors.length
            ? h(
                'div',
                null,
                h('h4', null, 'Shared sectors'),
                chips(s.sharedSectors.map((x) => x.name)),
              )
            : null,
          s.mutualConnections.length
            ? h(
                'div',
                null,
                h('h4', null, 'Mutual connections'),
                h(
                  'ul',
                  { class: 'inline-list' },
                  s.mutualConnections.map((m) => h('li', null, orgLink(m))),
                ),
              )
            : null,
        )
      : null,
    h(
      'div',
      { class: 'card-actions' },
      pathsButton,
      h(
        'a',
        { href: href.org(cand.id), class: 'button-link small' },
        `Open ${cand.name}`,
        visuallyHidden(' profile'),
      ),
    ),
    pathsHost,
  );
}

function scoreBlock(s: Suggestion): HTMLElement {
  const bar = h('div', { class: 'score-bar', 'aria-hidden': 'true' });
  for (const sig of s.signals) {
    if (!sig.available || sig.contribution <= 0) continue;
    const seg = h('span', {
      class: `score-seg signal-${sig.kind}`,
      title: `${SIGNAL_LABEL[sig.kind]} +${fmt(sig.contribution)}`,
    });
    setWidth(seg, sig.contribution);
    bar.append(seg);
  }
  return h(
    'div',
    { class: 'score' },
    h('span', { class: 'score-label' }, 'Score'),
    h('span', { class: 'score-value' }, fmt(s.score)),
    bar,
  );
}

/**
 * One row per signal on the score's scale: the track is the signal's share of the weights (the
 * most it could add), the filled part its contribution. Text gives the numbers.
 */
function signalBars(signals: MatchSignal[]): HTMLElement {
  const total = signals.filter((x) => x.available).reduce((a, x) => a + x.weight, 0);
  const rows = SIGNAL_KINDS.map((kind) => {
    const sig = signals.find((x) => x.kind === kind);
    if (!sig) return null;
    const share = sig.available && total > 0 ? sig.weight / total : 0;
    const track = h('span', { class: 'signal-track', 'aria-hidden': 'true' });
    const fill = h('span', { class: `signal-fill signal-${kind}` });
    setWidth(track, share);
    setWidth(fill, share > 0 ? sig.contribution / share : 0);
    track.append(fill);
    const numbers = !sig.available
      ? h('span', { class: 'signal-num muted' }, 'no data')
      : h(
          'span',
          { class: 'signal-num' },
          h('strong', null, `+${fmt(sig.contribution)}`),
          h(
            'span',
            { class: 'muted' },
            ` (value ${fmt(sig.value)}, weight ${fmtWeight(sig.weight)})`,
          ),
        );
    return h(
      'li',
      { class: `signal-row${sig.available ? '' : ' unavailable'}`, 'data-signal': kind },
      h('span', { class: 'signal-name' }, SIGNAL_LABEL[kind]),
      h('span', { class: 'signal-bar' }, track),
      numbers,
    );
  });
  return h('ul', { class: 'signals', 'aria-label': 'Score by signal' }, rows);
}

function capabilityTable(s: Suggestion): HTMLElement {
  return h(
    'div',
    { class: 'capabilities' },
    h('h4', null, 'Capability matches'),
    h(
      'table',
      null,
      h(
        'caption',
        { class: 'visually-hidden' },
        `Needs answered by offers, ${s.organization.name}`,
      ),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, 'Need'),
          h('th', { scope: 'col' }, h('span', { 'aria-hidden': 'true' }, '↔ '), 'Offer'),
          h('th', { scope: 'col', class: 'num' }, 'Similarity'),
        ),
      ),
      h(
        'tbody',
        null,
        s.capabilityMatches.map((m) =>
          h(
            'tr',
            null,
            h('td', null, m.need.name, h('span', { class: 'who' }, m.needer.name)),
            h('td', null, m.offer.name, h('span', { class: 'who' }, m.offerer.name)),
            h('td', { class: 'num' }, fmt(m.similarity)),
          ),
        ),
      ),
    ),
  );
}

// ---------- helpers ----------

function toggle<T>(set: Set<T>, value: T, on: boolean): void {
  if (on) set.add(value);
  else set.delete(value);
}

/** The source's places, the places they lie within, and its markets: the useful place filters. */
function placesOf(org: Organization): Place[] {
  const seen = new Map<string, Place>();
  const add = (p: Place | null | undefined): void => {
    for (let q = p; q; q = q.within) if (!seen.has(q.id)) seen.set(q.id, q);
  };
  org.locations.forEach(add);
  org.markets.forEach(add);
  return [...seen.values()];
}

function checkboxGroup(
  legend: string,
  options: { value: string; label: string; hint?: string }[],
  onChange: (value: string, on: boolean) => void,
  name: string,
  scroll = false,
): HTMLFieldSetElement {
  return h(
    'fieldset',
    { class: `checks${scroll ? ' scroll' : ''}`, 'data-group': name },
    h('legend', null, legend),
    h(
      'div',
      { class: 'checks-list' },
      options.map((o) => {
        const id = uid(`f-${name}`);
        const box = h('input', { type: 'checkbox', id, name, value: o.value });
        box.addEventListener('change', () => onChange(o.value, box.checked));
        return h(
          'div',
          { class: 'check' },
          box,
          h(
            'label',
            { for: id },
            o.label,
            o.hint ? h('span', { class: 'muted small' }, ` ${o.hint}`) : null,
          ),
        );
      }),
    ),
  );
}
