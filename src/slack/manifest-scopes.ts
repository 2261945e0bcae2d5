import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

/**
 * The bot scopes an install asks for: manifest.yml's, so the app's configuration and its installs
 * never disagree. Found in the repository root (source and tests) or beside `dist` (the image).
 */
export function manifestBotScopes(start: string = __dirname): string[] {
  let dir = start;
  for (let depth = 0; depth < 4; depth += 1) {
    const path = join(dir, 'manifest.yml');
    if (existsSync(path)) {
      const manifest = parse(readFileSync(path, 'utf8')) as { oauth_config?: { scopes?: { bot?: unknown } } };
      const scopes = manifest.oauth_config?.scopes?.bot;
      if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((scope) => typeof scope === 'string')) {
        throw new Error(`${path} lists no bot scopes under oauth_config.scopes.bot`);
      }
      return scopes;
    }
    dir = dirname(dir);
  }
  throw new Error('manifest.yml not found: installs need the scopes it lists');
}
