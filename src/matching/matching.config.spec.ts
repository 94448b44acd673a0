import { channelCapFor, DEFAULT_LIMITS, limitsForStore } from './matching.config';

describe('channelCapFor', () => {
  it('grows with the square root of the organisations, between the base and the maximum', () => {
    const limits = { channelCap: 60, maxChannelCap: 600 };
    expect(channelCapFor(0, limits)).toBe(60);
    expect(channelCapFor(1_000, limits)).toBe(60);
    expect(channelCapFor(4_000, limits)).toBe(120);
    expect(channelCapFor(10_000, limits)).toBe(190);
    expect(channelCapFor(100_000, limits)).toBe(600);
    expect(channelCapFor(1_000_000, limits)).toBe(600);
  });

  it('is fixed when the base and the maximum agree (fixed-cap experiments)', () => {
    expect(channelCapFor(100_000, { channelCap: 400, maxChannelCap: 400 })).toBe(400);
  });
});

describe('limitsForStore', () => {
  it('keeps the defaults for the embedded store', () => {
    expect(limitsForStore('embedded')).toEqual({});
  });

  it('blends on channel scores alone on Neo4j, scoring more of the blend in full', () => {
    const neo4j = { ...DEFAULT_LIMITS, ...limitsForStore('neo4j') };
    expect(neo4j.blendWithProfiles).toBe(false);
    expect(DEFAULT_LIMITS.blendWithProfiles).toBe(true);
    expect(neo4j.blendKeep).toBe(100);
    expect(DEFAULT_LIMITS.blendKeep).toBe(60);
    expect(channelCapFor(10_000, neo4j)).toBe(190);
  });
});
