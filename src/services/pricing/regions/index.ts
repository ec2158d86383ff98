// Built-in price tables, keyed by region code. Add a region: a new file here, or registerRegionPrices() at run time.

import type { RegionPriceTable } from '../model.js';
import { US_EAST_1 } from './us-east-1.js';

export const BUILT_IN_REGIONS: Record<string, RegionPriceTable> = {
  'us-east-1': US_EAST_1,
};
