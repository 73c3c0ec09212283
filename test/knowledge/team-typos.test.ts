import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/knowledge/edit-distance.js';

describe('the edit distance behind "did you mean" for teams', () => {
  it('counts a missing, extra or wrong letter and two swapped letters as one slip each', () => {
    expect(editDistance('biling', 'billing')).toBe(1);
    expect(editDistance('billling', 'billing')).toBe(1);
    expect(editDistance('bulling', 'billing')).toBe(1);
    expect(editDistance('secruity', 'security')).toBe(1);
    expect(editDistance('accounts', 'technical')).toBeGreaterThan(2);
  });
});
