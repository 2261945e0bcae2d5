/**
 * Files people upload (a modal's file_input): kept per workspace, described by `files.info` as
 * Slack describes them, their bytes served at `url_private` only to a request carrying the bot token.
 */
import { slackId } from './ids';
import type { JsonRecord } from './types';

export interface StoredFile {
  id: string;
  user: string;
  name: string;
  mimetype: string;
  content: Buffer;
  created: number;
  deleted: boolean;
}

const MIMETYPES: Record<string, string> = { txt: 'text/plain', vtt: 'text/vtt', srt: 'application/x-subrip', pdf: 'application/pdf', png: 'image/png' };

export const extensionOf = (name: string): string => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  constructor(private readonly now: () => number) {}

  add(user: string, name: string, content: Buffer | string): StoredFile {
    const file: StoredFile = {
      id: slackId('F'),
      user,
      name,
      mimetype: MIMETYPES[extensionOf(name)] ?? 'application/octet-stream',
      content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
      created: Math.floor(this.now() / 1000),
      deleted: false,
    };
    this.files.set(file.id, file);
    return file;
  }

  get(id: string): StoredFile | undefined {
    return this.files.get(id);
  }

  delete(id: string): void {
    const file = this.files.get(id);
    if (file) file.deleted = true;
  }

  reset(): void {
    this.files.clear();
  }
}

/** Where a file's bytes are served, as Slack's `files-pri` links look. */
export function privatePath(teamId: string, file: StoredFile): string {
  return `/files-pri/${teamId}-${file.id}/${encodeURIComponent(file.name)}`;
}

/** The file object of `files.info` and of a file_input's view state. */
export function renderFile(file: StoredFile, teamId: string, baseUrl: string): JsonRecord {
  const url = `${baseUrl}${privatePath(teamId, file)}`;
  const filetype = extensionOf(file.name) === 'txt' ? 'text' : extensionOf(file.name);
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.name,
    mimetype: file.mimetype,
    filetype,
    pretty_type: filetype.toUpperCase(),
    user: file.user,
    user_team: teamId,
    mode: 'hosted',
    editable: false,
    is_external: false,
    external_type: '',
    is_public: false,
    size: file.content.length,
    url_private: url,
    url_private_download: `${url}?download=1`,
    permalink: `${baseUrl}/files/${file.user}/${file.id}/${encodeURIComponent(file.name)}`,
  };
}
