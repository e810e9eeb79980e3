import { ADWIN, ADWINSnapshot } from './adwin';
import { DDM, DDMSnapshot } from './ddm';
import type { DetectorSnapshot, DriftDetector } from './drift-detector';
import { EDDM, EDDMSnapshot } from './eddm';
import { HDDMA, HDDMASnapshot } from './hddm-a';
import { HDDMW, HDDMWSnapshot } from './hddm-w';
import { KSWIN, KSWINSnapshot } from './kswin';
import { PageHinkley, PageHinkleySnapshot } from './page-hinkley';


/** Restores any detector from its `toJSON()` snapshot, so the pipeline need not know which kind it stored. */
export function detectorFromJSON(snapshot: DetectorSnapshot): DriftDetector {
  switch (snapshot.kind) {
    case 'ADWIN':
      return ADWIN.fromJSON(snapshot as ADWINSnapshot);
    case 'DDM':
      return DDM.fromJSON(snapshot as DDMSnapshot);
    case 'EDDM':
      return EDDM.fromJSON(snapshot as EDDMSnapshot);
    case 'HDDM_A':
      return HDDMA.fromJSON(snapshot as HDDMASnapshot);
    case 'HDDM_W':
      return HDDMW.fromJSON(snapshot as HDDMWSnapshot);
    case 'KSWIN':
      return KSWIN.fromJSON(snapshot as KSWINSnapshot);
    case 'PageHinkley':
      return PageHinkley.fromJSON(snapshot as PageHinkleySnapshot);
    default:
      throw new TypeError(`unknown detector kind ${String((snapshot as { kind?: unknown }).kind)}`);
  }
}
