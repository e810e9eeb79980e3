// Two-sample rank and ECDF tests, reproducing scipy 1.17 (two-sided, default arguments).
// Every sample argument is an ascending-sorted Float64Array without NaN.
export { ks2samp, KS_MAX_EXACT_N, type Ks2SampResult } from './ks-2samp';
export { andersonDarlingKSample, type AndersonKSampResult } from './anderson-ksamp';
export { cramerVonMises2, CVM_MAX_EXACT_N } from './cramer-von-mises-2samp';
export { mannWhitneyU } from './mann-whitney-u';
export { kstwoSf } from './kolmogorov-n';
export { smirnovSf } from './smirnov';
