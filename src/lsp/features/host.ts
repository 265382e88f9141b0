/**
 * What the navigation features need from the server: the live project index, the current text
 * and tree of a document (an open buffer wins over the disk), and the kernel profile. The
 * features are pure functions over this, so they are tested without a connection; the server's
 * Workspace is adapted to it in index.ts.
 *
 * Places are root-relative paths and UTF-16 offsets into that file's current text; index.ts turns
 * them into URIs and LSP ranges.
 */
import type { ProjectIndex } from '../../project/index.js';
import type { ParsedDocument } from '../../rst/parse.js';
import { LineMap, type PositionEncoding } from './text.js';

export interface FeatureHost {
  readonly index: ProjectIndex;
  /** Kernel profile for mm API facts (`settings.profile`). */
  readonly profile: string;
  /** Current text of a root-relative file, undefined when it does not exist. */
  text(path: string): string | undefined;
  /** Current tree of a root-relative `.rst` document. */
  parsed(path: string): ParsedDocument | undefined;
}

/** A range in a file. */
export interface Place {
  path: string;
  start: number;
  end: number;
}

/** A text edit in a file (offsets into its current text). */
export interface Edit extends Place {
  newText: string;
}

/** Line maps per text, for converting many places of the same files. */
export class LineMaps {
  private readonly maps = new Map<string, LineMap>();
  constructor(
    private readonly host: FeatureHost,
    private readonly encoding: PositionEncoding = 'utf-16',
  ) {}

  of(path: string): LineMap | undefined {
    const text = this.host.text(path);
    if (text === undefined) return undefined;
    let m = this.maps.get(path);
    if (!m || m.text !== text) {
      m = new LineMap(text, this.encoding);
      this.maps.set(path, m);
    }
    return m;
  }
}

/** A host over a ProjectIndex alone (texts from its overlay or the disk): for tests and the bench. */
export function indexHost(index: ProjectIndex, profile = '7.1'): FeatureHost {
  return {
    index,
    profile,
    text: (path) => index.readRel(path) ?? undefined,
    parsed: (path) => index.get(path),
  };
}
