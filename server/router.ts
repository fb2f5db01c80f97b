import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { invalidInput } from './errors.ts';

/**
 * An OpenAPIHono router whose schema failures (params, query, JSON body) are thrown as our
 * 400 `ApiError`, so every router answers them the same way through the app's `onError`.
 */
export function createRouter<E extends Env = Env>(): OpenAPIHono<E> {
  return new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(result.target, result.error);
    },
  });
}
