import { describe, expect, it } from 'vitest';
import { ipAllowed, isIpRange } from './network.ts';

describe('allowed IP ranges', () => {
  it('no ranges allows everyone', () => {
    expect(ipAllowed('8.8.8.8', [])).toBe(true);
  });
  it('IPv4 CIDR and single addresses', () => {
    const r = ['10.0.0.0/8', '192.168.1.7'];
    expect(ipAllowed('10.200.3.4', r)).toBe(true);
    expect(ipAllowed('11.0.0.1', r)).toBe(false);
    expect(ipAllowed('192.168.1.7', r)).toBe(true);
    expect(ipAllowed('192.168.1.8', r)).toBe(false);
    expect(ipAllowed('1.2.3.4', ['0.0.0.0/0'])).toBe(true);
    expect(ipAllowed('172.16.5.1', ['172.16.0.0/12'])).toBe(true);
    expect(ipAllowed('172.32.0.1', ['172.16.0.0/12'])).toBe(false);
  });
  it('IPv4-mapped IPv6 counts as IPv4', () => {
    expect(ipAllowed('::ffff:10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(ipAllowed('::ffff:11.1.2.3', ['10.0.0.0/8'])).toBe(false);
  });
  it('IPv6 ranges', () => {
    expect(ipAllowed('2001:db8::1', ['2001:db8::/32'])).toBe(true);
    expect(ipAllowed('2001:db9::1', ['2001:db8::/32'])).toBe(false);
    expect(ipAllowed('::1', ['::1'])).toBe(true);
    expect(ipAllowed('::1', ['127.0.0.1'])).toBe(false);
  });
  it('garbage never matches, and ranges are validated', () => {
    expect(ipAllowed('not-an-ip', ['0.0.0.0/0'])).toBe(false);
    expect(ipAllowed('256.1.1.1', ['0.0.0.0/0'])).toBe(false);
    expect(isIpRange('10.0.0.0/8')).toBe(true);
    expect(isIpRange('10.0.0.0/33')).toBe(false);
    expect(isIpRange('2001:db8::/129')).toBe(false);
    expect(isIpRange('2001:db8::/64')).toBe(true);
    expect(isIpRange('1.2.3')).toBe(false);
    expect(isIpRange('1:2:3:4:5:6:7:8:9')).toBe(false);
  });
});
