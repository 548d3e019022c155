// The token service over a SecretStore. No `vscode` import anywhere in src/auth.
export * from './secretStore';
export { TokenService } from './tokenService';
export type { SiteCredentials, TokenState, TokenServiceOptions } from './tokenService';
