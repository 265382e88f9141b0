/**
 * Mentions of a region, found once per region for all the contract rules (regionsOf caches the
 * regions per document, so each rule sees the same region objects). Read-only for the callers.
 */
import { findMentions, type Mention } from '../../src/contracts/doc/mentions.js';
import type { Region } from '../../src/contracts/doc/regions.js';

const CACHE = new WeakMap<Region, readonly Mention[]>();

export function regionMentions(region: Region): readonly Mention[] {
  let hit = CACHE.get(region);
  if (!hit) {
    hit = findMentions(region);
    CACHE.set(region, hit);
  }
  return hit;
}
