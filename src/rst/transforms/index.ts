/**
 * docutils' reader transforms as Sphinx 5.3 runs them (docutils' standalone reader, Sphinx's
 * settings), in docutils' priority order:
 *
 *   210 ClassAttribute       220 Substitutions         260 PropagateTargets
 *   340 DocInfo
 *   440 AnonymousHyperlinks  460 IndirectHyperlinks    620 Footnotes
 *   640 ExternalTargets      660 InternalTargets       710 SectNum
 *   720 Contents             830 Transitions
 *   850 DanglingReferences
 *
 * DocTitle/SectionSubTitle are off (Sphinx: doctitle_xform, sectsubtitle_xform = False);
 * Decorations, ExposeInternals, StripComments and SmartQuotes do nothing with these settings;
 * universal.Messages/FilterMessages are not run (Sphinx's writer is unfiltered), so transform
 * messages are reported but not inserted in the tree.
 *
 * `applyTransforms(doc, tree, reporter, options?)` is called by parse() after the block parser;
 * the reporter's phase is 'transform' by then. Pass `options.source` so problematic nodes get the
 * exact raw text of the reference they replace (else `node.data.rawsource`, else a reconstruction).
 */
import type { DocumentState } from '../document.js';
import type { RstDocument } from '../nodes.js';
import type { Reporter } from '../reporter.js';
import { TransformContext, type TransformOptions } from './context.js';
import { docinfo } from './docinfo.js';
import { footnotes } from './footnotes.js';
import { transitions } from './misc.js';
import { classAttribute, contents, sectNum } from './parts.js';
import {
  anonymousHyperlinks,
  danglingReferences,
  externalTargets,
  indirectHyperlinks,
  internalTargets,
  propagateTargets,
} from './references.js';
import { substitutions } from './substitutions.js';

export type { TransformOptions } from './context.js';
export { TransformContext } from './context.js';

export interface Transform {
  name: string;
  priority: number;
  apply(ctx: TransformContext): void;
}

export const TRANSFORMS: readonly Transform[] = [
  { name: 'ClassAttribute', priority: 210, apply: classAttribute },
  { name: 'Substitutions', priority: 220, apply: substitutions },
  { name: 'PropagateTargets', priority: 260, apply: propagateTargets },
  { name: 'DocInfo', priority: 340, apply: docinfo },
  { name: 'AnonymousHyperlinks', priority: 440, apply: anonymousHyperlinks },
  { name: 'IndirectHyperlinks', priority: 460, apply: indirectHyperlinks },
  { name: 'Footnotes', priority: 620, apply: footnotes },
  { name: 'ExternalTargets', priority: 640, apply: externalTargets },
  { name: 'InternalTargets', priority: 660, apply: internalTargets },
  { name: 'SectNum', priority: 710, apply: sectNum },
  { name: 'Contents', priority: 720, apply: contents },
  { name: 'Transitions', priority: 830, apply: transitions },
  { name: 'DanglingReferences', priority: 850, apply: danglingReferences },
];

/**
 * Run docutils' reader transforms over a parsed document. Never throws: a transform that fails
 * (a bug) is reported as a SEVERE message and the others still run.
 */
export function applyTransforms(
  doc: DocumentState,
  tree: RstDocument,
  reporter: Reporter,
  options: TransformOptions = {},
): void {
  const ctx = new TransformContext(doc, tree, reporter, options);
  for (const t of TRANSFORMS) {
    try {
      t.apply(ctx);
    } catch (e) {
      reporter.severe('internal-error', `Internal error in transform ${t.name}: ${String((e as Error)?.stack ?? e)}`);
    }
  }
}
