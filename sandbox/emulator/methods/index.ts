/** The Web API method registry: one module per method family. */
import { authMethods } from './auth';
import { chatMethods } from './chat';
import type { MethodHandler } from './context';
import { conversationMethods } from './conversations';
import { fileMethods } from './files';
import { userMethods } from './users';
import { viewMethods } from './views';

export const METHODS: Readonly<Record<string, MethodHandler>> = {
  ...authMethods,
  ...userMethods,
  ...conversationMethods,
  ...chatMethods,
  ...viewMethods,
  ...fileMethods,
};

export type { MethodContext, MethodHandler } from './context';
