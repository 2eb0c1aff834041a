/** Allowed IP ranges of a test (R-ASM-2): IPv4 and IPv6 addresses and CIDR ranges. */

function parseV4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseV6(s: string): bigint | null {
  let str = s;
  // An IPv4 tail (::ffff:10.0.0.1) becomes two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(str);
  if (v4) {
    const n = parseV4(v4[1]!);
    if (n === null) return null;
    str = `${str.slice(0, -v4[1]!.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = str.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return n;
}

type Addr = { v: 4 | 6; n: bigint };

function parseAddr(s: string): Addr | null {
  const v4 = parseV4(s);
  if (v4 !== null) return { v: 4, n: v4 };
  const v6 = parseV6(s);
  if (v6 === null) return null;
  // IPv4-mapped IPv6 is the IPv4 address (servers often report clients this way).
  if (v6 >> 32n === 0xffffn) return { v: 4, n: v6 & 0xffffffffn };
  return { v: 6, n: v6 };
}

/** Is the range well formed ("10.0.0.0/8", "192.168.1.7", "2001:db8::/32")? */
export function isIpRange(range: string): boolean {
  const [addr, bits, extra] = range.trim().split('/');
  if (extra !== undefined || !addr) return false;
  const a = parseAddr(addr);
  if (!a) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (a.v === 4 ? 32 : 128);
}

/** Does the address fall in any of the ranges? No ranges means everywhere. */
export function ipAllowed(ip: string, ranges: readonly string[]): boolean {
  if (ranges.length === 0) return true;
  const a = parseAddr(ip.trim());
  if (!a) return false;
  return ranges.some((r) => {
    const [addr, bits] = r.trim().split('/');
    const b = parseAddr(addr ?? '');
    if (!b || b.v !== a.v) return false;
    const width = a.v === 4 ? 32n : 128n;
    const prefix = bits === undefined ? width : BigInt(Number(bits));
    const shift = width - prefix;
    return a.n >> shift === b.n >> shift;
  });
}
