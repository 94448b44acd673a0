// Type-aware lint. Boundaries: only the Neo4j adapter imports neo4j-driver, only the embedded
// adapter imports better-sqlite3, and only the text-analysis module imports natural.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const boundaries = {
  neo4j: { dir: 'src/graph/neo4j/**', paths: [{ name: 'neo4j-driver', message: 'Only the Neo4j adapter (src/graph/neo4j) talks to Neo4j.' }] },
  sqlite: { dir: 'src/graph/embedded/**', paths: [{ name: 'better-sqlite3', message: 'Only the embedded adapter (src/graph/embedded) uses SQLite.' }] },
  natural: { dir: 'src/matching/text/**', patterns: [{ group: ['natural', 'natural/*'], message: 'Only src/matching/text wraps natural.' }] },
};

/** For each owner folder, forbid the other boundaries' imports; outside all of them, forbid all. */
function boundaryRules() {
  const entries = Object.entries(boundaries);
  const rule = (except) => {
    const others = entries.filter(([k]) => k !== except).map(([, v]) => v);
    return ['error', { paths: others.flatMap((b) => b.paths ?? []), patterns: others.flatMap((b) => b.patterns ?? []) }];
  };
  return [
    { files: ['src/**/*.ts'], ignores: entries.map(([, b]) => b.dir), rules: { 'no-restricted-imports': rule(null) } },
    ...entries.map(([k, b]) => ({ files: [b.dir], rules: { 'no-restricted-imports': rule(k) } })),
  ];
}

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/neo4j-server/**', 'bench/results/**', 'web/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  ...boundaryRules(),
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
