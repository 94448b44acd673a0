// Small shared pieces: kind badges, messages, loading states, organisation links.
import { describeError, ApiError } from './api';
import { h, type Child } from './dom';
import { KIND_LABEL } from './labels';
import type { OrgRef, OrganizationKind } from './queries';
import { href } from './router';

export function kindBadge(kind: OrganizationKind): HTMLElement {
  return h('span', { class: `badge kind kind-${kind}` }, KIND_LABEL[kind] ?? kind);
}

export function orgLink(
  org: Pick<OrgRef, 'id' | 'name'>,
  attrs: Record<string, string> = {},
): HTMLAnchorElement {
  return h('a', { href: href.org(org.id), ...attrs }, org.name);
}

export type Tone = 'info' | 'warning' | 'error' | 'empty';

/** A message box. Errors are announced (role=alert); the rest are polite status messages. */
export function message(tone: Tone, title: string, ...body: Child[]): HTMLElement {
  return h(
    'div',
    { class: `message message-${tone}`, role: tone === 'error' ? 'alert' : 'status' },
    h('p', { class: 'message-title' }, title),
    body.length ? h('div', { class: 'message-body' }, ...body) : null,
  );
}

/**
 * The message for a failed request (401s are handled globally by the sign-in screen), with a
 * "Try again" button when the failure may be passing.
 */
export function errorMessage(e: unknown, what: string, retry?: () => void): HTMLElement {
  const code = e instanceof ApiError ? e.code : '';
  const tone: Tone = code === 'FORBIDDEN' ? 'warning' : 'error';
  const transient = [
    'NETWORK',
    'INTERNAL_SERVER_ERROR',
    'SERVICE_UNAVAILABLE',
    'RATE_LIMITED',
    'HTTP_ERROR',
  ].includes(code);
  return message(
    tone,
    `Could not load ${what}.`,
    h('p', null, describeError(e)),
    retry && transient
      ? h(
          'p',
          { class: 'message-actions' },
          h('button', { type: 'button', class: 'secondary small', onclick: retry }, 'Try again'),
        )
      : null,
  );
}

export function loading(text: string): HTMLElement {
  return h(
    'p',
    { class: 'loading', role: 'status' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    text,
  );
}

/** A list of chips, or a muted "none". */
export function chips(items: readonly string[], none = 'none recorded'): HTMLElement {
  if (!items.length) return h('span', { class: 'muted' }, none);
  return h(
    'ul',
    { class: 'chips' },
    items.map((t) => h('li', { class: 'chip' }, t)),
  );
}

export function visuallyHidden(...children: Child[]): HTMLElement {
  return h('span', { class: 'visually-hidden' }, ...children);
}
