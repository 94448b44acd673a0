import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('fits the signal weights to the graph unless told not to', () => {
    expect(loadConfig({}).fitWeights).toBe(true);
    expect(loadConfig({ MATCH_FIT_WEIGHTS: 'false' }).fitWeights).toBe(false);
    expect(loadConfig({ MATCH_FIT_WEIGHTS: '' }).fitWeights).toBe(true); // unset, as compose passes it
  });

  it('refuses a value it does not know, naming the variable', () => {
    expect(() => loadConfig({ MATCH_FIT_WEIGHTS: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadConfig({ MATCH_FIT_WEIGHTS: 'sometimes' })).toThrow(/MATCH_FIT_WEIGHTS/);
  });

  it('needs the Neo4j URI and password for the Neo4j store', () => {
    expect(() => loadConfig({ GRAPH_STORE: 'neo4j' })).toThrow(/NEO4J_URI/);
  });
});
