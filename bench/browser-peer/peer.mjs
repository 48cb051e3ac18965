// The Playwright peer of the agentd browser benchmark (docs/benchmarks.md, "Browser"): the same two
// measurements as dev.agentd.bench.browser.BrowserLatencyBench, with playwright-core driving the
// system Chromium directly (no daemon, no WebSocket hop to a daemon), on the same page.
//
//   node bench/browser-peer/peer.mjs --page http://127.0.0.1:PORT/form.html \
//        [--chromium /usr/bin/chromium] [--cold 5] [--warm 20] [--warmups 3] [--settle-ms 50]
//
// cold: launch + new page (1280x720) + goto(page, load) + the page's accessibility snapshot
//       (locator('body').ariaSnapshot(), Playwright's public counterpart of agentd's observe);
//       then the browser is closed before the next sample.
// warm: on one page showing the form, click the checkbox "Subscribe" (getByRole), then the same
//       settle watch as agentd's click (--settle-ms, default 50 like browser §7.2), + the snapshot.
// warm_bare_click (informational): Playwright's bare click + the snapshot, without the settle watch.
// Output: one JSON line {"label":"playwright","cold":{samples,p50_ms,p90_ms,min_ms,max_ms},"warm":{...},"warm_bare_click":{...}},
// percentiles by nearest rank, like LatencySummary.java.
import { chromium } from 'playwright-core';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

// agentd's launch flags (browser §4.2) that Playwright does not manage itself. Playwright adds
// its own defaults, --headless, a pipe instead of a port, a temporary profile and --no-sandbox.
const FLAGS = [
  '--no-first-run', '--no-default-browser-check',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--disable-extensions', '--disable-smooth-scrolling',
  '--disable-dev-shm-usage', '--metrics-recording-only', '--mute-audio', '--password-store=basic',
  '--window-size=1280,720',
];
const VIEWPORT = { width: 1280, height: 720 };

const { values: options } = parseArgs({
  options: {
    page: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    cold: { type: 'string', default: '5' },
    warm: { type: 'string', default: '20' },
    warmups: { type: 'string', default: '3' },
    'settle-ms': { type: 'string', default: '50' },
  },
});
if (!options.page) {
  console.error('peer: --page is required');
  process.exit(2);
}

function launch() {
  return chromium.launch({ executablePath: options.chromium, headless: true, args: FLAGS });
}

async function openPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(options.page, { waitUntil: 'load' });
  return page;
}

function observe(page) {
  return page.locator('body').ariaSnapshot();
}

async function cold(samples) {
  const millis = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    const browser = await launch();
    const page = await openPage(browser);
    await observe(page);
    millis.push(performance.now() - start);
    await browser.close();
  }
  return summary(millis);
}

// The same click step as agentd's script (browser §7.3 settle, default settle_ms 50): after the
// click has been dispatched, watch up to settleMs for a main-frame navigation to start, and if one
// does, wait for the page to load. Playwright's own click does not wait like this.
async function clickAndSettle(page, locator, settleMs) {
  let markStarted;
  const started = new Promise((resolve) => { markStarted = resolve; });
  const onRequest = (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) markStarted(true);
  };
  page.on('request', onRequest);
  try {
    await locator.click();
    const navigated = await Promise.race([started, delay(settleMs).then(() => false)]);
    if (navigated) await page.waitForLoadState('load');
  } finally {
    page.off('request', onRequest);
  }
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// warm: click (+ settle when settleMs is a number) + snapshot on one page showing the form.
async function warm(warmups, samples, settleMs) {
  const browser = await launch();
  try {
    const page = await openPage(browser);
    await observe(page);
    const checkbox = page.getByRole('checkbox', { name: 'Subscribe' });
    const step = async () => {
      if (settleMs === null) await checkbox.click();
      else await clickAndSettle(page, checkbox, settleMs);
      await observe(page);
    };
    for (let i = 0; i < warmups; i++) await step();
    const millis = [];
    for (let i = 0; i < samples; i++) {
      const start = performance.now();
      await step();
      millis.push(performance.now() - start);
    }
    return summary(millis);
  } finally {
    await browser.close();
  }
}

function nearestRank(sorted, percentile) {
  const rank = Math.ceil((percentile / 100) * sorted.length);
  return sorted[Math.max(rank, 1) - 1];
}

function summary(millis) {
  const sorted = [...millis].sort((a, b) => a - b);
  const round = (value) => Math.round(value * 10) / 10;
  return {
    samples: sorted.length,
    p50_ms: round(nearestRank(sorted, 50)),
    p90_ms: round(nearestRank(sorted, 90)),
    min_ms: round(sorted[0]),
    max_ms: round(sorted[sorted.length - 1]),
  };
}

const coldSummary = await cold(Number(options.cold));
const warmSummary = await warm(Number(options.warmups), Number(options.warm), Number(options['settle-ms']));
const bareSummary = await warm(Number(options.warmups), Number(options.warm), null);
console.log(JSON.stringify({ label: 'playwright', cold: coldSummary, warm: warmSummary, warm_bare_click: bareSummary }));
