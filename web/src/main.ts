// The dashboard's shell: sign-in, the header, and the hash router that mounts one view at a time.
import './styles.css';
import { ApiError, configureClient, describeError } from './api';
import { h, replace } from './dom';
import { ecosystemView } from './ecosystem';
import { orgView } from './org';
import { checkToken } from './queries';
import { href, parseRoute, type Route } from './router';
import { searchView } from './search';
import { clearSession, loadSession, saveSession, sessionOf, type Session } from './session';
import { message } from './ui';
import type { View, ViewContext } from './view';

const ROLE_LABEL = {
  ADMIN: 'Administrator',
  OFFICER: 'Officer',
  ENTERPRISE: 'Enterprise',
} as const;

const root = document.getElementById('app') as HTMLElement;
let session: Session | null = loadSession();
let current: { key: string; view: View; controller: AbortController } | null = null;
let signInNotice: { tone: 'error' | 'warning' | 'info'; text: string } | null = null;
let firstRender = true;

configureClient(
  () => session?.token ?? null,
  (error: ApiError) => signOut(error.expired ? 'expired' : 'invalid', error),
);

function signOut(reason: 'user' | 'expired' | 'invalid', error?: ApiError): void {
  session = null;
  clearSession();
  signInNotice =
    reason === 'expired'
      ? { tone: 'warning', text: 'Your token has expired. Sign in again with a new token.' }
      : reason === 'invalid'
        ? { tone: 'error', text: error ? describeError(error) : 'The token was not accepted.' }
        : {
            tone: 'info',
            text: 'You are signed out. The token was removed from this browser tab.',
          };
  unmount();
  render();
}

function unmount(): void {
  if (!current) return;
  current.controller.abort();
  current.view.destroy?.();
  current = null;
}

// ---------- sign-in ----------

function renderSignIn(): void {
  const input = h('textarea', {
    id: 'token-input',
    name: 'token',
    rows: 4,
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'off',
    required: true,
    'aria-describedby': 'token-help',
  });
  const status = h('div', { class: 'signin-status' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'signin-form', novalidate: true },
    h('label', { for: 'token-input' }, 'Access token'),
    input,
    h(
      'p',
      { id: 'token-help', class: 'hint' },
      'Paste the token you were given (a JWT). Officers can mint one with ',
      h('code', null, 'npm run token -- --role OFFICER'),
      '; an enterprise token is bound to its own organisation. The token stays in this browser tab only.',
    ),
    button,
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void signIn(input.value, status, button);
  });
  replace(
    root,
    h(
      'main',
      { id: 'main', class: 'signin', tabindex: '-1' },
      h(
        'section',
        { class: 'signin-card', 'aria-labelledby': 'signin-title' },
        h('p', { class: 'brand-line' }, 'Partner matchmaking'),
        h('h1', { id: 'signin-title' }, 'Sign in to the dashboard'),
        signInNotice
          ? message(signInNotice.tone === 'info' ? 'info' : signInNotice.tone, signInNotice.text)
          : null,
        form,
      ),
    ),
  );
  document.title = 'Sign in · Partner matchmaking';
  input.focus();
}

async function signIn(raw: string, status: HTMLElement, button: HTMLButtonElement): Promise<void> {
  const token = raw.trim().replace(/^Bearer\s+/iu, '');
  if (!token) {
    replace(status, message('error', 'Paste a token first.'));
    return;
  }
  const candidate = sessionOf(token);
  if (!candidate) {
    replace(
      status,
      message(
        'error',
        'This does not look like a token: a token has three parts separated by dots.',
      ),
    );
    return;
  }
  button.disabled = true;
  replace(status, h('p', { class: 'loading', role: 'status' }, 'Checking the token…'));
  try {
    await checkToken(candidate.token);
  } catch (e) {
    button.disabled = false;
    const expired = e instanceof ApiError && e.expired;
    replace(
      status,
      message(
        expired ? 'warning' : 'error',
        expired ? 'This token has expired.' : 'Sign-in failed.',
        h(
          'p',
          null,
          expired ? 'Ask for a new token (or mint one) and sign in again.' : describeError(e),
        ),
      ),
    );
    return;
  }
  session = candidate;
  saveSession(candidate);
  signInNotice = null;
  firstRender = true;
  const route = parseRoute(location.hash);
  if (route.name === 'home' || route.name === 'unknown') location.replace(homeHash());
  render();
}

// ---------- the signed-in shell ----------

function homeHash(): string {
  return session?.role === 'ENTERPRISE' && session.organizationId
    ? href.org(session.organizationId)
    : href.search();
}

