// The network neighbourhood (one or two hops) drawn with Cytoscape.js, nodes coloured and shaped
// by kind, with a legend and a text list of the same relationships for keyboard and screen-reader
// users. Cytoscape loads on demand, in its own chunk.
import type { Core, ElementDefinition, StylesheetJson } from 'cytoscape';
import { isAbort } from './api';
import { h, plural, replace, s } from './dom';
import { KIND_COLOR, KIND_LABEL, KIND_SHAPE, RELATIONSHIP_LABEL } from './labels';
import type { Panel } from './org';
import {
  neighbourhood,
  ORGANIZATION_KINDS,
  type OrgRef,
  type Organization,
  type OrganizationKind,
  type RelationshipType,
} from './queries';
import { href, navigate } from './router';
import { errorMessage, kindBadge, loading, message, orgLink } from './ui';
import type { ViewContext } from './view';

declare global {
  interface Window {
    /** The live Cytoscape instance, for tests and debugging. */
    __cy?: Core;
  }
}

const MAX_NODES = 200;
const DIRECTED: ReadonlySet<RelationshipType> = new Set([
  'SUPPLIES',
  'FUNDS',
  'SUPPORTS',
  'PART_OF',
]);

export function networkPanel(ctx: ViewContext, org: Organization, hops: 1 | 2): Panel {
  const controller = new AbortController();
  const signal = AbortSignal.any([ctx.signal, controller.signal]);
  let cy: Core | null = null;

  const hopChoice = h(
    'fieldset',
    { class: 'hops segmented' },
    h('legend', null, 'Neighbourhood'),
    ([1, 2] as const).map((n) => {
      const id = `hops-${n}`;
      const radio = h('input', {
        type: 'radio',
        name: 'hops',
        id,
        value: String(n),
        checked: n === hops,
      });
      radio.addEventListener('change', () => {
        if (radio.checked) navigate(href.network(org.id, n));
      });
      return h(
        'span',
        { class: 'segment' },
        radio,
        h(
          'label',
          { for: id },
          n === 1 ? 'Direct partners (1 hop)' : 'Partners of partners (2 hops)',
        ),
      );
    }),
  );
  const summary = h('p', { class: 'count', role: 'status', id: 'network-summary' });
  const canvas = h('div', {
    class: 'cy',
    id: 'cy',
    role: 'img',
    'aria-labelledby': 'network-summary',
  });
  const legend = h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend: node colour and shape by kind' },
    ORGANIZATION_KINDS.map((k) => h('li', null, legendShape(k), KIND_LABEL[k])),
    h('li', null, legendCentre(), `${org.name} (this organisation)`),
  );
  const textList = h('div', { class: 'network-text' });
  const body = h('div', { class: 'network-body' }, loading('Loading the network…'));
  const element = h(
    'section',
    { class: 'panel', id: 'panel-network' },
    h('h2', { class: 'panel-title' }, `${org.name}’s network`),
    h(
      'div',
      { class: 'network-toolbar' },
      hopChoice,
      h(
        'p',
        { class: 'hint' },
        'Click (or tap) an organisation to open it. Drag to pan, scroll to zoom.',
      ),
    ),
    body,
  );

  const draw = async (): Promise<void> => {
    replace(body, loading('Loading the network…'));
    try {
      const [data, cytoscape] = await Promise.all([
        neighbourhood(org.id, hops, signal),
        import('cytoscape').then((m) => m.default),
      ]);
      if (signal.aborted) return;
      if (!data) {
        replace(body, message('empty', 'This organisation no longer exists.'));
        return;
      }
      const graph = buildGraph(data.center, data.relationships, hops);
      if (graph.nodes.length <= 1) {
        replace(
          body,
          message(
            'empty',
            `${org.name} has no recorded relationships yet.`,
            h(
              'p',
              null,
              'Its match suggestions can still find partners from sectors, capabilities and descriptions.',
            ),
          ),
        );
        return;
      }
      summary.textContent = `Network of ${org.name}: ${plural(graph.nodes.length - 1, 'organisation')} within ${plural(hops, 'hop')}, ${plural(graph.edges.length, 'relationship')}${graph.truncated ? ` (the ${MAX_NODES} closest shown)` : ''}.`;
      replace(body, summary, h('div', { class: 'network-frame' }, canvas, legend), textList);
      renderTextList(textList, graph);
      preventStylesheetInjection();
      cy = cytoscape({
        container: canvas,
        elements: [...graph.nodes, ...graph.edges],
        style: STYLE,
        // A radial tree: this organisation in the middle, direct partners on the first ring,
        // their partners on the second, each near the partner that links them.
        layout: {
          name: 'breadthfirst',
          circle: true,
          roots: [org.id],
          directed: false,
          avoidOverlap: true,
          nodeDimensionsIncludeLabels: true,
          spacingFactor: hops === 2 ? 0.85 : 1,
          animate: false,
          padding: 24,
        },
        minZoom: 0.2,
        maxZoom: 3,
        boxSelectionEnabled: false,
      });
      // A small neighbourhood would be blown up to fill the frame: keep labels at a readable size.
      if (cy.zoom() > 1.25) {
        cy.zoom(1.25);
        cy.center();
      }
      cy.on('tap', 'node', (event) => {
        const id = String(event.target.id());
        if (id !== org.id) navigate(href.org(id));
      });
      cy.on('mouseover', 'node', () => canvas.classList.add('pointer'));
      cy.on('mouseout', 'node', () => canvas.classList.remove('pointer'));
      window.__cy = cy;
    } catch (e) {
      if (isAbort(e) || signal.aborted) return;
      replace(
        body,
        errorMessage(e, 'the network', () => void draw()),
      );
    }
  };
  void draw();

  return {
    element,
    destroy() {
      controller.abort();
      if (cy) {
        if (window.__cy === cy) delete window.__cy;
        cy.destroy();
        cy = null;
      }
    },
  };
}

