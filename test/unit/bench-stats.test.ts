import { describe, expect, it } from 'vitest';
import { median, trimmedMean } from '../bench/lib';

describe('the benchmark statistics (test/bench/lib.ts)', () => {
  it('trimmedMean sets aside the lowest and highest tenth and averages the rest', () => {
    expect(trimmedMean([1, 2, 3, 4, 5, 6, 7, 8, 9, 1000])).toBe(5.5);
    expect(trimmedMean([10, 20, 30])).toBe(20); // fewer than ten values: nothing is set aside
    expect(trimmedMean([])).toBeNaN();
  });

  it('moves with the share of late loads where a median jumps between the two heaps', () => {
    // Loads of ~43 ms and of a frame later (~59 ms): 9 late ones in 20, then 11.
    const loads = (late: number) => [...Array<number>(20 - late).fill(43), ...Array<number>(late).fill(59)];
    expect(median(loads(11)) / median(loads(9))).toBeCloseTo(59 / 43);
    expect(trimmedMean(loads(11)) / trimmedMean(loads(9))).toBeLessThan(1.07);
  });
});
