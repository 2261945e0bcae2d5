import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server the tests use; trust auth on loopback by default. */
export const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  return withClient(adminUrl, work);
}

/** One connection to `url` for `work`, closed afterwards. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function randomSuffix(): string {
  return randomBytes(4).toString('hex');
}
