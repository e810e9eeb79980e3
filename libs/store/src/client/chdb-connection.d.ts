// tsconfig.base.json resolves modules the classic Node way, which ignores package.json
// "exports", so the `chdb/connection` subpath has to be pointed at its declarations by hand.
// Node and vitest resolve the subpath through "exports" at run time.
declare module 'chdb/connection' {
  export * from 'chdb/dist/connection';
}
