// The service's weight status as the GraphQL SignalWeightSettings type.
import { SIGNAL_KINDS, type SignalWeights } from './core/match.types';
import type { FitQuality } from './core/weight-fit';
import type { MatchingService } from './matching.service';
import type {
  HeldBackQuality,
  SignalWeightSettings,
  SignalWeightValue,
} from './models/match.models';

export function toSignalWeightSettings(
  status: ReturnType<MatchingService['weightStatus']>,
): SignalWeightSettings {
  const values = (weights: SignalWeights): SignalWeightValue[] =>
    SIGNAL_KINDS.map((kind) => ({ kind, weight: weights[kind], default: status.defaults[kind] }));
  const quality = (q: FitQuality): HeldBackQuality => ({ hitsAt10: q.hits, mrr: q.mrr });
  const fit = status.fit;
  return {
    weights: values(status.weights),
    fitted: fit?.kept ?? false,
    fitting: status.fitting,
    fittedAt: status.fittedAt?.toISOString() ?? null,
    fit: fit && {
      kept: fit.kept,
      fitted: values(fit.fitted),
      fitExamples: fit.examples.fit,
      checkExamples: fit.examples.check,
      defaultQuality: quality(fit.check.start),
      fittedQuality: quality(fit.check.fitted),
      checkGain: fit.check.gain.mean,
      checkGainStandardError: fit.check.gain.standardError,
      cutoffYear: status.cutoffYear,
    },
  };
}