interface Graph {
  nodes: ElementDefinition[];
  edges: ElementDefinition[];
  truncated: boolean;
  byId: Map<string, OrgRef & { hop: number }>;
  rels: { type: RelationshipType; from: OrgRef; to: OrgRef }[];
}

function buildGraph(
  center: OrgRef,
  rels: { type: RelationshipType; from: OrgRef; to: OrgRef }[],
  hops: 1 | 2,
): Graph {
  const byId = new Map<string, OrgRef & { hop: number }>([[center.id, { ...center, hop: 0 }]]);
  // Hop 1 first, so that a node reached both ways counts as a direct partner.
  for (const r of rels) {
    if (r.from.id === center.id && !byId.has(r.to.id)) byId.set(r.to.id, { ...r.to, hop: 1 });
    if (r.to.id === center.id && !byId.has(r.from.id)) byId.set(r.from.id, { ...r.from, hop: 1 });
  }
  if (hops === 2) {
    for (const r of rels) {
      for (const o of [r.from, r.to]) if (!byId.has(o.id)) byId.set(o.id, { ...o, hop: 2 });
    }
  }
  let truncated = false;
  if (byId.size > MAX_NODES) {
    truncated = true;
    const keep = [...byId.values()].sort((a, b) => a.hop - b.hop).slice(0, MAX_NODES);
    byId.clear();
    for (const o of keep) byId.set(o.id, o);
  }
  const seen = new Set<string>();
  const kept: Graph['rels'] = [];
  const edges: ElementDefinition[] = [];
  for (const r of rels) {
    if (!byId.has(r.from.id) || !byId.has(r.to.id)) continue;
    const key = `${r.from.id}|${r.to.id}|${r.type}`;
    const reverse = `${r.to.id}|${r.from.id}|${r.type}`;
    if (seen.has(key) || (r.type === 'COLLABORATES_WITH' && seen.has(reverse))) continue;
    seen.add(key);
    kept.push(r);
    const direct = r.from.id === center.id || r.to.id === center.id;
    edges.push({
      group: 'edges',
      data: { id: key, source: r.from.id, target: r.to.id, label: RELATIONSHIP_LABEL[r.type] },
      // Relationship names label the direct links; in the 2-hop view they would crowd the picture.
      classes: [
        direct ? 'direct' : 'far',
        DIRECTED.has(r.type) ? 'directed' : 'undirected',
        direct && hops === 1 ? 'labelled' : '',
      ]
        .join(' ')
        .trim(),
    });
  }
  const nodes: ElementDefinition[] = [...byId.values()].map((o) => ({
    group: 'nodes',
    data: { id: o.id, label: o.name, hop: o.hop, kind: o.kind },
    classes: o.hop === 0 ? 'centre' : `hop${o.hop}`,
  }));
  return { nodes, edges, truncated, byId, rels: kept };
}

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': KIND_COLOR.OTHER,
      label: 'data(label)',
      width: 24,
      height: 24,
      'font-size': 12,
      'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      color: '#1c2430',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '130px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      'border-width': 1.5,
      'border-color': '#ffffff',
    },
  },
  ...ORGANIZATION_KINDS.map((kind) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': KIND_COLOR[kind], shape: KIND_SHAPE[kind] },
  })),
  { selector: 'node.hop2', style: { width: 18, height: 18, 'font-size': 11, color: '#3b4452' } },
  {
    selector: 'node.centre',
    style: {
      width: 40,
      height: 40,
      'font-size': 14,
      'font-weight': 'bold',
      'border-width': 4,
      'border-color': '#1c2430',
      'z-index': 10,
    },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#9aa3af',
      'curve-style': 'bezier',
      'target-arrow-color': '#9aa3af',
      'arrow-scale': 0.8,
    },
  },
  { selector: 'edge.directed', style: { 'target-arrow-shape': 'triangle' } },
  {
    selector: 'edge.direct',
    style: { width: 2.5, 'line-color': '#5f6670', 'target-arrow-color': '#5f6670' },
  },
  {
    selector: 'edge.labelled',
    style: {
      label: 'data(label)',
      'font-size': 9,
      // Too small to read when zoomed out: shown once the user zooms in.
      'min-zoomed-font-size': 8,
      color: '#3b4452',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': '1px',
    },
  },
  { selector: 'edge.far', style: { 'line-style': 'dashed' } },
  { selector: 'node:active, node:selected', style: { 'overlay-opacity': 0.15 } },
];

