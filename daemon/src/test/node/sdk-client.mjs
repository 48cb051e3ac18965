// The TypeScript SDK scenarios of mcp §15.4 against a running agentd (check 35).
//
//   node sdk-client.mjs <scenario> --url http://127.0.0.1:PORT/mcp --token <daemon token>
//
// Exits 0 when every assertion of the scenario holds, else 1 with the failed assertion on stderr;
// either way it prints one JSON summary line on stdout. Every client of a run works on one fresh
// memory namespace (X-Agentd-Namespace), so nothing else writing to the daemon's graphs can add
// events to the ones counted here.
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const PROTOCOL_VERSION = '2025-11-25';
const TOOL_NAMES = [
  'memory_add_fact', 'memory_query', 'memory_build_context', 'memory_save_knowledge',
  'memory_save_procedural', 'memory_delete', 'memory_update_status', 'memory_fact_count',
];
const WATCHDOG_MS = 55_000;

class AssertionFailed extends Error {}

function check(condition, message) {
  if (!condition) {
    throw new AssertionFailed(message);
  }
}

function checkEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${what}: expected ${e}, got ${a}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function sleepUntil(deadline) {
  const left = deadline - Date.now();
  if (left > 0) {
    await sleep(left);
  }
}

/** Polls `condition` every 20 ms; fails with `what` when it is still false after `ms`. */
async function waitFor(condition, ms, what) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    check(Date.now() < deadline, `not within ${ms} ms: ${what}`);
    await sleep(20);
  }
}

/** One run: the endpoint, the credentials, the namespace and everything opened (closed at the end). */
class Run {
  constructor(url, token, scenario) {
    this.url = url;
    this.token = token;
    this.namespace = `sdk-${scenario}-${process.pid}-${Date.now()}`;
    this.clients = [];
    this.streams = [];
    this.transportErrors = [];
  }

  /** The headers every request of this run carries: credentials and the tenant. */
  headers(extra = {}) {
    const headers = { 'X-Agentd-Namespace': this.namespace, ...extra };
    if (this.token) {
      headers.Authorization = `Bearer ${this.token}`;
    }
    return headers;
  }

  /**
   * An SDK `Client` over `StreamableHTTPClientTransport`, connected (initialize, initialized, and the
   * SDK's own GET stream). `onLog` receives the params of every logging notification.
   */
  async connect(name, { onLog, fetch: fetchFn } = {}) {
    const transport = new StreamableHTTPClientTransport(new URL(this.url), {
      requestInit: { headers: this.headers() },
      fetch: fetchFn,
    });
    const client = new Client({ name: `agentd-sdk-${name}`, version: '1.0.0' }, { capabilities: {} });
    // Expected noise: reconnect attempts of the SDK's GET stream after a replacement, DELETE or expiry.
    client.onerror = (error) => this.transportErrors.push(`${name}: ${error?.message ?? error}`);
    if (onLog) {
      client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => onLog(notification.params));
    }
    await client.connect(transport);
    this.clients.push(client);
    return { client, transport };
  }

  /** `initialize` + `notifications/initialized` over plain fetch, with no GET stream. */
  async rawSession(protocolVersion = PROTOCOL_VERSION) {
    const response = await this.post(undefined, {
      jsonrpc: '2.0', id: 1, method: 'initialize',
      params: { protocolVersion, capabilities: {}, clientInfo: { name: 'agentd-raw', version: '1.0.0' } },
    });
    const body = await response.text();
    check(response.status === 200, `raw initialize: status ${response.status}: ${body}`);
    const id = response.headers.get('mcp-session-id');
    check(id, 'raw initialize: no Mcp-Session-Id');
    const initialized = await this.post(id, { jsonrpc: '2.0', method: 'notifications/initialized' });
    await initialized.body?.cancel();
    check(initialized.status === 202, `notifications/initialized: status ${initialized.status}`);
    return id;
  }

  /** A POST of one JSON-RPC message, on `sessionId` when given. */
  post(sessionId, message, extra = {}) {
    const headers = this.headers({
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      ...extra,
    });
    if (sessionId) {
      headers['Mcp-Session-Id'] = sessionId;
    }
    return fetch(this.url, { method: 'POST', headers, body: JSON.stringify(message) });
  }

  /** A raw GET stream recording its events, comments and how it ended. */
  async get(sessionId, { lastEventId } = {}) {
    const extra = { Accept: 'text/event-stream', 'Mcp-Session-Id': sessionId };
    if (lastEventId !== undefined) {
      extra['Last-Event-ID'] = String(lastEventId);
    }
    const stream = new RawStream();
    const response = await fetch(this.url, { method: 'GET', headers: this.headers(extra), signal: stream.signal });
    stream.attach(response);
    this.streams.push(stream);
    return stream;
  }

  close() {
    this.streams.forEach((stream) => stream.abort());
    return Promise.allSettled(this.clients.map((client) => client.close()));
  }
}

