// Horizontal bar charts as inline SVG with text labels: light, printable, and readable by screen
// readers (a <title>/<desc> summary, and the numbers as a table next to the chart).
import { h, s, uid } from './dom';

export interface BarRow {
  label: string;
  value: number;
  color?: string;
  /** Where the row's label in the data table links to. */
  href?: string;
}

const ROW = 26;
const BAR = 16;
const PAD = 6;

/**
 * A chart drawn at its natural size (`width` CSS pixels, text at 12–13 px) that shrinks with a
 * narrower container but never grows, so labels stay the size of the page's text.
 */
export function barChart(options: {
  title: string;
  rows: BarRow[];
  unit: string;
  width?: number;
  labelWidth?: number;
  color?: string;
}): HTMLElement {
  const { title, rows, unit } = options;
  const WIDTH = options.width ?? 720;
  const labelWidth = options.labelWidth ?? 300;
  const valueWidth = 56;
  const barMax = WIDTH - labelWidth - valueWidth - PAD * 2;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * ROW + PAD * 2;
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  const maxChars = Math.floor(labelWidth / 7.6);
  const top = [...rows].sort((a, b) => b.value - a.value)[0];

  const svg = s(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${WIDTH} ${height}`,
      width: '100%',
      preserveAspectRatio: 'xMinYMin meet',
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      focusable: 'false',
    },
    s('title', { id: titleId }, title),
    s(
      'desc',
      { id: descId },
      top
        ? `${rows.length} bars; the largest is ${top.label} with ${top.value} ${unit}.`
        : 'No data.',
    ),
    rows.map((r, i) => {
      const y = PAD + i * ROW;
      const w = Math.max(r.value > 0 ? 2 : 0, (r.value / max) * barMax);
      const label =
        r.label.length > maxChars ? `${r.label.slice(0, maxChars - 1).trimEnd()}…` : r.label;
      return s(
        'g',
        { class: 'chart-row' },
        label !== r.label ? s('title', null, r.label) : null,
        s(
          'text',
          {
            x: labelWidth - 8,
            y: y + BAR / 2 + 1,
            'text-anchor': 'end',
            'dominant-baseline': 'middle',
            class: 'chart-label',
          },
          label,
        ),
        s('rect', {
          x: labelWidth,
          y,
          width: w.toFixed(1),
          height: BAR,
          rx: 2,
          fill: r.color ?? options.color ?? '#1f5fa8',
        }),
        s(
          'text',
          {
            x: labelWidth + w + 6,
            y: y + BAR / 2 + 1,
            'dominant-baseline': 'middle',
            class: 'chart-value',
          },
          String(r.value),
        ),
      );
    }),
  );

  svg.style.maxWidth = `${WIDTH}px`;

  const table = h(
    'details',
    { class: 'chart-table' },
    h('summary', null, 'Show the numbers as a table'),
    h(
      'table',
      null,
      h('caption', { class: 'visually-hidden' }, title),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, 'Name'),
          h('th', { scope: 'col', class: 'num' }, capitalise(unit)),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, r.href ? h('a', { href: r.href }, r.label) : r.label),
            h('td', { class: 'num' }, String(r.value)),
          ),
        ),
      ),
    ),
  );

  return h(
    'figure',
    { class: 'chart-figure' },
    h('figcaption', { class: 'chart-caption' }, title),
    svg,
    table,
  );
}

const capitalise = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);
