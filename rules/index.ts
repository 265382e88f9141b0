/**
 * Every lint rule, in one array. A rule lives in rules/<rule-id>/ (index.ts + README.md with its
 * ok / not-ok examples, which test/rules/examples.test.ts runs). To add a rule, import it and
 * append it to `allRules`.
 */
import type { Rule } from '../src/lint/types.js';
import codeBlockLexer from './code-block-lexer/index.js';
import docutils from './docutils/index.js';
import duplicateLabel from './duplicate-label/index.js';
import headingStyle from './heading-style/index.js';
import malformedRole from './malformed-role/index.js';
import markdownBold from './markdown-bold/index.js';
import markdownEmphasis from './markdown-emphasis/index.js';
import markdownFencedCode from './markdown-fenced-code/index.js';
import markdownHeading from './markdown-heading/index.js';
import markdownLink from './markdown-link/index.js';
import singleBacktickCode from './single-backtick-code/index.js';
import spdxMissing from './spdx-missing/index.js';
import toctreeMissing from './toctree-missing/index.js';
import toctreeMissingDocument from './toctree-missing-document/index.js';
import trailingWhitespace from './trailing-whitespace/index.js';
import unresolvedReference from './unresolved-reference/index.js';
import relativeLink from './relative-link/index.js';
import contractIdentifier from './contract-identifier/index.js';
import contractSignature from './contract-signature/index.js';
import contractFieldClass from './contract-field-class/index.js';
import contractBehaviour from './contract-behaviour/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const allRules: Rule<any>[] = [
  toctreeMissing,
  toctreeMissingDocument,
  headingStyle,
  codeBlockLexer,
  markdownHeading,
  markdownFencedCode,
  markdownBold,
  markdownLink,
  markdownEmphasis,
  singleBacktickCode,
  docutils,
  unresolvedReference,
  relativeLink,
  duplicateLabel,
  malformedRole,
  trailingWhitespace,
  spdxMissing,
  contractIdentifier,
  contractSignature,
  contractFieldClass,
  contractBehaviour,
];

export default allRules;
