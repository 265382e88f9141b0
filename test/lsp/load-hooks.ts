/**
 * Module loader hooks for test/lsp/startup-modules.test.ts: append the URL of every module loaded
 * to the file named by KDOCS_LOADED_LOG.
 */
import { appendFileSync } from 'node:fs';

type Next = (url: string, context: unknown) => Promise<unknown>;

export async function load(url: string, context: unknown, next: Next): Promise<unknown> {
  const result = await next(url, context);
  const log = process.env.KDOCS_LOADED_LOG;
  if (log) appendFileSync(log, url + '\n');
  return result;
}
