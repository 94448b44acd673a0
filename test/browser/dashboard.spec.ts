// The officer dashboard in a real browser (Chromium through playwright-core) against the real
// application started in-process: sign-in, search, suggestions and what-if weights, the network
// graph, introduction paths, the ecosystem charts, enterprise limits, expired tokens, errors and
// keyboard use. Screenshots of every page go to test-artifacts/screenshots/.
//
// Needs /usr/bin/chromium (Debian's `chromium` package). Without it the suite is skipped with a
// banner, except under CI=true, where that is a failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_SIGNAL_WEIGHTS } from '../../src/matching/core/default-weights';
import { AppModule } from '../../src/app.module';
import { WebModule } from '../../src/web/web.module';
import { startTestApp, type TestApp } from '../support/app';

const ROOT = join(__dirname, '..', '..');
const WEB_SRC = join(ROOT, 'web');
const WEB_INDEX = join(ROOT, 'dist', 'dashboard', 'index.html');
const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  if (process.env.CI === 'true') {
    throw new Error(
      `CI=true but ${CHROMIUM} is missing: the dashboard browser tests cannot run (apt-get install chromium).`,
    );
  }
  const lines = [
    'DASHBOARD BROWSER TESTS SKIPPED',
    `${CHROMIUM} is missing.`,
    "Install Debian's chromium package to run them.",
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  process.stderr.write(
    `\n${'*'.repeat(width)}\n${lines.map((l) => `* ${l.padEnd(width - 4)} *`).join('\n')}\n${'*'.repeat(width)}\n\n`,
  );
}

/** The newest modification time under a directory (the dashboard's sources). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Builds web/ into dist/dashboard when the build is missing or older than its sources. Vite is
 * ESM-only and Jest's CommonJS module registry cannot load it, so its `build()` API runs in a
 * child Node process.
 */
function ensureDashboardBuilt(): void {
  if (existsSync(WEB_INDEX) && statSync(WEB_INDEX).mtimeMs >= newest(WEB_SRC)) return;
  process.stderr.write('Building the dashboard (vite build --config web/vite.config.ts)…\n');
  const script = `import('vite').then((v) => v.build({ configFile: ${JSON.stringify(join(WEB_SRC, 'vite.config.ts'))}, logLevel: 'warn' })).catch((e) => { console.error(e); process.exit(1); });`;
  execFileSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 120_000,
  });
}

/**
 * The dashboard is served by WebModule, which belongs in AppModule's imports. Until it is there,
 * add it for this suite (and say so), so that the tests exercise the real module either way.
 */
function ensureWebModuleInAppModule(): void {
  const imports = (Reflect.getMetadata('imports', AppModule) as unknown[] | undefined) ?? [];
  if (imports.includes(WebModule)) return;
  process.stderr.write(
    'NOTE: AppModule does not import WebModule yet; the dashboard suite adds it for its own app.\n',
  );
  Reflect.defineMetadata('imports', [...imports, WebModule], AppModule);
}

/**
 * What page functions see (the test compiles without the DOM library). Predicates are functions,
 * not strings: Playwright would evaluate a string with eval(), which the page's CSP refuses.
 */
interface PageGlobals {
  __cy?: {
    nodes(): { length: number; map<T>(f: (n: { style(name: string): string }) => T): T[] };
    $id(id: string): { renderedPosition(): { x: number; y: number } };
  };
  __cspViolations?: string[];
  requestAnimationFrame(callback: () => void): number;
  document: {
    activeElement: { id: string } | null;
    querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
  };
}
const cyNodes = (page: Page): Promise<number> =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).__cy?.nodes().length ?? 0);
const waitForNodes = (page: Page, moreThan: number) =>
  page.waitForFunction(
    (n) => ((globalThis as unknown as PageGlobals).__cy?.nodes().length ?? 0) > n,
    moreThan,
  );
const activeId = (page: Page): Promise<string | null> =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.id ?? null);

const suite = haveChromium ? describe : describe.skip;

