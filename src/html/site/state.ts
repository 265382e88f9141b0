/**
 * Hands the site model built by `kdocs site` to site/eleventy.config.js, which Eleventy imports
 * itself (a module-level slot: Eleventy's global data would copy and merge the whole model).
 */
import type { SiteModel } from './model.js';
import type { PageView } from './pages.js';

export interface SiteState {
  site: SiteModel;
  onUpdate?: (changed: string, dirty: string[], ms: number) => void;
  /** Where the site is written (document pages are written there as they are rendered). */
  outDir?: string;
  /** Under --serve: how to tell open browsers to reload. */
  reload?: (files: string[]) => Promise<void>;
  /** Sees each document page's HTML as Eleventy renders it (the search index takes it from here
   *  while Eleventy goes on), and the first page's start. */
  onPage?: (url: string, html: string, view: PageView) => void | Promise<void>;
}

let current: SiteState | undefined;

export function setCurrentSite(state: SiteState | undefined): void {
  current = state;
}

export function currentSite(): SiteState | undefined {
  return current;
}
