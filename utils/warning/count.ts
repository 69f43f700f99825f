/**
 * Counts read from page markup. A page may write anything into an attribute ("73", "1,204",
 * "NaN", "-3", "1e9", " 12 "); only a plain non-negative decimal integer that is a safe
 * integer counts, everything else is unknown (null) and is never shown as a number.
 */
const DIGITS = /^[0-9]+$/;

export function parseCount(value: string | null | undefined): number | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!DIGITS.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}