/** A minimal SSE parser: `id`, `data`, `retry` fields and `:` comments (mcp §8.10). */
class SseParser {
  constructor(onEvent, onComment = () => {}) {
    this.onEvent = onEvent;
    this.onComment = onComment;
    this.buffer = '';
    this.event = {};
  }

  push(text) {
    this.buffer += text;
    let newline;
    while ((newline = this.buffer.search(/\r\n|\n|\r/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      this.line(line);
    }
  }

  line(line) {
    if (line === '') {
      if (Object.keys(this.event).length > 0) {
        this.onEvent({ ...this.event, data: this.event.data ?? '', at: Date.now() });
      }
      this.event = {};
      return;
    }
    if (line.startsWith(':')) {
      this.onComment(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') {
      this.event.data = this.event.data === undefined ? value : `${this.event.data}\n${value}`;
    } else if (field === 'id' || field === 'retry' || field === 'event') {
      this.event[field] = value;
    }
  }
}

function parseSse(text) {
  const events = [];
  const parser = new SseParser((event) => events.push(event));
  parser.push(text);
  return events;
}

/** A GET response being read in the background. `end` is set once: 'clean', 'error' or 'aborted'. */
class RawStream {
  constructor() {
    this.controller = new AbortController();
    this.signal = this.controller.signal;
    this.events = [];
    this.comments = [];
    this.end = undefined;
  }

  attach(response) {
    this.status = response.status;
    this.contentType = response.headers.get('content-type') ?? '';
    if (!response.ok || !response.body) {
      response.body?.cancel().catch(() => {});
      this.end = { how: 'not-opened', at: Date.now() };
      return;
    }
    const parser = new SseParser((event) => this.events.push(event), (comment) => this.comments.push(comment));
    (async () => {
      try {
        for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
          parser.push(chunk);
        }
        this.end = { how: 'clean', at: Date.now() };
      } catch (error) {
        this.end = { how: this.signal.aborted ? 'aborted' : `error (${error?.cause?.code ?? error})`, at: Date.now() };
      }
    })();
  }

  /** Events with a JSON payload (not the primer, whose data is empty). */
  messages() {
    return this.events.filter((event) => event.data !== '').map((event) => ({ ...event, json: JSON.parse(event.data) }));
  }

  abort() {
    this.controller.abort();
  }
}

/** The `add_fact` change payloads among logging-notification params, in arrival order. */
function addFactChanges(logParams) {
  return logParams.filter((params) => params.logger === 'agentd.memory' && params.data?.op === 'add_fact')
    .map((params) => params.data);
}

async function addFact(client, subject) {
  const result = await client.callTool({
    name: 'memory_add_fact',
    arguments: { subject, body: `fact ${subject} written by the TypeScript SDK scenario script` },
  });
  check(!result.isError, `memory_add_fact ${subject}: ${JSON.stringify(result.content)}`);
  return result.structuredContent.id;
}

/** Adds `count` facts one after the other; returns their ids in write order. */
async function addFacts(client, count, prefix) {
  const ids = [];
  for (let i = 1; i <= count; i++) {
    ids.push(await addFact(client, `${prefix}-${i}`));
  }
  return ids;
}

const ping = (id) => ({ jsonrpc: '2.0', id, method: 'ping' });

const scenarios = {
  async basic(run) {
    const { client, transport } = await run.connect('basic');
    check(/^[\x21-\x7e]+$/.test(transport.sessionId ?? ''), `session id not visible ASCII: ${transport.sessionId}`);
    checkEqual(transport.protocolVersion, PROTOCOL_VERSION, 'negotiated protocol version');
    const capabilities = client.getServerCapabilities();
    check(capabilities?.tools && capabilities?.logging, `capabilities: ${JSON.stringify(capabilities)}`);
    const { tools } = await client.listTools();
    checkEqual(tools.map((tool) => tool.name), TOOL_NAMES, 'tool names');
    for (const tool of tools) {
      checkEqual(tool.inputSchema?.type, 'object', `${tool.name} inputSchema.type`);
    }
    const added = await client.callTool({
      name: 'memory_add_fact',
      arguments: { subject: 'sdk-basic', body: 'the basic scenario of the TypeScript SDK wrote this fact' },
    });
    check(!added.isError, `memory_add_fact isError: ${JSON.stringify(added.content)}`);
    const id = added.structuredContent?.id;
    check(typeof id === 'string' && id.length > 0, `structuredContent.id: ${JSON.stringify(added.structuredContent)}`);
    const found = await client.callTool({ name: 'memory_query', arguments: { query: 'basic scenario TypeScript SDK' } });
    check(!found.isError, `memory_query isError: ${JSON.stringify(found.content)}`);
    const ids = found.structuredContent?.results?.map((result) => result.id) ?? [];
    check(ids.includes(id), `memory_query did not find ${id}: ${JSON.stringify(ids)}`);
    return { session: transport.sessionId, tools: tools.length, fact: id };
  },

  async notify(run) {
    const log = [];
    await run.connect('A', { onLog: (params) => log.push(params) });
    const producer = await run.connect('producer');
    const ids = await addFacts(producer.client, 3, 'notify');
    await waitFor(() => addFactChanges(log).length >= 3, 5000, '3 add_fact notifications on A');
    await sleep(300); // a fourth one would arrive now
    checkEqual(addFactChanges(log).map((change) => change.id), ids, 'add_fact notifications on A');
    return { notified: ids.length };
  },

  async resume(run) {
    // The SDK offers no onresumptiontoken hook for its GET stream, so a fetch wrapper records what
    // each GET sends as Last-Event-ID and the ids that stream carried.
    const gets = [];
    const recordingFetch = async (url, init) => {
      if (init?.method !== 'GET') {
        return fetch(url, init);
      }
      const record = { lastEventId: new Headers(init.headers).get('last-event-id'), sentAt: Date.now(), ids: [] };
      gets.push(record);
      const response = await fetch(url, init);
      if (!response.ok || !response.body) {
        return response;
      }
      const [forSdk, forRecord] = response.body.tee();
      const parser = new SseParser((event) => event.id && record.ids.push(Number(event.id)));
      (async () => {
        for await (const chunk of forRecord.pipeThrough(new TextDecoderStream())) {
          parser.push(chunk);
        }
      })().catch(() => {});
      return new Response(forSdk, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
    const log = [];
    const a = await run.connect('A', { onLog: (params) => log.push(params), fetch: recordingFetch });
    const producer = await run.connect('producer');
    const before = await addFacts(producer.client, 3, 'resume-before');
    await waitFor(() => addFactChanges(log).length >= 3, 5000, '3 add_fact notifications on A');
    const lastSeen = Math.max(...gets[0].ids);

    const intruder = await run.get(a.transport.sessionId);
    checkEqual(intruder.status, 200, 'raw GET on A\'s session');
    intruder.abort();
    const during = await addFacts(producer.client, 5, 'resume-during');
    const producedAt = Date.now();

    await waitFor(() => addFactChanges(log).length >= 8, 10_000, '8 add_fact notifications on A');
    await sleep(300);
    checkEqual(addFactChanges(log).map((change) => change.id), [...before, ...during], 'add_fact notifications on A');
    const resumed = gets.find((get) => get.lastEventId !== null);
    check(resumed, `A never reconnected with Last-Event-ID (GETs: ${JSON.stringify(gets)})`);
    checkEqual(Number(resumed.lastEventId), lastSeen, 'Last-Event-ID of A\'s reconnect');
    return { lastEventId: lastSeen, replayed: resumed.sentAt >= producedAt, notified: 8 };
  },

  async gap(run) {
    const session = await run.rawSession();
    const producer = await run.connect('producer');
    const ids = await addFacts(producer.client, 40, 'gap');
    const stream = await run.get(session, { lastEventId: 1 });
    checkEqual(stream.status, 200, 'GET with Last-Event-ID: 1');
    await waitFor(() => stream.events.length >= 18, 5000, 'gap signal, 16 events and the primer');
    await sleep(300);
    const [signal, ...rest] = stream.events;
    check(signal.id === undefined, `gap signal has an id: ${signal.id}`);
    const lost = JSON.parse(signal.data);
    checkEqual(lost.method, 'notifications/message', 'gap signal method');
    checkEqual(lost.params?.data?.event, 'events_lost', 'gap signal event');
    checkEqual(lost.params?.data?.first_available_id, 25, 'first_available_id');
    checkEqual(lost.params?.data?.last_event_id, 1, 'last_event_id');
    const replayed = rest.slice(0, 16);
    checkEqual(replayed.map((event) => Number(event.id)), Array.from({ length: 16 }, (_, i) => 25 + i), 'replayed ids');
    checkEqual(replayed.map((event) => JSON.parse(event.data).params.data.id), ids.slice(24), 'replayed facts');
    checkEqual(rest.length, 17, 'events after the gap signal (16 replayed + the primer)');
    const primer = rest[16];
    check(primer.id !== undefined && primer.data === '', `last event is not a primer: ${JSON.stringify(primer)}`);
    return { firstAvailableId: 25, replayed: 16, primer: Number(primer.id) };
  },

  async replace(run) {
    const session = await run.rawSession();
    const producer = await run.connect('producer');
    const first = await run.get(session);
    checkEqual(first.status, 200, 'GET #1');
    await waitFor(() => first.events.length >= 1, 2000, 'the primer on GET #1');
    const secondRequestedAt = Date.now();
    const second = await run.get(session);
    checkEqual(second.status, 200, 'GET #2');
    await waitFor(() => first.end !== undefined, 1000, 'GET #1 ended after GET #2 opened');
    checkEqual(first.end.how, 'clean', 'how GET #1 ended');
    const ids = await addFacts(producer.client, 2, 'replace');
    await waitFor(() => second.messages().length >= 2, 5000, '2 events on GET #2');
    await sleep(300);
    checkEqual(second.messages().map((event) => event.json.params.data.id), ids, 'events on GET #2');
    checkEqual(first.messages().length, 0, 'events on GET #1');
    return { endedMsAfterSecondGet: first.end.at - secondRequestedAt };
  },

  async keepalive(run) {
    const session = await run.rawSession();
    const stream = await run.get(session);
    const openedAt = Date.now();
    checkEqual(stream.status, 200, 'GET');
    await waitFor(() => stream.comments.length >= 2, 2500, 'two keep-alive comments');
    const withId = stream.events.filter((event) => event.id !== undefined);
    // The one id-bearing event a 2025-11-25 GET carries is its primer (empty data, §8.7).
    check(withId.length <= 1 && withId.every((event) => event.data === ''),
      `id-bearing events besides the primer: ${JSON.stringify(withId)}`);
    await sleepUntil(openedAt + 5000);
    check(stream.end === undefined, `GET ended: ${JSON.stringify(stream.end)}`);
    const response = await run.post(session, ping(2));
    const body = await response.text();
    checkEqual(response.status, 200, `ping after 5 s held by keep-alives (${body})`);
    return { comments: stream.comments.length };
  },

  async expiry(run) {
    const startedAt = Date.now();
    const idle = await run.rawSession();
    const held = await run.connect('held');
    await sleepUntil(startedAt + 3000);
    const listed = await run.post(idle, { jsonrpc: '2.0', id: 2, method: 'tools/list' });
    const listedBody = await listed.text();
    checkEqual(listed.status, 404, `(a) tools/list on a session idle 3 s (${listedBody})`);

    await sleepUntil(startedAt + 4000);
    const counted = await held.client.callTool({ name: 'memory_fact_count', arguments: {} });
    check(!counted.isError, `(b) callTool with the GET open after 4 s: ${JSON.stringify(counted.content)}`);

    await sleepUntil(startedAt + 9000);
    let rejection;
    try {
      await held.client.callTool({ name: 'memory_fact_count', arguments: {} });
    } catch (error) {
      rejection = error;
    }
    check(rejection instanceof StreamableHTTPError, `(c) callTool past the absolute TTL: expected a StreamableHTTPError, got ${rejection}`);
    checkEqual(rejection.code, 404, '(c) StreamableHTTPError code');

    const fresh = await run.connect('fresh');
    const again = await fresh.client.callTool({ name: 'memory_fact_count', arguments: {} });
    check(!again.isError, `(d) a new client: ${JSON.stringify(again.content)}`);
    return { expiredCode: rejection.code };
  },

  async delete(run) {
    const { transport } = await run.connect('deleted');
    const session = transport.sessionId;
    const stream = await run.get(session);
    checkEqual(stream.status, 200, 'raw GET on the SDK session');
    await transport.terminateSession();
    const deletedAt = Date.now();
    await waitFor(() => stream.end !== undefined, 1000, 'the raw GET ended after DELETE');
    checkEqual(stream.end.how, 'clean', 'how the raw GET ended');
    const posted = await run.post(session, ping(3));
    const postedBody = await posted.text();
    checkEqual(posted.status, 404, `POST with the deleted id (${postedBody})`);
    const reopened = await run.get(session);
    checkEqual(reopened.status, 404, 'GET with the deleted id');
    return { endedWithinMs: stream.end.at - deletedAt };
  },

  async progress(run) {
    const { client, transport } = await run.connect('progress');
    const reports = [];
    const result = await client.callTool(
      { name: 'memory_add_fact', arguments: { subject: 'sdk-progress', body: 'written with a progress token' } },
      undefined,
      { onprogress: (progress) => reports.push(progress) },
    );
    check(!result.isError, `memory_add_fact with onprogress: ${JSON.stringify(result.content)}`);
    checkEqual(reports.map((report) => [report.progress, report.total]), [[1, 2], [2, 2]], 'onprogress reports');

    const response = await run.post(transport.sessionId, {
      jsonrpc: '2.0', id: 'raw-progress', method: 'tools/call',
      params: { name: 'memory_add_fact', arguments: { subject: 'raw-progress', body: 'raw POST' }, _meta: { progressToken: 'p1' } },
    });
    const text = await response.text();
    checkEqual(response.status, 200, 'raw POST with a progress token');
    check((response.headers.get('content-type') ?? '').startsWith('text/event-stream'),
      `content type ${response.headers.get('content-type')}`);
    check(!/^id:/m.test(text), `id: line in a POST SSE answer:\n${text}`);
    const messages = parseSse(text).filter((event) => event.data !== '').map((event) => JSON.parse(event.data));
    check(messages.length >= 2, `expected progress events and the response:\n${text}`);
    const last = messages.at(-1);
    check(last.id === 'raw-progress' && last.result && !last.result.isError, `last event is not the response: ${JSON.stringify(last)}`);
    for (const message of messages.slice(0, -1)) {
      checkEqual([message.method, message.params?.progressToken], ['notifications/progress', 'p1'], 'event before the response');
    }
    return { sdkReports: reports.length, rawEvents: messages.length };
  },
};

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { url: { type: 'string' }, token: { type: 'string' } },
  });
  const scenario = positionals[0];
  const summary = { scenario, ok: false };
  const startedAt = Date.now();
  let run;
  try {
    check(scenarios[scenario], `usage: node sdk-client.mjs <${Object.keys(scenarios).join('|')}> --url <mcp url> --token <token>`);
    check(values.url, '--url is required');
    run = new Run(values.url, values.token, scenario);
    const watchdog = new Promise((_, reject) => setTimeout(
      () => reject(new AssertionFailed(`scenario ${scenario} took longer than ${WATCHDOG_MS} ms`)), WATCHDOG_MS).unref());
    Object.assign(summary, await Promise.race([scenarios[scenario](run), watchdog]));
    summary.ok = true;
  } catch (error) {
    summary.error = error instanceof AssertionFailed ? error.message : String(error?.stack ?? error);
    process.stderr.write(`FAILED ${scenario}: ${summary.error}\n`);
    if (run?.transportErrors.length) {
      process.stderr.write(`transport errors seen: ${run.transportErrors.join('; ')}\n`);
    }
  }
  summary.ms = Date.now() - startedAt;
  await Promise.race([run?.close(), sleep(2000)]);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  // The SDK may still hold reconnect timers and keep-alive sockets: the verdict is in.
  process.exit(summary.ok ? 0 : 1);
}

await main();
