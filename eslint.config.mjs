import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Service → service imports would couple deployables that must only talk over topics;
// contracts stay dependency-free so every consumer can validate events without pulling in adapters.
export const moduleBoundaries = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:service', 'type:lib', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:util'] },
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', 'deploy/**', 'data/**', '**/.cache/**', '**/.run/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: moduleBoundaries,
          // The WeCom fakes implement libs/wecom's contracts, and wecom's own specs run against them.
          ignoredCircularDependencies: [['testing', 'wecom']],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
];
