// Default signal weights and their per-query overrides. The defaults come from the offline
// evaluation: the best Hits@10 on generated graphs among the settings that still rank the
// article's real partners (README, "Benchmarks and evaluation"; bench/results/tuning-*.md and
// eval-*.md).
import { DomainError, DomainErrorCode } from '../../common/errors/domain-error';
import { DEFAULT_SIGNAL_WEIGHTS } from './default-weights';
import { SIGNAL_KINDS, SignalKind, SignalWeights } from './match.types';

/** Typed here, so that a signal added to SIGNAL_KINDS without a default does not compile. */
export const DEFAULT_WEIGHTS: Readonly<SignalWeights> = DEFAULT_SIGNAL_WEIGHTS;

export const MAX_WEIGHT = 100;

/** Defaults with the given overrides; BAD_USER_INPUT for a negative, huge or repeated weight. */
export function resolveWeights(
  overrides: readonly { kind: SignalKind; weight: number }[] | null | undefined,
  defaults: Readonly<SignalWeights> = DEFAULT_WEIGHTS,
): SignalWeights {
  const weights: SignalWeights = { ...defaults };
  const seen = new Set<SignalKind>();
  (overrides ?? []).forEach((o, i) => {
    if (!SIGNAL_KINDS.includes(o.kind)) {
      throw new DomainError(
        DomainErrorCode.BAD_USER_INPUT,
        `weights.${i}.kind: unknown signal`,
        `weights.${i}.kind`,
      );
    }
    if (seen.has(o.kind)) {
      throw new DomainError(
        DomainErrorCode.BAD_USER_INPUT,
        `weights.${i}.kind: ${o.kind} is given twice`,
        `weights.${i}.kind`,
      );
    }
    if (!Number.isFinite(o.weight) || o.weight < 0 || o.weight > MAX_WEIGHT) {
      throw new DomainError(
        DomainErrorCode.BAD_USER_INPUT,
        `weights.${i}.weight: must be between 0 and ${MAX_WEIGHT}`,
        `weights.${i}.weight`,
      );
    }
    seen.add(o.kind);
    weights[o.kind] = o.weight;
  });
  if (SIGNAL_KINDS.every((k) => weights[k] === 0)) {
    throw new DomainError(
      DomainErrorCode.BAD_USER_INPUT,
      'weights: at least one weight must be above 0',
      'weights',
    );
  }
  return weights;
}
