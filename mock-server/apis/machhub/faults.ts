/** The bugs the MACHHUB mock can be started with, to prove the suite catches each. */
import { TOKEN_FAULTS, type FaultDefinition } from '../../core/faults.ts';

export const MACHHUB_FAULTS = {
  ...TOKEN_FAULTS,
  ignorePermissionCheck: { id: 'ignore-permission-check', description: 'lets every caller through permission checks' },
  readWriteWithoutRead: { id: 'read-write-without-read', description: 'forgets that read-write implies read' },
  deletedKeyWorks: { id: 'deleted-key-works', description: 'answers a key deletion but keeps the key working' },
  keyPrefixNotChecked: { id: 'key-prefix-not-checked', description: 'accepts API keys without the mchx_ prefix' },
  errorsAsJson: { id: 'errors-as-json', description: 'writes errors as JSON instead of plain text' },
  noCorrelationIdOnErrors: { id: 'no-correlation-id-on-errors', description: 'drops App-CorrelationID from error responses' },
  loginEnumeration: { id: 'login-enumeration', description: 'tells an unknown username apart from a wrong password' },
  permissionForbiddenWhenEmpty: { id: 'permission-forbidden-when-empty', description: 'answers 403 instead of {actions: []} when nothing is granted' },
  loginMissingSuccess: { id: 'login-missing-success', description: 'omits success from the login response' },
} as const satisfies Record<string, FaultDefinition>;

export const MACHHUB_FAULT_CATALOG: FaultDefinition[] = Object.values(MACHHUB_FAULTS);
