export { binTerms, cdfGaps, contingencyTerms, wassersteinBinTerms, wassersteinTerms, type TermMethod } from './bin-contributions';
