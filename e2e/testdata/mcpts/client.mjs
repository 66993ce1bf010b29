// An MCP client that is not slopgui's own: the official TypeScript SDK
// drives `slopgui mcp` over stdio the way a coding agent would, and prints
// what it saw as one JSON object on stdout. e2e/mcpts_test.go runs it
// (after adding a button to a view) and asserts on that JSON.
//
//   node client.mjs SLOPGUI_BINARY PID
//
// Plain ES2022 and Node 18 APIs only (Debian 12's nodejs is 18.19).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const [bin, pid] = process.argv.slice(2);
if (!bin || !pid) {
  console.error('usage: node client.mjs SLOPGUI_BINARY PID');
  process.exit(2);
}

// A first plugin build on a cold cache takes minutes: the SDK's default
// request timeout (60 s) is too short for hot_reload.
const slow = { timeout: 15 * 60 * 1000 };

const transport = new StdioClientTransport({
  command: bin,
  args: ['mcp', '--pid', pid],
  // The SDK passes only a few variables (HOME, PATH, …) unless told:
  // slopgui mcp finds the app's socket through XDG_RUNTIME_DIR.
  env: { ...process.env },
  stderr: 'inherit',
});
const client = new Client({ name: 'slopgui-e2e-ts', version: '1.0.0' });
await client.connect(transport);

// call returns a tool's outcome: isError, its text, and its structured
// content. Tool errors come back as results, not exceptions.
async function call(name, args, options) {
  const res = await client.callTool({ name, arguments: args }, undefined, options);
  const text = (res.content ?? [])
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join('');
  return { isError: res.isError === true, text, structured: res.structuredContent ?? null };
}

const out = { server: client.getServerVersion() ?? null };
out.tools = (await client.listTools()).tools.map((t) => t.name).sort();
out.reload = await call('hot_reload', {}, slow);

// The button the test added, found in the widget tree.
const ui = await call('get_ui', { window: 'Discussion Hub' });
out.uiError = ui.isError ? ui.text : null;
const items = [];
if (!ui.isError) {
  for (const w of JSON.parse(ui.text).windows ?? []) items.push(...(w.items ?? []));
}
out.button = items.find((it) => it.kind === 'button' && it.label === 'Fill by ctl') ?? null;

out.before = await call('get_state', { key: 'ComposerText' });
out.click = await call('click', { target: 'Fill by ctl' }, slow);
out.after = await call('get_state', { key: 'ComposerText' });
out.ambiguous = await call('click', { target: 'Twin' });
out.missing = await call('get_state', { key: 'NoSuchKey' });

await client.close();
console.log(JSON.stringify(out));
