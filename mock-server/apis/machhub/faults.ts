/** The bugs the MACHHUB mock can be started with, to prove the suite catches each; each wraps seams (seams.ts). */
import { tellingUnknownAccounts } from '../../core/password-check.ts';
import type { FaultDefinition } from '../../core/faults.ts';
import { httpError } from '../../core/http-error.ts';
import { withoutMember, type SeamFault } from '../../core/seams.ts';
import { TOKEN_FAULTS, type TokenFault } from '../../core/token-faults.ts';
import { MACHHUB_ERRORS } from './errors.ts';
import type { MachhubSeams } from './seams.ts';
import { findUserByName } from './state.ts';

export const MACHHUB_TOKEN_FAULTS: readonly TokenFault[] = Object.values(TOKEN_FAULTS);

export const MACHHUB_FAULTS = {
  ignorePermissionCheck: {
    id: 'ignore-permission-check',
    description: 'lets every caller through permission checks',
    wraps: { operationPermitted: () => () => true },
  },
  readWriteWithoutRead: {
    id: 'read-write-without-read',
    description: 'forgets that read-write implies read',
    wraps: { askerOf: (askerOf) => (context, principal) => ({ ...askerOf(context, principal), readWriteImpliesRead: false }) },
  },
  deletedKeyWorks: {
    id: 'deleted-key-works',
    description: 'answers a key deletion but keeps the key working',
    wraps: { deleteApiKey: () => (context, lookupId) => context.state.apiKeys.get(lookupId) !== undefined },
  },
  keyPrefixNotChecked: {
    id: 'key-prefix-not-checked',
    description: 'accepts API keys without the mchx_ prefix',
    wraps: { presentedApiKey: (presented) => (given) => presented(given.startsWith('mchx_') ? given : `mchx_${given}`) },
  },
  errorsAsJson: {
    id: 'errors-as-json',
    description: 'writes errors as JSON instead of plain text',
    wraps: { sendErrorText: () => (res, status, text) => void res.status(status).json({ error: text }) },
  },
  noCorrelationIdOnErrors: {
    id: 'no-correlation-id-on-errors',
    description: 'drops App-CorrelationID from error responses',
    wraps: {
      sendErrorText: (send) => (res, status, text) => {
        res.removeHeader('App-CorrelationID');
        send(res, status, text);
      },
    },
  },
  loginEnumeration: {
    id: 'login-enumeration',
    description: 'tells an unknown username apart from a wrong password',
    wraps: {
      checkPassword: (check) => tellingUnknownAccounts(check, (context, username) => findUserByName(context.state, username) !== undefined, MACHHUB_ERRORS.invalidLogin),
    },
  },
  permissionForbiddenWhenEmpty: {
    id: 'permission-forbidden-when-empty',
    description: 'answers 403 instead of {actions: []} when nothing is granted',
    wraps: {
      answerPermission: (answer) => (actions) => {
        if (actions.length === 0) throw httpError(MACHHUB_ERRORS.forbidden);
        return answer(actions);
      },
    },
  },
  loginMissingSuccess: {
    id: 'login-missing-success',
    description: 'omits success from the login response',
    wraps: { answerLogin: (answer) => (body) => withoutMember(answer(body), 'success') },
  },
} as const satisfies Record<string, SeamFault<MachhubSeams>>;

export const MACHHUB_FAULT_CATALOG: FaultDefinition[] = [...MACHHUB_TOKEN_FAULTS, ...Object.values(MACHHUB_FAULTS)];
