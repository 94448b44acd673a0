import type { Request, Response } from 'express';
import type { GraphLoaders } from '../../graph/graph-loaders';

/** What every resolver finds in the GraphQL context. */
export interface GqlContext {
  req: Request;
  res: Response;
  loaders: GraphLoaders;
}
