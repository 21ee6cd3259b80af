// One rule, kept because it protects the bundle budget (issue 11): `import { z } from 'zod'` pulls
// every zod locale (about 258 KB) into each Lambda bundle; the namespace import does not.
import tseslint from 'typescript-eslint';

export default tseslint.config({
  files: ['**/*.ts', '**/*.tsx'],
  ignores: ['node_modules/**', 'cdk.out/**', 'console/dist/**'],
  languageOptions: { parser: tseslint.parser },
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: "ImportDeclaration[source.value='zod'] > :matches(ImportSpecifier, ImportDefaultSpecifier)",
        message: "Import zod as a namespace: import * as z from 'zod' (a named import bundles every locale).",
      },
    ],
  },
});
