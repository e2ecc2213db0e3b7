// Typed values read straight from bytes, so the common shapes never become strings first.
// Each returns NaN when the bytes are not of the fast shape; callers then take the general path.

const D = (c: number) => c - 48;
const digit = (c: number) => c >= 48 && c <= 57;
const two = (b: Uint8Array, i: number) => (digit(b[i]) && digit(b[i + 1]) ? D(b[i]) * 10 + D(b[i + 1]) : NaN);

/**
 * Parses an ISO-8601 timestamp (YYYY-MM-DD[T ]hh:mm[:ss[.fff]][Z|±hh[:mm]]) to epoch ms; NaN when
 * the bytes are not of that shape. A time without zone is UTC.
 */
export function parseIsoBytes(b: Uint8Array, s: number, e: number): number {
  if (e - s < 16 || b[s + 4] !== 45 || b[s + 7] !== 45 || (b[s + 10] !== 84 && b[s + 10] !== 32) || b[s + 13] !== 58)
    return NaN;
  const year = two(b, s) * 100 + two(b, s + 2);
  const month = two(b, s + 5);
  const day = two(b, s + 8);
  const hour = two(b, s + 11);
  const min = two(b, s + 14);
  let i = s + 16,
    sec = 0,
    ms = 0;
  if (i < e && b[i] === 58) {
    if (i + 2 >= e) return NaN;
    sec = two(b, i + 1);
    i += 3;
    if (i < e && b[i] === 46) {
      let scale = 100;
      const start = ++i;
      for (; i < e && digit(b[i]); i++, scale /= 10) ms += D(b[i]) * scale;
      if (i === start) return NaN;
      ms = Math.floor(ms + 1e-9);
    }
  }
  const offset = i < e ? zoneOffset(b, i, e) : 0;
  // NaN from any bad digit pair fails these comparisons too.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && min <= 59 && sec <= 60 && year >= 0))
    return NaN;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + min - offset) * 60_000 + sec * 1000 + ms;
}

// Minutes east of UTC for "Z", "±hh", "±hhmm" or "±hh:mm" filling b[i..e); NaN otherwise.
function zoneOffset(b: Uint8Array, i: number, e: number): number {
  const c = b[i];
  if (c === 90) return i + 1 === e ? 0 : NaN;
  if ((c !== 43 && c !== 45) || e - i < 3) return NaN;
  const oh = two(b, i + 1);
  let j = i + 3,
    om = 0;
  if (j < e && b[j] === 58) j++;
  if (j + 2 <= e) {
    om = two(b, j);
    j += 2;
  }
  if (j !== e || !(oh <= 23 && om <= 59)) return NaN;
  return (c === 43 ? 1 : -1) * (oh * 60 + om);
}

/** Days since 1970-01-01 of a proleptic Gregorian date; days past the month's end roll over, as in Date.UTC. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * Parses a plain decimal (-?digits[.digits], at most 15 digits) exactly as Number() would; NaN for
 * anything else (exponents, spaces, long mantissas), which callers hand to Number().
 */
export function parseDecimalBytes(b: Uint8Array, s: number, e: number): number {
  let i = s;
  const negative = i < e && b[i] === 45;
  if (negative) i++;
  const start = i;
  let mantissa = 0,
    scale = 1;
  for (; i < e && digit(b[i]); i++) mantissa = mantissa * 10 + D(b[i]);
  if (i === start) return NaN;
  let digits = i - start;
  if (i < e && b[i] === 46) {
    const fracStart = ++i;
    for (; i < e && digit(b[i]); i++) {
      mantissa = mantissa * 10 + D(b[i]);
      scale *= 10;
    }
    if (i === fracStart) return NaN;
    digits += i - fracStart;
  }
  // Below 2^53 the mantissa and the power of ten are exact, so one division rounds correctly.
  if (i !== e || digits > 15) return NaN;
  const v = mantissa / scale;
  return negative ? -v : v;
}
