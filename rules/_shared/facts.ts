/**
 * One walk per document, shared by every rule: the lint engine provides it (src/lint/facts.ts).
 */
export { docFacts, ofType, KEPT_TYPES, factsWalks, type DocFacts, type ParagraphInfo, type TextInfo, type SectionInfo } from '../../src/lint/facts.js';
