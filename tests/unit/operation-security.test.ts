/** Guards built from the spec: the security facts of each operation are read from it, and a guard the spec cannot back refuses to be built. */
import { describe, expect, test } from 'vitest';
import { securityOf } from '../../specs/operation-security.ts';
import type { MachhubContext } from '../../mock-server/apis/machhub/context.ts';
import { requireOperationPermission } from '../../mock-server/apis/machhub/guards.ts';
import type { VinmakeContext } from '../../mock-server/apis/vinmake/context.ts';
import { authorizeOperation } from '../../mock-server/apis/vinmake/guards.ts';
import type { VntanaContext } from '../../mock-server/apis/vntana/context.ts';
import { authenticateOperation } from '../../mock-server/apis/vntana/guards.ts';
import { loadSpec, type OpenApiDocument } from '../../specs/apis.ts';

const specWith = (operation: Record<string, unknown>): OpenApiDocument => ({ openapi: '3.1.0', paths: { '/x': { get: { operationId: 'probe', responses: {}, ...operation } } } });
const contextWith = <C>(spec: OpenApiDocument) => ({ validator: { spec } }) as unknown as C;

describe('security facts from the spec', () => {
  test('are read per operation: public, role, key scope, permission', () => {
    expect(securityOf(loadSpec('vinmake'), 'updateClient')).toEqual({ operationId: 'updateClient', public: false, role: 'staff', scope: 'write:clients', permission: undefined, verifiedEmail: false });
    expect(securityOf(loadSpec('vinmake'), 'login')).toMatchObject({ public: true, role: undefined });
    expect(securityOf(loadSpec('machhub'), 'listGroups')).toMatchObject({ permission: 'groups read domain' });
    expect(securityOf(loadSpec('vntana'), 'getProduct')).toMatchObject({ tokens: ['organization', 'workspace'] });
    expect(securityOf(loadSpec('vntana'), 'logout')).toMatchObject({ tokens: ['login', 'organization', 'workspace'] });
    expect(securityOf(loadSpec('enclaive'), 'createProject')).toMatchObject({ verifiedEmail: true });
    expect(securityOf(loadSpec('enclaive'), 'refresh')).toMatchObject({ verifiedEmail: false });
    expect(() => securityOf(loadSpec('vinmake'), 'noSuchOperation')).toThrow('operation noSuchOperation is not in the spec');
  });

  test('a VinMake guard needs a role the mock knows', () => {
    expect(() => authorizeOperation(contextWith<VinmakeContext>(specWith({ 'x-required-role': 'owner' })), 'probe')).toThrow('no role the VinMake mock knows (x-required-role: owner)');
    expect(() => authorizeOperation(contextWith<VinmakeContext>(specWith({})), 'probe')).toThrow('x-required-role: none');
    expect(typeof authorizeOperation(contextWith<VinmakeContext>(specWith({ 'x-required-role': 'staff', 'x-required-scope': 'write:clients' })), 'probe')).toBe('function');
  });

  test('a VNTANA guard needs token kinds the mock knows', () => {
    expect(() => authenticateOperation(contextWith<VntanaContext>(specWith({ 'x-accepted-tokens': ['organization', 'galaxy'] })), 'probe')).toThrow('x-accepted-tokens: galaxy');
    expect(typeof authenticateOperation(contextWith<VntanaContext>(specWith({ 'x-accepted-tokens': ['workspace'] })), 'probe')).toBe('function');
  });

  test('a MACHHUB guard needs a feature, an action and a known scope', () => {
    for (const permission of ['groups read', 'groups read galaxy', 'groups read domain extra']) {
      expect(() => requireOperationPermission(contextWith<MachhubContext>(specWith({ 'x-required-permission': permission })), 'probe')).toThrow(`x-required-permission: ${permission}`);
    }
    expect(typeof requireOperationPermission(contextWith<MachhubContext>(specWith({ 'x-required-permission': 'groups read domain' })), 'probe')).toBe('function');
  });
});