suite('officer dashboard (browser)', () => {
  let api: TestApp;
  let browser: Browser;
  let base: string;
  let officer: string;
  let enterprise: string;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    ensureDashboardBuilt();
    ensureWebModuleInAppModule();
    mkdirSync(SHOTS, { recursive: true });
    api = await startTestApp();
    base = api.url.replace(/graphql$/u, '');
    officer = await api.token('OFFICER');
    enterprise = await api.token('ENTERPRISE', 'westwell');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Any CSP refusal (inline script or style, a foreign origin) is recorded and fails the test.
    await page.addInitScript(
      "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
    );
  });

  afterEach(async () => {
    const violations = await page
      .evaluate(() => (globalThis as unknown as PageGlobals).__cspViolations ?? [])
      .catch(() => []);
    await context.close();
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  const shot = (name: string, fullPage = false) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });

  async function signIn(token: string, hash = ''): Promise<void> {
    await page.goto(`${base}${hash}`);
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('header.app-header').waitFor();
  }

  /** The suggested organisations' ids, in rank order. */
  const order = (): Promise<string[]> =>
    page.evaluate(() =>
      Array.from(
        (globalThis as unknown as PageGlobals).document.querySelectorAll('#suggestions > li'),
      ).map((li) => li.getAttribute('data-org-id') ?? ''),
    );

  it('is served at / with a strict CSP, and leaves /graphql and /health to the API', async () => {
    const res = await fetch(base);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/u);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/u); // no inline script
    expect(html).not.toMatch(/https?:\/\//u); // nothing from elsewhere
    expect((await fetch(`${base}health/ready`)).status).toBe(200);
    const gql = await fetch(`${base}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ sectors { id } }"}',
    });
    expect(gql.status).toBe(401);
    await page.goto(base);
    await page.getByLabel('Access token').waitFor();
    await shot('01-sign-in');
  });

  it('officer: search "Gotion", open it, see ranked suggestions with reasons and signal bars', async () => {
    await signIn(officer);
    expect(page.url()).toMatch(/#\/search$/u);
    await page.getByLabel('Name or alias').fill('Gotion');
    await page.getByRole('button', { name: 'Search' }).click();
    const hit = page.locator('.result[data-org-id="gotion"] a');
    await hit.waitFor();
    await shot('02-search-gotion');
    await hit.click();
    await page.waitForURL(/#\/org\/gotion$/u);
    await page.getByRole('heading', { level: 1, name: 'Gotion', exact: true }).waitFor();
    const cards = page.locator('#suggestions > li');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(2);
    const first = cards.first();
    expect(await first.locator('.reasons li').count()).toBeGreaterThan(0);
    expect(await first.locator('.signal-row').count()).toBe(
      Object.keys(DEFAULT_SIGNAL_WEIGHTS).length,
    );
    expect(await first.locator('.score-value').textContent()).toMatch(/^0\.\d\d$/u);
    // Capability matches (need ↔ offer, with similarity) appear for at least one candidate.
    expect(await page.locator('.capabilities tbody tr').count()).toBeGreaterThan(0);
    await shot('03-org-suggestions');
    // The click-through opens the candidate.
    const candidate = (await order())[0];
    await first.locator('.candidate-link').click();
    await page.waitForURL(new RegExp(`#/org/${candidate}$`, 'u'));
    await page.locator('#suggestions > li').first().waitFor();
  });

  it('officer: weight sliders re-rank live (everything but GEOGRAPHY at 0)', async () => {
    await signIn(officer, '#/org/gotion');
    await page.locator('#suggestions > li').first().waitFor();
    const before = await order();
    // The sliders start at the API's defaults exactly (a slider snaps its value to its step).
    for (const [kind, weight] of Object.entries(DEFAULT_SIGNAL_WEIGHTS)) {
      expect(Number(await page.locator(`#weight-${kind}`).inputValue())).toBeCloseTo(weight, 9);
    }
    // The API says where they come from: the seed is too small to fit weights on.
    await expect(page.getByTestId('weight-source').textContent()).resolves.toBe(
      'Reset gives the tuned defaults.',
    );
    // Keyboard only: Home sets a slider to 0, End to 1.
    for (const kind of ['COMPLEMENTARITY', 'SECTOR', 'CAPABILITY', 'TEXT', 'NETWORK', 'ACTIVITY']) {
      await page.locator(`#weight-${kind}`).focus();
      await page.keyboard.press('Home');
    }
    await page.locator('#weight-GEOGRAPHY').focus();
    await page.keyboard.press('End');
    await expect(page.locator('#weight-GEOGRAPHY-value').textContent()).resolves.toBe('1.00');
    await page.waitForFunction((prev) => {
      const items = Array.from(
        (globalThis as unknown as PageGlobals).document.querySelectorAll('#suggestions > li'),
      );
      const ids = items.map((li) => li.getAttribute('data-org-id')).join();
      return ids !== '' && ids !== prev;
    }, before.join());
    const after = await order();
    expect(after).not.toEqual(before);
    await expect(page.locator('#suggestions-status').textContent()).resolves.toMatch(
      /ranked with your weights/u,
    );
    // The top candidate's score is now its geography value alone.
    const top = page.locator('#suggestions > li').first();
    expect(await top.locator('[data-signal="GEOGRAPHY"] .signal-num').textContent()).toMatch(
      /weight 1\.00/u,
    );
    expect(await top.locator('[data-signal="NETWORK"] .signal-num').textContent()).toMatch(
      /^\+0\.00/u,
    );
    await shot('04-org-what-if-geography');
    // All weights at 0 is refused in the page, before asking the API.
    await page.locator('#weight-GEOGRAPHY').focus();
    await page.keyboard.press('Home');
    await page.getByText('At least one weight must be above 0.').waitFor();
  });

  it('officer: the network neighbourhood is drawn with Cytoscape, coloured by kind; a node opens its organisation', async () => {
    await signIn(officer, '#/org/westwell');
    await page.getByRole('link', { name: 'Network' }).click();
    await page.waitForURL(/#\/org\/westwell\/network$/u);
    await waitForNodes(page, 1);
    expect(await page.locator('#cy canvas').count()).toBeGreaterThan(0);
    const oneHop = await cyNodes(page);
    expect(oneHop).toBeGreaterThan(5);
    const colours = await page.evaluate(() => {
      const nodes = (globalThis as unknown as PageGlobals).__cy?.nodes();
      return nodes ? [...new Set(nodes.map((n) => n.style('background-color')))] : [];
    });
    expect(colours.length).toBeGreaterThan(1);
    expect(await page.locator('.legend li').count()).toBeGreaterThanOrEqual(8);
    await page.locator('#cy').scrollIntoViewIfNeeded();
    await shot('05-network-1-hop');

    await page.getByText('Partners of partners (2 hops)').click();
    await page.waitForURL(/network\?hops=2$/u);
    await waitForNodes(page, oneHop);
    await page.locator('#cy').scrollIntoViewIfNeeded();
    await shot('06-network-2-hops');

    // Back to the direct partners; clicking a node opens that organisation.
    await page.getByText('Direct partners (1 hop)').click();
    await page.waitForURL(/#\/org\/westwell\/network$/u);
    // The 2-hop graph is replaced by a new one-hop graph (waiting for "> 1" could see the old one).
    await page.waitForFunction(
      (n) => (globalThis as unknown as PageGlobals).__cy?.nodes().length === n,
      oneHop,
    );
    await page.locator('#cy').scrollIntoViewIfNeeded();
    // Cytoscape re-reads where its container is on the next frames after a scroll.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const g = globalThis as unknown as PageGlobals;
          g.requestAnimationFrame(() => g.requestAnimationFrame(resolve));
        }),
    );
    const box = await page.locator('#cy').boundingBox();
    const pos = await page.evaluate(
      () => (globalThis as unknown as PageGlobals).__cy?.$id('polyu').renderedPosition() ?? null,
    );
    expect(box).not.toBeNull();
    expect(pos).not.toBeNull();
    await page.mouse.click(box!.x + pos!.x, box!.y + pos!.y);
    await page.waitForURL(/#\/org\/polyu$/u);
    await page
      .getByRole('heading', { level: 1, name: 'Hong Kong Polytechnic University' })
      .waitFor();
  });

  it('officer: finds the introduction path gotion → polyu', async () => {
    await signIn(officer, '#/org/gotion/paths');
    await page.getByLabel('Organisation to reach').fill('polytechnic');
    await page.locator('#paths-hits a', { hasText: 'Hong Kong Polytechnic University' }).click();
    await page.waitForURL(/#\/org\/gotion\/paths\/polyu$/u);
    const path = page.locator('.path').first();
    await path.waitFor();
    const text = (await path.textContent()) ?? '';
    expect(text).toMatch(/Gotion/u);
    expect(text).toMatch(/Office for Attracting Strategic Enterprises/u);
    expect(text).toMatch(/Hong Kong Polytechnic University/u);
    expect(text).toMatch(/3 hops/u);
    await shot('07-introduction-paths');

    // The "Introduction paths" button of a suggestion shows the paths in place.
    await page.getByRole('link', { name: 'Match suggestions' }).click();
    const button = page
      .locator('#suggestions > li')
      .first()
      .getByRole('button', { name: 'Introduction paths' });
    await button.click();
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
    await page
      .locator('#suggestions > li')
      .first()
      .locator('.card-paths .paths, .card-paths .message')
      .first()
      .waitFor();
  });

  it('ecosystem page: counts by kind and sector and top connectors as SVG charts with text labels', async () => {
    await signIn(officer, '#/ecosystem');
    await page.locator('svg.chart').first().waitFor();
    expect(await page.locator('svg.chart').count()).toBe(3);
    const labels = await page.locator('svg.chart text.chart-label').allTextContents();
    expect(labels).toEqual(
      expect.arrayContaining(['Enterprise', 'Westwell Technology', 'AI and data science']),
    );
    expect(await page.locator('.tile').first().textContent()).toMatch(/\d+\s*Organisations/u);
    await shot('08-ecosystem', true);
  });

  it('enterprise (westwell): opens its own suggestions and explains the limits for another organisation', async () => {
    await signIn(enterprise);
    await page.waitForURL(/#\/org\/westwell$/u);
    await page.locator('#suggestions > li').first().waitFor();
    await expect(
      page.getByRole('link', { name: 'My organisation' }).getAttribute('aria-current'),
    ).resolves.toBe('page');
    await shot('09-enterprise-own-suggestions');

    await page.goto(`${base}#/org/gotion`);
    await page
      .getByText('Match suggestions for Gotion are not available with your token.')
      .waitFor();
    await page
      .getByText('An enterprise token shows the suggestions of its own organisation only')
      .waitFor();
    expect(await page.locator('#suggestions > li').count()).toBe(0);
    await shot('10-enterprise-other-organisation');
    // Its network is public.
    await page.getByRole('link', { name: 'Network' }).click();
    await waitForNodes(page, 1);
  });

  it('expired tokens: refused at sign-in, and a session that expires sends the user back with a clear message', async () => {
    const short = await api.token('OFFICER', undefined, 1);
    await new Promise((r) => setTimeout(r, 2100));
    await page.goto(base);
    await page.getByLabel('Access token').fill(short);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This token has expired.').waitFor();
    await shot('11-expired-token');

    const soon = await api.token('OFFICER', undefined, 4);
    await signIn(soon, '#/search');
    await page.locator('#search-results li').first().waitFor();
    await new Promise((r) => setTimeout(r, 4500));
    await page.getByRole('link', { name: 'Ecosystem' }).click();
    await page.getByText('Your token has expired. Sign in again with a new token.').waitFor();
    await expect(page.getByLabel('Access token').isVisible()).resolves.toBe(true);
  });

  it('empty results and server errors get clear messages; sign-out forgets the token', async () => {
    await signIn(officer, '#/search?q=zzqxv-nothing');
    await page.getByText('No organisation matches “zzqxv-nothing”.').waitFor();
    await shot('12-empty-search');

    await page.route('**/graphql', async (route) => {
      if (!(route.request().postData() ?? '').includes('ecosystemStats')) return route.continue();
      return route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({
          errors: [
            {
              message: 'Internal server error (correlation id abc-123)',
              extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'abc-123' },
            },
          ],
        }),
      });
    });
    await page.getByRole('link', { name: 'Ecosystem' }).click();
    await page.getByText(/The server had a problem answering \(reference abc-123\)/u).waitFor();
    await shot('13-server-error');
    await page.unroute('**/graphql');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    await page.reload();
    await expect(page.getByLabel('Access token').isVisible()).resolves.toBe(true);
  });

  it('keyboard: Tab reaches the search box and Enter submits', async () => {
    await signIn(officer, '#/search');
    await page.locator('#search-results li').first().waitFor();
    await page.reload(); // start from the top of a freshly loaded page, signed in
    await page.locator('#search-q').waitFor();
    let reached = false;
    for (let i = 0; i < 15 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = (await activeId(page)) === 'search-q';
    }
    expect(reached).toBe(true);
    await page.keyboard.type('Gotion');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/search\?q=Gotion$/u);
    await page.locator('.result[data-org-id="gotion"]').waitFor();
    // Tab goes on through the filters to the results; Enter on the first opens its profile.
    let onResult = false;
    for (let i = 0; i < 6 && !onResult; i += 1) {
      await page.keyboard.press('Tab');
      onResult = (await activeId(page)) === 'result-0';
    }
    expect(onResult).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/org\/gotion$/u);
  });
});
