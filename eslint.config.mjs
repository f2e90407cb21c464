import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: ['dist/', 'lib/', 'node_modules/', 'coverage/', '.tmp/', 'reports/', '.stryker-tmp/']
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // A switch over a union names every member: a new kind that a switch forgets does not build.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false }
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
      ]
    }
  },
  {
    // Their entry modules load undici, @actions/http-client and @actions/exec at start (a
    // megabyte that every run would compile before its first line): src/runner/core.ts and
    // src/runner/context.ts stand in for them, and src/github/client.ts makes the Octokit.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@actions/core', message: "Use src/runner/core.ts ('../runner/core.js')." },
            {
              name: '@actions/github',
              message: 'Use src/runner/context.ts and createOctokit in src/github/client.ts.'
            },
            { name: 'undici', message: 'GitHub requests go through src/github/fetch.ts.' }
          ]
        }
      ]
    }
  },
  {
    // Label texts are written in one place (src/domain/labels.ts): anywhere else they are taken
    // from its constants and formatters, so that a text can never drift from the grammar.
    files: ['src/**/*.ts'],
    ignores: ['src/domain/labels.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[value=/🎪/]',
          message: 'Take label texts from src/domain/labels.ts (TENT, the constants, formatLabel).'
        },
        {
          selector: 'TemplateElement[value.raw=/🎪/]',
          message: 'Take label texts from src/domain/labels.ts (TENT, the constants, formatLabel).'
        }
      ]
    }
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setInterval: 'readonly'
      }
    }
  }
)
