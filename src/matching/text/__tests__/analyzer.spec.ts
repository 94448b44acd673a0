import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { type Analyzer, createAnalyzer, defaultAnalyzer, SYNONYMS_FILE } from '../analyzer';

type Groups = Parameters<typeof createAnalyzer>[0];

const fileGroups = (): Groups =>
  (JSON.parse(readFileSync(SYNONYMS_FILE, 'utf8')) as { groups: Groups }).groups;

describe('analyzer', () => {
  const analyzer = defaultAnalyzer();
  const terms = (text: string): string[] => analyzer.terms(text);

  describe('folding variants into concepts', () => {
    it('lets "battery materials simulation" and "AI-powered materials modelling" share materials and simulation', () => {
      const a = terms('battery materials simulation');
      const b = terms('AI-powered materials modelling');
      expect(a.filter((t) => b.includes(t))).toEqual(['materials', 'simulation']);
      expect(b).toContain('ai');
    });

    it.each([
      ['self-driving', 'autonomous driving', 'selfdriving'],
      ['EV', 'electric vehicles', 'ev'],
      ['EVs', 'Electric Vehicle', 'ev'],
      ['R&D', 'research and development', 'rnd'],
      ['r & d', 'RnD', 'rnd'],
      ['machine learning', 'ML', 'ml'],
    ])('reads "%s" and "%s" as %s', (x, y, concept) => {
      expect(terms(x)).toEqual([concept]);
      expect(terms(y)).toEqual([concept]);
    });

    it('prefers the longest variant', () => {
      expect(terms('battery electric vehicle')).toEqual(['ev']);
      expect(terms('battery energy storage system')).toEqual(['bess']);
      expect(terms('battery')).toEqual(['batteri']);
    });

    it('stems plain words (Porter) and strips accents', () => {
      expect(terms('batteries')).toEqual(['batteri']);
      expect(terms('Café résumé')).toEqual(['cafe', 'resum']);
    });
  });

  describe('stop words', () => {
    it('drops English and domain stop words', () => {
      expect(terms('the and of a')).toEqual([]);
      expect(terms('The company provides solutions for batteries')).toEqual(['batteri']);
      expect(terms('We offer services and support with the new robots')).toEqual(['robotics']);
    });

    it('drops one-letter leftovers and single digits, but keeps longer numbers', () => {
      expect(terms('x y 5G 3d 7 2030')).toEqual(['5g', '3d', '2030']);
    });
  });

  describe('termCounts and surface', () => {
    it('counts each term, variants of one concept together', () => {
      expect(analyzer.termCounts('battery battery simulation modelling')).toEqual(
        new Map([
          ['batteri', 2],
          ['simulation', 2],
        ]),
      );
      expect(analyzer.termCounts('Electric Vehicles and EVs')).toEqual(new Map([['ev', 2]]));
    });

    it('keeps the first readable words of each term', () => {
      expect(analyzer.surface('Batteries and battery modelling, simulation')).toEqual(
        new Map([
          ['batteri', 'batteries'],
          ['simulation', 'modelling'],
        ]),
      );
      expect(analyzer.surface('electric vehicles')).toEqual(new Map([['ev', 'electric vehicles']]));
    });
  });

  describe('createAnalyzer', () => {
    it('folds custom groups, multi-word variants included', () => {
      const custom = createAnalyzer([{ concept: 'widget', variants: ['gizmo', 'doo hickey'] }]);
      expect(custom.termCounts('Gizmos and doo-hickeys')).toEqual(new Map([['widget', 2]]));
      expect(createAnalyzer([]).terms('Gizmos')).toEqual(['gizmo']);
    });

    it('folds nothing without groups, except the R&D spelling', () => {
      expect(createAnalyzer([]).terms('R&D self-driving EV')).toEqual([
        'rnd',
        'self',
        'drive',
        'ev',
      ]);
    });

    it('ignores variants made only of stop words', () => {
      const custom = createAnalyzer([{ concept: 'thing', variants: ['the', 'of the', 'gadget'] }]);
      expect(custom.terms('the gadget of the year')).toEqual(['thing', 'year']);
    });
  });

  describe('fingerprint', () => {
    it('is the same for the same groups', () => {
      expect(createAnalyzer(fileGroups()).fingerprint).toBe(analyzer.fingerprint);
      expect(analyzer.fingerprint).toMatch(/^[0-9a-f]{16}$/u);
    });

    it('changes when a group is added, removed or edited', () => {
      const groups = fileGroups();
      const [first, ...rest] = groups;
      if (!first) throw new Error('synonyms.json has no groups');
      const variants: Groups[] = [
        [...groups, { concept: 'widget', variants: ['gizmo'] }],
        rest,
        [{ ...first, variants: [...first.variants, 'extra variant'] }, ...rest],
        [{ ...first, concept: `${first.concept}x` }, ...rest],
      ];
      const fingerprints = new Set([
        analyzer.fingerprint,
        ...variants.map((g) => createAnalyzer(g).fingerprint),
      ]);
      expect(fingerprints.size).toBe(variants.length + 1);
    });
  });

  describe('determinism', () => {
    it('gives the same terms on every call and from every analyzer built on the same groups', () => {
      const twin = createAnalyzer(fileGroups());
      const text = fc.string({ unit: 'grapheme-ascii', maxLength: 200 });
      const vocabulary = fc
        .array(
          fc.constantFrom(
            'battery',
            'EV',
            'R&D',
            'self-driving',
            'the',
            'materials',
            'modelling',
            'AI',
          ),
          {
            maxLength: 12,
          },
        )
        .map((words) => words.join(' '));
      fc.assert(
        fc.property(fc.oneof(text, vocabulary), (t) => {
          const once = analyzer.termCounts(t);
          expect(analyzer.termCounts(t)).toEqual(once);
          expect(twin.termCounts(t)).toEqual(once);
          expect([...analyzer.surface(t)]).toEqual([...twin.surface(t)]);
        }),
      );
    });
  });

  describe('hostile input', () => {
    /** What must hold for any text: no throw, and terms, counts and surface words agree. */
    function checkShape(a: Analyzer, text: string): void {
      const list = a.terms(text);
      const counts = a.termCounts(text);
      const surface = a.surface(text);
      expect(new Set(list).size).toBe(list.length);
      expect([...counts.keys()]).toEqual(list);
      expect([...surface.keys()]).toEqual(list);
      for (const term of list) expect(term).toMatch(/^[\p{L}\p{N}]+$/u);
      for (const n of counts.values()) expect(Number.isInteger(n) && n >= 1).toBe(true);
    }

    it.each([
      ['empty', ''],
      ['only spaces', ' \t\n\r '],
      ['only punctuation', '&&& ... --- ’’’ !!!'],
      ['emoji', '🔋⚡ battery 🚗💨 👩‍🔬🏳️‍🌈'],
      ['CJK', '電池材料 シミュレーション 전기차 自动驾驶'],
      ['control characters', '\u0000\u0001battery\u0007\u001b[31m\u007f\u0085\u2028'],
      ['lone surrogates', '\ud800 battery \udfff'],
      ['right-to-left and combining marks', '\u202ebattery\u202c e\u0301\u0301\u0301 بطارية'],
      ['prototype names', '__proto__ constructor toString hasOwnProperty'],
    ])('never throws on %s', (_label, text) => {
      checkShape(analyzer, text);
    });

    it.each([
      ['many words', 'battery materials self-driving R&D EV 🔋 電池 '.repeat(2_500)],
      ['one vowelled word', 'ab'.repeat(50_000)],
      ['spaced CJK', '電池材料シ '.repeat(20_000)],
      ['emoji', '🔋'.repeat(50_000)],
      ['control characters', '\u0000\u0001\u001f\u007f'.repeat(25_000)],
    ])('never throws on a 100k-character string of %s', (_label, text) => {
      expect(text.length).toBeGreaterThanOrEqual(100_000);
      checkShape(analyzer, text);
    });

    it('never throws on random strings of any unicode', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 200 }),
            fc.string({ unit: 'grapheme-composite', maxLength: 200 }),
            fc.string({ unit: 'binary', maxLength: 200 }),
            fc.string({ unit: 'binary-ascii', maxLength: 200 }),
          ),
          (text) => checkShape(analyzer, text),
        ),
        { numRuns: 500 },
      );
    });

    it('never throws on random text through custom groups of random strings', () => {
      const group = fc.record({
        concept: fc.string({ minLength: 1, maxLength: 10 }),
        variants: fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
      });
      fc.assert(
        fc.property(
          fc.array(group, { maxLength: 4 }),
          fc.string({ unit: 'grapheme', maxLength: 100 }),
          (groups, text) => {
            const custom = createAnalyzer(groups);
            expect(() => custom.termCounts(text)).not.toThrow();
            expect(custom.terms(text)).toEqual(custom.terms(text));
          },
        ),
      );
    });
  });
});
