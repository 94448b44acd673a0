// The GraphQL client: POST /graphql with the user's token, typed results, and one error type that
// carries the API's `extensions.code` so that views can explain what went wrong.

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK'
  | 'ABORTED'
  | (string & {});

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status = 0,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get expired(): boolean {
    return this.code === 'UNAUTHENTICATED' && /expired/iu.test(this.message);
  }
}

interface GraphQLErrorBody {
  message?: string;
  path?: (string | number)[];
  extensions?: { code?: string; [k: string]: unknown };
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: GraphQLErrorBody[];
}

type TokenSource = () => string | null;
type AuthFailure = (error: ApiError) => void;

let tokenSource: TokenSource = () => null;
let onAuthFailure: AuthFailure = () => undefined;

/** Wires the client to the session: where the token comes from, and who hears of a 401. */
export function configureClient(source: TokenSource, authFailure: AuthFailure): void {
  tokenSource = source;
  onAuthFailure = authFailure;
}

const TIMEOUT_MS = 30_000;

/**
 * Runs one operation. Resolves with `data` when the answer has no errors; otherwise rejects with
 * the first error as an ApiError. UNAUTHENTICATED also goes to the auth-failure handler.
 */
export async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { signal?: AbortSignal; token?: string; reportAuthFailure?: boolean } = {},
): Promise<T> {
  const token = options.token ?? tokenSource();
  const signals = [AbortSignal.timeout(TIMEOUT_MS), ...(options.signal ? [options.signal] : [])];
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.any(signals),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    if (options.signal?.aborted) throw new ApiError('ABORTED', 'cancelled');
    if (e instanceof DOMException && e.name === 'TimeoutError') {
      throw new ApiError('NETWORK', 'The server did not answer in time.');
    }
    throw new ApiError(
      'NETWORK',
      'The server cannot be reached. Check your connection and try again.',
    );
  }
  let body: GraphQLBody<T>;
  try {
    body = (await res.json()) as GraphQLBody<T>;
  } catch {
    if (options.signal?.aborted) throw new ApiError('ABORTED', 'cancelled');
    throw new ApiError(
      res.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'HTTP_ERROR',
      `The server answered with HTTP ${res.status} and no readable data.`,
      res.status,
    );
  }
  const first = body.errors?.[0];
  if (first) {
    const { code, ...details } = first.extensions ?? {};
    const error = new ApiError(
      typeof code === 'string' ? code : res.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'ERROR',
      first.message ?? 'unknown error',
      res.status,
      details,
    );
    if (error.code === 'UNAUTHENTICATED' && options.reportAuthFailure !== false)
      onAuthFailure(error);
    throw error;
  }
  if (!res.ok || body.data === undefined || body.data === null) {
    throw new ApiError(
      'INTERNAL_SERVER_ERROR',
      `The server answered with HTTP ${res.status}.`,
      res.status,
    );
  }
  return body.data;
}

/** A sentence for people, for any error a request can end with. */
export function describeError(e: unknown): string {
  if (!(e instanceof ApiError))
    return 'Something went wrong in the dashboard. Reload the page and try again.';
  switch (e.code) {
    case 'UNAUTHENTICATED':
      return e.expired
        ? 'Your token has expired. Sign in again with a new token.'
        : `The token was not accepted (${e.message}). Sign in again with a valid token.`;
    case 'FORBIDDEN':
      return 'Your token does not allow this.';
    case 'NOT_FOUND':
      return `Not found: ${e.message}.`;
    case 'BAD_USER_INPUT':
      return `The request was refused: ${e.message}.`;
    case 'RATE_LIMITED':
      return `Too many requests: ${e.message}.`;
    case 'SERVICE_UNAVAILABLE':
      return 'The data store is unavailable at the moment. Try again shortly.';
    case 'NETWORK':
      return e.message;
    case 'INTERNAL_SERVER_ERROR': {
      const id = e.details.correlationId;
      return `The server had a problem answering${typeof id === 'string' ? ` (reference ${id})` : ''}. Try again; if it persists, tell the service team.`;
    }
    default:
      return `The request failed: ${e.message}`;
  }
}

export const isAbort = (e: unknown): boolean => e instanceof ApiError && e.code === 'ABORTED';
