// A tiny DOM builder: elements from tag, attributes and children, never from HTML strings, so
// that text from the API can never become markup (and nothing needs 'unsafe-inline' in the CSP).

export type Child = Node | string | number | null | undefined | false | readonly Child[];
type Listener = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Listener>;

function apply(el: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      el.addEventListener(key.replace(/^on/u, '').toLowerCase(), value);
    } else if (key === 'class') {
      el.setAttribute('class', String(value));
    } else if (key === 'style') {
      throw new Error('style attributes are not allowed (CSP); use classes or element.style');
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c as readonly Child[]);
    else if (c instanceof Node) parent.appendChild(c);
    else parent.appendChild(document.createTextNode(String(c)));
  }
}

/** An HTML element. Attributes named on* that hold functions become event listeners. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element. */
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

/** Replaces every child of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A unique id for label/aria wiring. */
let counter = 0;
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** 0.3797 → "0.38"; values are shown with two decimals everywhere. */
export const fmt = (n: number, digits = 2): string => n.toFixed(digits);

/** A weight: two decimals, three when it needs them (the defaults have steps of 0.005). */
export const fmtWeight = (n: number): string => n.toFixed(3).replace(/(\.\d\d)0$/u, '$1');

/** A width as a percentage, clamped to [0, 100], set through the CSSOM (allowed by the CSP). */
export function setWidth(el: HTMLElement, fraction: number): void {
  el.style.width = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
}

/** Calls fn after `ms` of quiet; each call restarts the clock. */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): (...args: A) => void {
  let timer: number | undefined;
  return (...args: A) => {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
}

/** Singular or plural: plural(1, 'hop') → "1 hop", plural(2, 'hop') → "2 hops". */
export const plural = (n: number, word: string, many = `${word}s`): string =>
  `${n} ${n === 1 ? word : many}`;