function renderTextList(host: HTMLElement, graph: Graph): void {
  const partners = [...graph.byId.values()]
    .filter((o) => o.hop > 0)
    .sort((a, b) => a.hop - b.hop || a.name.localeCompare(b.name));
  replace(
    host,
    h(
      'details',
      null,
      h(
        'summary',
        null,
        `The same network as a list (${plural(partners.length, 'organisation')}, ${plural(graph.rels.length, 'relationship')})`,
      ),
      h(
        'div',
        { class: 'network-lists' },
        h(
          'section',
          null,
          h('h3', { class: 'h-small' }, 'Organisations'),
          h(
            'ul',
            null,
            partners.map((o) =>
              h(
                'li',
                null,
                orgLink(o),
                ' ',
                kindBadge(o.kind as OrganizationKind),
                h(
                  'span',
                  { class: 'muted small' },
                  o.hop === 1 ? ' direct partner' : ' 2 hops away',
                ),
              ),
            ),
          ),
        ),
        h(
          'section',
          null,
          h('h3', { class: 'h-small' }, 'Relationships'),
          h(
            'ul',
            null,
            graph.rels.map((r) =>
              h(
                'li',
                null,
                r.from.name,
                ' ',
                h('em', null, RELATIONSHIP_LABEL[r.type]),
                ' ',
                r.to.name,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * Cytoscape adds a <style> element (".__________cytoscape_container { position: relative }")
 * unless one with its id exists; under a strict CSP that insert is refused and reported. The rule
 * lives in styles.css, and this marker tells Cytoscape it is already there.
 */
function preventStylesheetInjection(): void {
  const id = '__________cytoscape_stylesheet';
  if (document.getElementById(id)) return;
  const marker = document.createElement('meta');
  marker.id = id;
  marker.name = 'cytoscape-stylesheet';
  marker.content = 'styles.css';
  document.head.append(marker);
}

function legendShape(kind: OrganizationKind): SVGSVGElement {
  const color = KIND_COLOR[kind];
  const shape = KIND_SHAPE[kind];
  const fill = { fill: color, stroke: '#ffffff', 'stroke-width': 1 };
  let el: SVGElement;
  switch (shape) {
    case 'diamond':
      el = s('polygon', { points: '8,1 15,8 8,15 1,8', ...fill });
      break;
    case 'round-rectangle':
      el = s('rect', { x: 1.5, y: 2.5, width: 13, height: 11, rx: 3, ...fill });
      break;
    case 'triangle':
      el = s('polygon', { points: '8,1.5 15,14.5 1,14.5', ...fill });
      break;
    case 'hexagon':
      el = s('polygon', { points: '4,2 12,2 15.5,8 12,14 4,14 0.5,8', ...fill });
      break;
    case 'rectangle':
      el = s('rect', { x: 2, y: 2, width: 12, height: 12, ...fill });
      break;
    case 'star':
      el = s('polygon', {
        points: '8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.6 3.2,15 5,9.5 0.5,6 6,6',
        ...fill,
      });
      break;
    case 'octagon':
      el = s('polygon', { points: '5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5', ...fill });
      break;
    default:
      el = s('circle', { cx: 8, cy: 8, r: 7, ...fill });
  }
  return s(
    'svg',
    { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': 'true', class: 'legend-shape' },
    el,
  );
}

function legendCentre(): SVGSVGElement {
  return s(
    'svg',
    { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': 'true', class: 'legend-shape' },
    s('circle', { cx: 8, cy: 8, r: 6, fill: '#ffffff', stroke: '#1c2430', 'stroke-width': 3 }),
  );
}
