/** A uniform and a standard normal draw from one seeded stream. */
export interface SeededRandom {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal (Box–Muller, one value per two uniforms). */
  normal(): number;
}

/**
 * mulberry32: tiny, fast and good enough for synthetic data and property tests; the same seed gives the same
 * stream on every platform, so a simulation (and a failing test) reproduces exactly.
 */
export function seededRandom(seed: number): SeededRandom {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // 1 - u is in (0, 1]: the logarithm stays finite.
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}
