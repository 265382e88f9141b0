/**
 * Explores every contract in every profile for the site's contract pages, on a thread of its own
 * (contracts.ts, startContracts): posts the stored form of the views (as the cache file holds
 * them) and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ProfileName } from '../../model/index.js';
import { buildContracts, storedViews } from './contracts.js';

const { profile } = workerData as { profile: ProfileName };
parentPort!.postMessage(storedViews(buildContracts(profile)));
