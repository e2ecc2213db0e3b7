/** The whole calendar months inside [from, to], as [first, end): empty (first >= end) when there are none. */
export function wholeMonths(from: string, to: string): { first: string; end: string } {
  const monthStart = (y: number, m: number) => new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  const lastDayOfTo = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return {
    first: fd === 1 ? monthStart(fy, fm - 1) : monthStart(fy, fm),
    end: td === lastDayOfTo ? monthStart(ty, tm) : monthStart(ty, tm - 1),
  };
}
