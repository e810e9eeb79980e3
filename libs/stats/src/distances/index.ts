export { psi } from './psi';
export { jensenShannon } from './jensen-shannon';
export { kullbackLeibler } from './kullback-leibler';
export { hellinger } from './hellinger';
export { totalVariation } from './total-variation';
export { wasserstein, wassersteinDistance, wassersteinFromHistogram, WASSERSTEIN_MIN_STD } from './wasserstein';
export { energyDistance } from './energy-distance';
export { populationStd } from './population-std';
export { fillZeroShares } from './shares.util';
