export { binTerms, cdfGaps, contingencyTerms, wassersteinTerms, type TermMethod } from './bin-contributions';
