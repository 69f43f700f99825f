import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const HTML = 'Insert text (textContent / React), never HTML.';
const noHtmlProperties = [
  { property: 'innerHTML', message: HTML },
  { property: 'outerHTML', message: HTML },
  { property: 'insertAdjacentHTML', message: HTML },
];
const ZOD_MINI = "Product code imports zod from 'zod/mini' only (tree-shakable); not classic 'zod' nor its other entry points.";
const noHtmlSyntax = [{ selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never insert HTML.' }];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Nothing from the page or the API is ever inserted as HTML or run as code.
      'no-restricted-properties': ['error', ...noHtmlProperties],
      'no-restricted-syntax': ['error', ...noHtmlSyntax],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The extension's own code (tests hold hostile strings on purpose): the other HTML sinks,
    // eval/Function reached through window or self, and timers given a string, which no-eval,
    // no-new-func and no-implied-eval only see for declared globals, and this config declares
    // no browser globals (test/unit/adversarial-lint.test.ts).
    files: ['components/**', 'entrypoints/**', 'utils/**'],
    rules: {
      // zod/mini only: classic zod's chained API cannot be tree-shaken (performance issue #6).
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: ZOD_MINI }],
          patterns: [{ group: ['zod/*', '!zod/mini'], message: ZOD_MINI }],
        },
      ],
      'no-restricted-properties': [
        'error',
        ...noHtmlProperties,
        { property: 'setHTMLUnsafe', message: HTML },
        { property: 'createContextualFragment', message: HTML },
        { property: 'srcdoc', message: HTML },
        { object: 'document', property: 'write', message: HTML },
        { object: 'document', property: 'writeln', message: HTML },
      ],
      'no-restricted-syntax': [
        'error',
        ...noHtmlSyntax,
        { selector: "Property[key.name='dangerouslySetInnerHTML']", message: 'Never insert HTML.' },
        {
          selector: 'Literal[value=/^(dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|srcdoc)$/]',
          message: 'Never insert HTML, not even through a property named by a string.',
        },
        { selector: "MemberExpression[property.name='eval']", message: 'Never run strings as code.' },
        { selector: "NewExpression > MemberExpression.callee[property.name='Function']", message: 'Never run strings as code.' },
        {
          selector:
            ':matches(CallExpression[callee.name=/^(setTimeout|setInterval)$/], CallExpression[callee.property.name=/^(setTimeout|setInterval)$/])[arguments.0.type=/^(Literal|TemplateLiteral|BinaryExpression)$/]',
          message: 'Pass a function, never a string of code.',
        },
        { selector: 'Literal[value=/^\\s*javascript:/i]', message: 'No javascript: URLs.' },
      ],
    },
  },
);
