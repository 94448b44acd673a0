import { DomainError, DomainErrorCode } from '../../../common/errors/domain-error';
import { SIGNAL_KINDS, type SignalKind } from '../match.types';
import { DEFAULT_WEIGHTS, MAX_WEIGHT, resolveWeights } from '../weights';

/** The DomainError a call throws, or a failure when it throws nothing or something else. */
function errorOf(call: () => unknown): DomainError {
  try {
    call();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('DEFAULT_WEIGHTS', () => {
  it('weighs every signal and adds up to 1', () => {
    expect(Object.keys(DEFAULT_WEIGHTS).sort()).toEqual([...SIGNAL_KINDS].sort());
    let sum = 0;
    for (const k of SIGNAL_KINDS) sum += DEFAULT_WEIGHTS[k];
    expect(sum).toBeCloseTo(1, 15);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(DEFAULT_WEIGHTS)).toBe(true);
  });
});

describe('resolveWeights', () => {
  it('gives a copy of the defaults without overrides', () => {
    for (const overrides of [null, undefined, []]) {
      const weights = resolveWeights(overrides);
      expect(weights).toEqual(DEFAULT_WEIGHTS);
      expect(weights).not.toBe(DEFAULT_WEIGHTS);
    }
  });

  it('replaces only the given weights', () => {
    expect(
      resolveWeights([
        { kind: 'NETWORK', weight: 0 },
        { kind: 'TEXT', weight: MAX_WEIGHT },
      ]),
    ).toEqual({ ...DEFAULT_WEIGHTS, NETWORK: 0, TEXT: 100 });
  });

  it('starts from the given defaults', () => {
    const defaults = {
      COMPLEMENTARITY: 1,
      SECTOR: 2,
      CAPABILITY: 3,
      TEXT: 4,
      NETWORK: 5,
      GEOGRAPHY: 6,
      ACTIVITY: 8,
    };
    expect(resolveWeights([{ kind: 'SECTOR', weight: 7 }], defaults)).toEqual({
      ...defaults,
      SECTOR: 7,
    });
  });

  it.each([
    ['negative', -0.1],
    ['above the maximum', MAX_WEIGHT + 1],
    ['not a number', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
  ])('rejects a weight that is %s, naming the field', (_label, weight) => {
    const error = errorOf(() =>
      resolveWeights([
        { kind: 'SECTOR', weight: 1 },
        { kind: 'TEXT', weight },
      ]),
    );
    expect(error.code).toBe(DomainErrorCode.BAD_USER_INPUT);
    expect(error.field).toBe('weights.1.weight');
    expect(error.message).toBe('weights.1.weight: must be between 0 and 100');
  });

  it('rejects a signal given twice', () => {
    const error = errorOf(() =>
      resolveWeights([
        { kind: 'TEXT', weight: 1 },
        { kind: 'TEXT', weight: 2 },
      ]),
    );
    expect(error.code).toBe(DomainErrorCode.BAD_USER_INPUT);
    expect(error.field).toBe('weights.1.kind');
    expect(error.message).toBe('weights.1.kind: TEXT is given twice');
  });

  it('rejects an unknown signal', () => {
    const error = errorOf(() => resolveWeights([{ kind: 'POPULARITY' as SignalKind, weight: 1 }]));
    expect(error.code).toBe(DomainErrorCode.BAD_USER_INPUT);
    expect(error.field).toBe('weights.0.kind');
  });

  it('rejects weights that are all 0', () => {
    const error = errorOf(() => resolveWeights(SIGNAL_KINDS.map((kind) => ({ kind, weight: 0 }))));
    expect(error.code).toBe(DomainErrorCode.BAD_USER_INPUT);
    expect(error.field).toBe('weights');
  });

  it('accepts all but one weight at 0', () => {
    const overrides = SIGNAL_KINDS.filter((k) => k !== 'GEOGRAPHY').map((kind) => ({
      kind,
      weight: 0,
    }));
    expect(resolveWeights(overrides)).toEqual({
      COMPLEMENTARITY: 0,
      SECTOR: 0,
      CAPABILITY: 0,
      TEXT: 0,
      NETWORK: 0,
      GEOGRAPHY: DEFAULT_WEIGHTS.GEOGRAPHY,
      ACTIVITY: 0,
    });
  });
});
