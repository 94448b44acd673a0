// The ecosystem at a glance: counts by kind and sector, and the top connectors, as charts.
import { isAbort } from './api';
import { barChart } from './charts';
import { h, replace } from './dom';
import { KIND_COLOR, KIND_LABEL } from './labels';
import { ecosystemStats } from './queries';
import { href } from './router';
import { errorMessage, loading, message } from './ui';
import type { View, ViewContext } from './view';

export function ecosystemView(ctx: ViewContext): View {
  const body = h('div', { class: 'ecosystem' }, loading('Loading the ecosystem…'));
  replace(
    ctx.main,
    h('h1', { tabindex: '-1' }, 'The ecosystem'),
    h(
      'p',
      { class: 'lede' },
      'Who is in the graph, in which sectors, and who connects the most organisations.',
    ),
    body,
  );
  document.title = 'Ecosystem · Partner matchmaking';

  const load = (): void => {
    replace(body, loading('Loading the ecosystem…'));
    ecosystemStats(ctx.signal).then(
      (stats) => {
        if (stats.organizationCount === 0) {
          replace(
            body,
            message(
              'empty',
              'The ecosystem is empty.',
              h(
                'p',
                null,
                'No organisation has been loaded yet: import a graph file or seed the store.',
              ),
            ),
          );
          return;
        }
        const byKind = [...stats.byKind]
          .filter((k) => k.count > 0)
          .sort((a, b) => b.count - a.count);
        const bySector = [...stats.bySector]
          .filter((x) => x.count > 0)
          .sort((a, b) => b.count - a.count || a.sector.name.localeCompare(b.sector.name));
        replace(
          body,
          h(
            'ul',
            { class: 'tiles', 'aria-label': 'Totals' },
            tile('Organisations', stats.organizationCount),
            tile('Relationships', stats.relationshipCount),
            tile('Sectors', stats.bySector.length),
            tile('Kinds', byKind.length),
          ),
          h(
            'div',
            { class: 'chart-grid' },
            h(
              'section',
              { class: 'card chart-card', 'aria-labelledby': 'chart-kinds-h' },
              h('h2', { id: 'chart-kinds-h' }, 'Organisations by kind'),
              barChart({
                title: 'Organisations by kind',
                unit: 'organisations',
                width: 540,
                labelWidth: 110,
                rows: byKind.map((k) => ({
                  label: KIND_LABEL[k.kind] ?? k.kind,
                  value: k.count,
                  color: KIND_COLOR[k.kind],
                  href: href.search('', k.kind),
                })),
              }),
            ),
            h(
              'section',
              { class: 'card chart-card', 'aria-labelledby': 'chart-connectors-h' },
              h('h2', { id: 'chart-connectors-h' }, 'Top connectors'),
              h(
                'p',
                { class: 'hint' },
                'Organisations with the most relationships, in either direction; bars coloured by kind.',
              ),
              stats.topConnectors.length
                ? barChart({
                    title: 'Top connectors by number of relationships',
                    unit: 'relationships',
                    width: 540,
                    labelWidth: 270,
                    rows: stats.topConnectors.map((c) => ({
                      label: c.organization.name,
                      value: c.degree,
                      color: KIND_COLOR[c.organization.kind],
                      href: href.org(c.organization.id),
                    })),
                  })
                : message('empty', 'No relationships recorded yet.'),
            ),
            h(
              'section',
              { class: 'card chart-card wide', 'aria-labelledby': 'chart-sectors-h' },
              h('h2', { id: 'chart-sectors-h' }, 'Organisations by sector'),
              h('p', { class: 'hint' }, 'An organisation can be in several sectors.'),
              bySector.length
                ? barChart({
                    title: 'Organisations by sector',
                    unit: 'organisations',
                    width: 920,
                    labelWidth: 380,
                    color: '#1b7f5a',
                    rows: bySector.map((x) => ({
                      label: x.sector.name,
                      value: x.count,
                      href: href.search('', '', x.sector.id),
                    })),
                  })
                : message('empty', 'No sectors recorded yet.'),
            ),
          ),
        );
      },
      (e: unknown) => {
        if (!isAbort(e)) replace(body, errorMessage(e, 'the ecosystem statistics', load));
      },
    );
  };
  load();
  return {};
}

function tile(label: string, value: number): HTMLLIElement {
  return h(
    'li',
    { class: 'tile' },
    h('span', { class: 'tile-value' }, value.toLocaleString('en')),
    h('span', { class: 'tile-label' }, label),
  );
}
