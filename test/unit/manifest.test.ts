import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { slashCommands } from '../../src/commands';
import { manifestBotScopes } from '../../src/slack/manifest-scopes';
import { ESCAPED_COMMANDS } from '../../sandbox/web/composer';

const root = join(__dirname, '../..');
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as {
  features?: { slash_commands?: Array<{ command: string; url?: string; should_escape?: boolean }> };
  oauth_config?: { scopes?: { bot?: string[] } };
  settings?: { event_subscriptions?: { bot_events?: string[] }; org_deploy_enabled?: boolean };
};
const schemaPath = join(root, 'schemas/slack/manifest.schema.1.0.0.json');

function compileSchema() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
}

describe('manifest.yml', () => {
  it("is valid against Slack's official manifest schema", () => {
    const validate = compileSchema();
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be caught by the schema if interactivity lost its required flag', () => {
    const validate = compileSchema();
    const broken = structuredClone(manifest) as { settings: { interactivity: Record<string, unknown> } };
    delete broken.settings.interactivity.is_enabled;
    expect(validate(broken)).toBe(false);
  });

  it('declares exactly the slash commands Cadence answers', () => {
    const declared = (manifest.features?.slash_commands ?? []).map((c) => c.command).sort();
    expect(declared).toEqual(Object.keys(slashCommands).sort());
  });

  it('escapes mentions in the commands the sandbox page escapes them in, as Slack would', () => {
    const escaped = (manifest.features?.slash_commands ?? []).filter((c) => c.should_escape === true).map((c) => c.command);
    expect([...ESCAPED_COMMANDS].sort()).toEqual(escaped.sort());
  });

  it('points every command at the events endpoint', () => {
    for (const command of manifest.features?.slash_commands ?? []) {
      expect(command.url).toMatch(/\/slack\/events$/);
    }
  });

  it('asks for the scopes and events the features use', () => {
    expect(manifest.oauth_config?.scopes?.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'im:write', 'im:history', 'users:read', 'users:read.email', 'files:read']),
    );
    expect(manifest.settings?.event_subscriptions?.bot_events).toEqual(
      expect.arrayContaining(['app_home_opened', 'message.im', 'app_uninstalled', 'tokens_revoked']),
    );
  });

  it('lets an Enterprise Grid organization install Cadence org-wide (a single workspace installs as before)', () => {
    expect(manifest.settings?.org_deploy_enabled).toBe(true);
  });

  it('is where an install reads the scopes it asks for', () => {
    expect(manifestBotScopes()).toEqual(manifest.oauth_config?.scopes?.bot);
  });
});
