import { beforeAll, describe, expect, it } from 'vitest';
import { createProjectGraphAsync } from '@nx/devkit';
import { ESLint } from 'eslint';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  // The rule reads Nx's cached project graph and silently skips without one.
  beforeAll(async () => {
    await createProjectGraphAsync({ exitOnError: true });
  }, 60_000);

  it('forbid a service importing another service', async () => {
    const errors = await boundaryErrors('services/ingest/src/violation.ts', "import { apiService } from '@chatvault/service-api';\nexport const x = apiService;\n");
    expect(errors.join('\n')).toMatch(/type:service.*can only depend on libs tagged with/s);
  });

  it('forbid contracts depending on an adapter lib', async () => {
    const errors = await boundaryErrors('libs/contracts/src/violation.ts', "import { MESSAGE_BUS } from '@chatvault/bus';\nexport const x = MESSAGE_BUS;\n");
    expect(errors).toHaveLength(1);
  });

  it('allow a service to use libs and contracts', async () => {
    const errors = await boundaryErrors(
      'services/ingest/src/fine.ts',
      "import { wecomMessageReceivedV1 } from '@chatvault/contracts';\nimport { MESSAGE_BUS } from '@chatvault/bus';\nexport const x = [wecomMessageReceivedV1, MESSAGE_BUS];\n",
    );
    expect(errors).toEqual([]);
  });

  it('allow the entrypoint to compose services', async () => {
    const errors = await boundaryErrors('services/chatvault/src/fine.ts', "import { apiService } from '@chatvault/service-api';\nexport const x = apiService;\n");
    expect(errors).toEqual([]);
  });
});
