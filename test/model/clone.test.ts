/**
 * cloneMm shares the files of an address space with its clone until one of them changes a file
 * (FileTable's copy-on-write): each side sees only its own reference counts, and a clone that
 * changes no file copies none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccounting, cloneMm, createMm, run } from '../../src/model/index.js';
import type { Op } from '../../src/model/index.js';

const map = (addr: number, file: string): Op => ({ op: 'mmap', addr, len: 0x2000, prot: ['READ'], flags: ['SHARED', 'FIXED'], file });
const refs = (mm: ReturnType<typeof createMm>): Record<string, number> => Object.fromEntries([...mm.files].map(([id, f]) => [id, f.refs]));

test('a clone and its source change their files apart, and a clone copies only the files it changes', () => {
  const src = createMm('7.1', { files: [{ id: 'a', fops: { mmap: true } }, { id: 'b', fops: { mmap: true } }, { id: 'c' }] });
  run(src, map(0x100000, 'a'));
  assert.deepEqual(refs(src), { a: 2, b: 1, c: 1 });
  const clone = cloneMm(src);
  // nothing changed yet: the clone holds the very objects of its source
  for (const [id, f] of clone.files) assert.equal(f, src.files.get(id), id);
  run(clone, map(0x200000, 'b'));
  run(clone, { op: 'munmap', addr: 0x100000, len: 0x2000 });
  assert.deepEqual(refs(clone), { a: 1, b: 2, c: 1 });
  assert.deepEqual(refs(src), { a: 2, b: 1, c: 1 });
  assert.equal(clone.files.get('c'), src.files.get('c'), 'an unchanged file stays shared');
  assert.notEqual(clone.files.get('a'), src.files.get('a'));
  // the source changes a file after the clone was made: the clone does not see it
  run(src, map(0x300000, 'c'));
  assert.deepEqual(refs(src), { a: 2, b: 1, c: 2 });
  assert.equal(clone.files.get('c')!.refs, 1);
  // a clone of a clone gets copies of what its source changed, and the files a mapping created
  run(clone, { op: 'mmap', addr: 0x400000, len: 0x1000, prot: ['READ', 'WRITE'], flags: ['SHARED', 'FIXED', 'ANONYMOUS'] });
  const grand = cloneMm(clone);
  assert.equal(grand.files.size, clone.files.size);
  assert.deepEqual(refs(grand), refs(clone));
  run(grand, { op: 'munmap', addr: 0x200000, len: 0x2000 });
  assert.equal(grand.files.get('b')!.refs, 1);
  assert.equal(clone.files.get('b')!.refs, 2);
  for (const mm of [src, clone, grand]) assert.deepEqual(checkAccounting(mm), []);
});
