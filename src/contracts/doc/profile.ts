/** The profile a contract rule checks against: config `settings.profile`, the rule's own `profile` option, or 7.1. */
import { DEFAULT_PROFILE, isProfileName, PROFILE_NAMES } from '../../model/surface/index.js';
import type { SurfaceProfileName } from '../../model/surface/index.js';

export function profileOf(ctx: { options?: Record<string, unknown>; settings?: Record<string, unknown> } & object): SurfaceProfileName {
  const settings = (ctx as { settings?: Record<string, unknown> }).settings;
  const fromSettings = settings?.profile;
  const fromOptions = (ctx as { options?: Record<string, unknown> }).options?.profile;
  for (const p of [fromOptions, fromSettings]) if (typeof p === 'string' && isProfileName(p)) return p;
  return DEFAULT_PROFILE;
}

/** The options schema shared by the contract-* rules. */
export const PROFILE_OPTIONS_SCHEMA = {
  type: 'object',
  properties: {
    profile: {
      enum: [...PROFILE_NAMES],
      description: 'Kernel profile to check against (default: settings.profile, else 7.1).',
    },
  },
  additionalProperties: false,
} as const;
