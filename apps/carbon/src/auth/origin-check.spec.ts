import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './origin-check.js';

describe(isAllowedOrigin.name, () => {
  it('should allow the dashboard this service serves, by the Host it was asked on', () => {
    expect(isAllowedOrigin('http://127.0.0.1:3000', '127.0.0.1:3000', [])).toBe(true);
  });

  it('should allow an origin on the allow-list and refuse any other', () => {
    expect(isAllowedOrigin('https://energy.example.com', '10.0.0.5:3000', ['https://energy.example.com'])).toBe(true);
    expect(isAllowedOrigin('https://evil.example.net', '10.0.0.5:3000', ['https://energy.example.com'])).toBe(false);
    expect(isAllowedOrigin('null', '10.0.0.5:3000', [])).toBe(false);
  });

  it('should leave a client without an Origin (not a browser page) to its token', () => {
    expect(isAllowedOrigin(undefined, '127.0.0.1:3000', [])).toBe(true);
  });
});