function expiryText(s: Session): string | null {
  if (!s.expiresAt) return null;
  const minutes = Math.round((s.expiresAt - Date.now()) / 60_000);
  if (minutes <= 0) return 'token expired';
  if (minutes < 60) return `token expires in ${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48
    ? `token expires in ${hours} h`
    : `token expires in ${Math.round(hours / 24)} days`;
}

function header(s: Session, route: Route): HTMLElement {
  const section = route.name === 'org' ? 'org' : route.name;
  const link = (label: string, to: string, active: boolean) =>
    h(
      'li',
      null,
      h('a', { href: to, class: 'nav-link', 'aria-current': active ? 'page' : null }, label),
    );
  const own = s.role === 'ENTERPRISE' && s.organizationId ? s.organizationId : null;
  const ownActive = own !== null && route.name === 'org' && route.id === own;
  const who = `${s.role ? ROLE_LABEL[s.role] : 'Unknown role'}${own ? ` (${own})` : ''}`;
  return h(
    'header',
    { class: 'app-header' },
    h('a', { class: 'skip-link', href: '#main', onclick: skipToMain }, 'Skip to content'),
    h(
      'div',
      { class: 'header-inner' },
      h(
        'a',
        { class: 'brand', href: homeHash() },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
        'Partner matchmaking',
      ),
      h(
        'nav',
        { 'aria-label': 'Main' },
        h(
          'ul',
          { class: 'nav' },
          own ? link('My organisation', href.org(own), ownActive) : null,
          link('Search', href.search(), section === 'search' || (section === 'org' && !ownActive)),
          link('Ecosystem', href.ecosystem(), section === 'ecosystem'),
        ),
      ),
      h(
        'div',
        { class: 'session' },
        h('span', { class: 'session-who' }, `Signed in: ${who}`),
        expiryText(s) ? h('span', { class: 'session-expiry' }, expiryText(s)) : null,
        h(
          'button',
          { type: 'button', class: 'ghost', id: 'sign-out', onclick: () => signOut('user') },
          'Sign out',
        ),
      ),
    ),
  );
}

function skipToMain(event: Event): void {
  // A plain #main link would change the route; move focus instead.
  event.preventDefault();
  document.getElementById('main')?.focus();
}

function viewKey(route: Route): string {
  switch (route.name) {
    case 'org':
      return `org:${route.id}`;
    case 'unknown':
      return `unknown:${route.hash}`;
    default:
      return route.name;
  }
}

function render(): void {
  if (!session) {
    renderSignIn();
    return;
  }
  const route = parseRoute(location.hash);
  if (route.name === 'home') {
    location.replace(homeHash());
    return;
  }
  const key = viewKey(route);
  // The header always reflects the route; the view is kept when only its state changes.
  const main =
    current?.key === key ? (document.getElementById('main') as HTMLElement | null) : null;
  const head = header(session, route);
  if (current && main && current.view.update?.(route)) {
    root.querySelector('header.app-header')?.replaceWith(head);
    return;
  }
  unmount();
  const newMain = h('main', { id: 'main', tabindex: '-1' });
  replace(root, head, newMain, footer());
  const controller = new AbortController();
  const ctx: ViewContext = { session, main: newMain, signal: controller.signal };
  const view = mount(route, ctx);
  current = { key, view, controller };
  if (!firstRender) newMain.querySelector<HTMLElement>('h1')?.focus();
  firstRender = false;
}

function mount(route: Route, ctx: ViewContext): View {
  switch (route.name) {
    case 'search':
      return searchView(ctx, route);
    case 'org':
      return orgView(ctx, route);
    case 'ecosystem':
      return ecosystemView(ctx);
    case 'home':
    case 'unknown':
      replace(
        ctx.main,
        h('h1', { tabindex: '-1' }, 'Page not found'),
        message(
          'empty',
          'There is no page at this address.',
          h('p', null, h('a', { href: homeHash() }, 'Go to the start page')),
        ),
      );
      document.title = 'Not found · Partner matchmaking';
      return {};
  }
}

function footer(): HTMLElement {
  return h(
    'footer',
    { class: 'app-footer' },
    h(
      'p',
      null,
      'Suggestions are computed from the ecosystem graph; every score comes with its evidence. Data: GraphQL API at ',
      h('code', null, '/graphql'),
      '.',
    ),
  );
}

window.addEventListener('hashchange', () => {
  if (session) render();
});

// A stale session (expired while the tab was closed) goes straight to the sign-in screen.
if (session?.expiresAt && session.expiresAt <= Date.now()) {
  session = null;
  clearSession();
  signInNotice = {
    tone: 'warning',
    text: 'Your token has expired. Sign in again with a new token.',
  };
}
render();
