/**
 * The kdocs site as an Eleventy 3 project. The input directory is the docs root (docs-src or a
 * kernel's Documentation/); every `.rst` file is a page rendered by kdocs (src/html), and the
 * kdocs pages (lint, rules, contracts, source views) are virtual templates of the same language.
 *
 * `kdocs site` builds the site model (one parse, one index, one lint run) before Eleventy starts
 * and hands it over (src/html/site/state.ts). Run directly —
 *   npx @11ty/eleventy --config=site/eleventy.config.js --input=docs-src --output=_site
 * — the config builds the model itself from the input directory (after `npm run build`).
 */
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import layout from './layout.js';
import { currentSite } from '../dist/src/html/site/state.js';
import { kdocsEleventyPlugin } from '../dist/src/html/site/eleventy.js';
import { SiteModel } from '../dist/src/html/site/model.js';
import { rulePages } from '../dist/src/html/site/rule-pages.js';

const here = nodePath.dirname(fileURLToPath(import.meta.url));
const pkg = nodePath.dirname(here);

export default async function (eleventyConfig) {
  let state = currentSite();
  if (!state) {
    const site = await SiteModel.build({ root: eleventyConfig.directories?.input ?? 'docs-src' });
    state = { site };
  }
  eleventyConfig.setQuietMode(true);
  kdocsEleventyPlugin(eleventyConfig, {
    site: state.site,
    layout,
    staticDir: nodePath.join(here, 'static'),
    rulePages: await rulePages(nodePath.join(pkg, 'rules'), state.site.cacheDir),
    katexDir: nodePath.join(pkg, 'node_modules', 'katex', 'dist'),
    ...(state.onUpdate ? { onUpdate: state.onUpdate } : {}),
    outDir: state.outDir ?? nodePath.resolve(eleventyConfig.directories?.output ?? '_site'),
    ...(state.reload ? { reload: state.reload } : {}),
    ...(state.onPage ? { onPage: state.onPage } : {}),
  });
}
