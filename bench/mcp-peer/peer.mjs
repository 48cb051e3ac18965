// The TypeScript-SDK peer of the agentd MCP benchmark (docs/benchmarks.md, "MCP: tools/call
// throughput"): a stateful Streamable HTTP server built the way the SDK's own
// jsonResponseStreamableHttp example builds one (createMcpExpressApp, one McpServer and one
// StreamableHTTPServerTransport per session, sessionIdGenerator: randomUUID, enableJsonResponse),
// serving one tool, memory_query {query, k}, from an in-memory list of the facts agentd holds.
//
//   node bench/mcp-peer/peer.mjs --facts FILE [--port 0]
//
// FILE is a memory.persist export (facts with valid:false are skipped) or a bare array of
// {id, subject, body, kind?, confidence?}. Prints `mcp-peer listening on http://127.0.0.1:PORT/mcp`
// once it accepts connections. No authentication: the benchmark client's Authorization header is
// ignored, which only spares the peer work.
//
// memory_query scores each fact by token overlap with the query (the number of distinct query
// tokens found in subject + body; tokens as memory §4's T(s): lower case, split at whitespace and
// / : - _ . ,), through an inverted index so a query touches only the facts sharing a token with
// it, and keeps the k best in one pass; ties go to the later fact. (A first version sorted every
// candidate: ~140 us per query against ~14 us now, which charged the peer for the benchmark's own
// code rather than the SDK.) Its input and output schemas and result shape are agentd's (mcp
// §12.2): content = the compact JSON text of structuredContent = {results:[{id, subject, body,
// kind, confidence}]}.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod/v4';

const { values: options } = parseArgs({
  options: {
    facts: { type: 'string' },
    port: { type: 'string', default: '0' },
  },
});
if (!options.facts) {
  console.error('mcp-peer: --facts is required');
  process.exit(2);
}

const SEPARATORS = /[\s/:\-_.,]+/u;

function tokens(text) {
  return new Set(text.toLowerCase().split(SEPARATORS).filter((token) => token.length > 0));
}

function readFacts(file) {
  const document = JSON.parse(readFileSync(file, 'utf8'));
  const facts = Array.isArray(document) ? document : document.facts;
  return facts
    .filter((fact) => fact.valid !== false)
    .map((fact) => ({
      id: fact.id,
      subject: fact.subject,
      body: fact.body,
      kind: fact.kind ?? 'pattern',
      confidence: fact.confidence ?? 1.0,
    }));
}

/** token -> indexes of the facts holding it, ascending. */
function invertedIndex(facts) {
  const index = new Map();
  facts.forEach((fact, position) => {
    for (const token of tokens(`${fact.subject} ${fact.body}`)) {
      let postings = index.get(token);
      if (!postings) {
        postings = [];
        index.set(token, postings);
      }
      postings.push(position);
    }
  });
  return index;
}

const FACTS = readFacts(options.facts);
const INDEX = invertedIndex(FACTS);

// Per-fact scores of the query being answered; all zero between queries (Node runs one at a time).
const SCORES = new Int32Array(FACTS.length);

/** The k best facts for `text`: highest score first, ties to the later fact. */
function query(text, k) {
  const touched = [];
  for (const token of tokens(text)) {
    for (const position of INDEX.get(token) ?? []) {
      if (SCORES[position]++ === 0) touched.push(position);
    }
  }
  const best = topK(touched, k);
  for (const position of touched) SCORES[position] = 0;
  return best.map((position) => FACTS[position]);
}

function ranksAbove(a, b) {
  return SCORES[a] > SCORES[b] || (SCORES[a] === SCORES[b] && a > b);
}

// One pass with a sorted array of at most k positions, instead of sorting every candidate.
function topK(candidates, k) {
  const best = [];
  for (const position of candidates) {
    if (best.length === k) {
      if (!ranksAbove(position, best[k - 1])) continue;
      best.pop();
    }
    let i = best.length;
    while (i > 0 && ranksAbove(position, best[i - 1])) i--;
    best.splice(i, 0, position);
  }
  return best;
}

const QUERY_INPUT = {
  query: z.string().min(1).describe('Natural-language query'),
  k: z.number().int().min(1).max(50).default(5),
};
const QUERY_OUTPUT = {
  results: z.array(z.object({
    id: z.string(),
    subject: z.string(),
    body: z.string(),
    kind: z.string(),
    confidence: z.number(),
  })),
};

function sessionServer() {
  const server = new McpServer({ name: 'agentd-mcp-peer', version: '0.1.0' }, { capabilities: { logging: {} } });
  server.registerTool('memory_query', {
    description: "Retrieve the k most relevant facts for a query from this session's memory graph.",
    inputSchema: QUERY_INPUT,
    outputSchema: QUERY_OUTPUT,
    annotations: {
      title: 'Query memory', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false,
    },
  }, async ({ query: text, k }) => {
    const structured = { results: query(text, k) };
    return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
  });
  return server;
}

const transports = new Map();

async function openSession(req, res) {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    enableJsonResponse: true,
    onsessioninitialized: (sessionId) => transports.set(sessionId, transport),
  });
  transport.onclose = () => {
    if (transport.sessionId) transports.delete(transport.sessionId);
  };
  await sessionServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
}

function sessionNotFound(res) {
  res.status(404).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Session not found' }, id: null });
}

function sessionRequired(res) {
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Mcp-Session-Id header required' }, id: null });
}

async function handle(req, res) {
  const sessionId = req.headers['mcp-session-id'];
  const transport = sessionId ? transports.get(sessionId) : undefined;
  if (transport) {
    await transport.handleRequest(req, res, req.body);
  } else if (!sessionId && req.method === 'POST' && isInitializeRequest(req.body)) {
    await openSession(req, res);
  } else if (sessionId) {
    sessionNotFound(res);
  } else {
    sessionRequired(res);
  }
}

const app = createMcpExpressApp();
app.all('/mcp', (req, res) => {
  handle(req, res).catch((error) => {
    console.error('mcp-peer: request failed:', error);
    if (!res.headersSent) {
      res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null });
    }
  });
});

const listener = app.listen(Number(options.port), '127.0.0.1', () => {
  console.log(`mcp-peer: ${FACTS.length} facts, ${INDEX.size} tokens`);
  console.log(`mcp-peer listening on http://127.0.0.1:${listener.address().port}/mcp`);
});
