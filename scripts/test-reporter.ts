/**
 * A short reporter for `npm test` (node --test --test-reporter=./dist/scripts/test-reporter.js).
 *
 * node's `dot` reporter prints no totals and hides skipped tests; `spec` prints every test (a
 * thousand lines). This one prints a dot per test, then each failure in full, each skipped test with
 * its reason (a skip without one is shown as such, so it gets one), and a last line with the counts.
 */
import { inspect } from 'node:util';

interface TestEventData {
  name: string;
  nesting: number;
  file?: string;
  line?: number;
  skip?: string | boolean;
  todo?: string | boolean;
  details?: { duration_ms?: number; type?: string; error?: unknown };
}

interface TestEvent {
  type: string;
  data: TestEventData;
}

const WIDTH = 80;

function where(d: TestEventData): string {
  if (!d.file) return '';
  const rel = d.file.startsWith(process.cwd() + '/') ? d.file.slice(process.cwd().length + 1) : d.file;
  return ` (${rel}${d.line ? `:${d.line}` : ''})`;
}

function errorText(err: unknown): string {
  // node wraps the test's own error as the `cause` of an ERR_TEST_FAILURE
  const e = err as { code?: string; cause?: unknown; failureType?: string } | undefined;
  const inner = e && e.code === 'ERR_TEST_FAILURE' && e.cause !== undefined ? e.cause : err;
  const text = inner instanceof Error ? (inner.stack ?? inner.message) : inspect(inner, { depth: 4 });
  return text
    .split('\n')
    .filter((l) => !/^\s+at .*node:internal\//.test(l))
    .slice(0, 40)
    .map((l) => '    ' + l)
    .join('\n');
}

export default async function* reporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  let passed = 0;
  let failed = 0;
  let column = 0;
  const skipped: string[] = [];
  const todo: string[] = [];
  const failures: string[] = [];
  const t0 = Date.now();
  const dot = (c: string): string => {
    column++;
    if (column >= WIDTH) {
      column = 0;
      return c + '\n';
    }
    return c;
  };
  for await (const ev of source) {
    const d = ev.data;
    if (ev.type === 'test:pass') {
      if (d.details?.type === 'suite') continue;
      if (d.skip !== undefined && d.skip !== false) {
        skipped.push(`  - ${d.name}${where(d)}: ${typeof d.skip === 'string' && d.skip ? d.skip : 'skipped (no reason given)'}`);
        yield dot('s');
      } else if (d.todo !== undefined && d.todo !== false) {
        todo.push(`  - ${d.name}${where(d)}${typeof d.todo === 'string' ? `: ${d.todo}` : ''}`);
        yield dot('t');
      } else {
        passed++;
        yield dot('.');
      }
    } else if (ev.type === 'test:fail') {
      const err = d.details?.error as { failureType?: string } | undefined;
      // a test that fails only because a subtest failed is not a failure of its own
      if (d.details?.type === 'suite' || err?.failureType === 'subtestsFailed') continue;
      failed++;
      failures.push(`✖ ${d.name}${where(d)}\n${errorText(d.details?.error)}`);
      yield dot('X');
    }
  }
  let out = column ? '\n' : '';
  if (failures.length) out += `\nfailed:\n${failures.join('\n\n')}\n`;
  if (skipped.length) out += `\nskipped:\n${skipped.join('\n')}\n`;
  if (todo.length) out += `\ntodo:\n${todo.join('\n')}\n`;
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  out += `\n${passed + failed + skipped.length + todo.length} tests: ${passed} passed, ${failed} failed, ${skipped.length} skipped${todo.length ? `, ${todo.length} todo` : ''} (${secs} s)\n`;
  yield out;
}
