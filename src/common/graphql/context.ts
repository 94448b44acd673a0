import type { Request, Response } from 'express';
import type { Principal } from '../../auth/auth.types';
import type { GraphLoaders } from '../../graph/graph-loaders';
import type { DomainError } from '../errors/domain-error';

/** What every resolver finds in the GraphQL context. */
export interface GqlContext {
  req: Request;
  res: Response;
  loaders: GraphLoaders;
  /** The verified caller; null when the token is missing or invalid (see authError). */
  principal: Principal | null;
  authError: DomainError | null;
  /** A request id, also in the logs. */
  requestId: string;
}
