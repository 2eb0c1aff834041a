/**
 * How the web app travels: its built assets go compressed to browsers that accept it, and
 * their hashed names let browsers keep them.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { baseUrl } from './support.ts';

/** A raw GET (no automatic decompression), with the headers and the bytes as sent. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      request(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
        .on('error', reject)
        .end();
    },
  );
}

describe('web app delivery', () => {
  it('sends the app script Brotli- or gzip-compressed when accepted, as is otherwise, and marks it immutable', async () => {
    const shell = await rawGet(`${baseUrl()}/`, {});
    expect(shell.status).toBe(200);
    expect(shell.headers['cache-control']).toBe('no-cache');
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(shell.body.toString())![1]!;

    const plain = await rawGet(`${baseUrl()}${script}`, { 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const br = await rawGet(`${baseUrl()}${script}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const gz = await rawGet(`${baseUrl()}${script}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });
});
