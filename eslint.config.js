import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Nothing from the page or the API is ever inserted as HTML or run as code.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Insert text (textContent / React), never HTML.' },
        { property: 'outerHTML', message: 'Insert text (textContent / React), never HTML.' },
        { property: 'insertAdjacentHTML', message: 'Insert text (textContent / React), never HTML.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never insert HTML.' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
