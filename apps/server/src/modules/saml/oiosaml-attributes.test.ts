import { describe, expect, test } from 'vitest';
import {
  OIOSAML,
  assuranceOf,
  cvrPrivileges,
  hashCpr,
  maskCpr,
  meetsAssurance,
  normaliseCpr,
  readOiosaml,
} from './oiosaml-attributes.js';

const privilegeList = (groups: { cvr: string; privileges: string[] }[]) =>
  Buffer.from(
    `<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">${groups
      .map(
        (g) =>
          `<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:${g.cvr}">${g.privileges
            .map((p) => `<Privilege>${p}</Privilege>`)
            .join('')}</PrivilegeGroup>`,
      )
      .join('')}</bpp:PrivilegeList>`,
  ).toString('base64');

describe('OIOSAML 3 attributes', () => {
  test('assurance levels are ordered low < substantial < high, and an unknown level meets nothing', () => {
    expect(assuranceOf('Substantial')).toBe('substantial');
    expect(assuranceOf('Medium')).toBeUndefined();
    expect(meetsAssurance('high', 'substantial')).toBe(true);
    expect(meetsAssurance('substantial', 'substantial')).toBe(true);
    expect(meetsAssurance('low', 'substantial')).toBe(false);
    expect(meetsAssurance(undefined, 'low')).toBe(false);
  });

  test('a CPR number is normalised, masked to the birth date and hashed with a key', () => {
    expect(normaliseCpr('010190-1234')).toBe('0101901234');
    expect(normaliseCpr('01019012345')).toBeUndefined();
    expect(normaliseCpr('0101a01234')).toBeUndefined();
    expect(maskCpr('0101901234')).toBe('010190-****');
    const a = hashCpr('0101901234', 'key-one');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toContain('0101901234');
    expect(hashCpr('0101901234', 'key-one')).toBe(a);
    expect(hashCpr('0101901234', 'key-two')).not.toBe(a);
  });

  test('privileges count only for the CVR number their group is scoped to, and only with a privilege', () => {
    const list = privilegeList([
      { cvr: '12345678', privileges: ['urn:dk:some_domain:myPrivilege1A'] },
      { cvr: '87654321', privileges: [] },
    ]);
    expect([...cvrPrivileges(list)]).toEqual(['12345678']);
    expect(cvrPrivileges('not base64 xml').size).toBe(0);
    const dtd = Buffer.from('<!DOCTYPE x [<!ENTITY a "b">]><PrivilegeList/>').toString('base64');
    expect(cvrPrivileges(dtd).size).toBe(0);
  });

  test('a business identity may act for its CVR only when the privilege list names that CVR', () => {
    const base = {
      [OIOSAML.assurance]: 'Substantial',
      [OIOSAML.fullName]: 'Bo Erhverv',
      [OIOSAML.cpr]: '0202801234',
      [OIOSAML.cvr]: '12345678',
      [OIOSAML.orgName]: 'Tømrer ApS',
    };
    const acting = readOiosaml({
      ...base,
      [OIOSAML.privileges]: privilegeList([{ cvr: '12345678', privileges: ['p'] }]),
    });
    expect(acting).toMatchObject({
      assurance: 'substantial',
      name: 'Bo Erhverv',
      cpr: '0202801234',
      business: { cvr: '12345678', name: 'Tømrer ApS' },
      mayActForBusiness: true,
    });
    const other = readOiosaml({
      ...base,
      [OIOSAML.privileges]: privilegeList([{ cvr: '99999999', privileges: ['p'] }]),
    });
    expect(other.mayActForBusiness).toBe(false);
    expect(readOiosaml({ ...base }).mayActForBusiness).toBe(false);
  });
});
