import { describe, expect, it } from 'vitest';
import { OWN_TENANT, singleCorp, tenantOf, tenantScoped } from '../../src/wecom/corp';

describe('tenant keys', () => {
  it('keeps the own corp under the names it always had', () => {
    expect(tenantOf(singleCorp('ww-own'), 'ww-own')).toBe(OWN_TENANT);
    expect(tenantScoped(OWN_TENANT, 'wkAAA')).toBe('wkAAA');
  });

  it('keeps every other corp apart by its id', () => {
    const other = tenantOf({ id: 'ww-b', mode: 'third_party' }, 'ww-own');
    expect(other).toBe('ww-b');
    expect(tenantScoped(other, 'wkAAA')).toBe('corp:ww-b:wkAAA');
    expect(tenantScoped('ww-c', 'wkAAA')).not.toBe(tenantScoped(other, 'wkAAA'));
  });
});
