import { describe, expect, it } from 'vitest';
import { hashSecret, SECRET_HASH_PATTERN, verifySecret } from './secret-hash.js';

describe('gateway secret hashes', () => {
  it('should verify the secret a hash was made from, and no other', async () => {
    const hash = await hashSecret('correct horse');
    expect(hash).toMatch(SECRET_HASH_PATTERN);
    expect(await verifySecret('correct horse', hash)).toBe(true);
    expect(await verifySecret('correct horsE', hash)).toBe(false);
  });

  it('should salt each hash, so equal secrets do not show as equal hashes', async () => {
    expect(await hashSecret('same secret')).not.toBe(await hashSecret('same secret'));
  });

  it('should refuse anything that is not a scrypt hash', async () => {
    expect(await verifySecret('hunter2', 'hunter2')).toBe(false);
  });
});
