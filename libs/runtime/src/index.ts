export * from './tokens';
export { RuntimeModule, type RuntimeOptions } from './runtime.module';
