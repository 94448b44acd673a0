// The generator's fixed vocabulary: the five OASES sectors, finer sectors beneath them, ~100 topics
// and the "aspects" that turn a topic into capability concepts ("battery materials" × simulation).
// Each concept has several paraphrases, some research-style (what labs say), so that a need and
// the offer that answers it are usually worded differently, as in real profiles.

export const OASES_SECTORS = [
  'Advanced manufacturing and new energy technology',
  'AI and data science',
  'Financial technology',
  'Life and health technology',
  'Cultural and creative',
] as const;

export interface FineSector {
  name: string;
  /** Index into OASES_SECTORS. */
  oases: number;
  /** Physical products (manufacturing, testing and facilities make sense for its topics). */
  physical: boolean;
  /** Topics as "name|alternative wording|short form". */
  topics: readonly string[];
}

export const FINE_SECTORS: readonly FineSector[] = [
  // Advanced manufacturing and new energy technology
  {
    name: 'Energy storage',
    oases: 0,
    physical: true,
    topics: [
      'battery energy storage|grid-scale energy storage|storage',
      'battery materials|battery chemistries|materials',
      'solid-state electrolytes|solid electrolytes|electrolyte',
      'thermal energy storage|heat storage|thermal storage',
    ],
  },
  {
    name: 'Electric vehicle batteries',
    oases: 0,
    physical: true,
    topics: [
      'EV battery cells|electric vehicle batteries|battery',
      'battery recycling|recovery of battery metals|recycling',
      'battery management systems|battery control electronics|BMS',
      'fast charging|high-power EV charging|charging',
    ],
  },
  {
    name: 'Green technology',
    oases: 0,
    physical: true,
    topics: [
      'carbon capture|CO2 capture and storage|carbon capture',
      'waste-to-energy|energy recovery from waste|waste',
      'green building materials|low-carbon construction materials|building materials',
      'water treatment|water purification|water',
    ],
  },
  {
    name: 'Hydrogen energy',
    oases: 0,
    physical: true,
    topics: [
      'hydrogen fuel cells|fuel cell stacks|fuel cell',
      'green hydrogen production|electrolytic hydrogen|electrolyser',
      'hydrogen storage|hydrogen tanks and carriers|hydrogen',
    ],
  },
  {
    name: 'Solar energy',
    oases: 0,
    physical: true,
    topics: [
      'perovskite solar cells|next-generation photovoltaics|solar cell',
      'solar inverters|PV power electronics|inverter',
      'building-integrated photovoltaics|solar facades|BIPV',
    ],
  },
  {
    name: 'Robotics',
    oases: 0,
    physical: true,
    topics: [
      'service robots|robots for public spaces|robot',
      'industrial robot arms|factory robotics|robotic arm',
      'robot perception|3D vision for robots|perception',
      'autonomous drones|unmanned aerial vehicles|drone',
    ],
  },
  {
    name: 'Semiconductors',
    oases: 0,
    physical: true,
    topics: [
      'power semiconductors|silicon carbide devices|power chip',
      'chip design|integrated circuit design|IC',
      'wafer inspection|semiconductor metrology|wafer',
      'photonic chips|silicon photonics|photonics',
    ],
  },
  {
    name: 'Materials science',
    oases: 0,
    physical: true,
    topics: [
      'advanced composites|carbon-fibre composites|composite',
      'graphene materials|2D materials|graphene',
      'materials under extreme conditions|materials in harsh environments|materials',
      'metal 3D printing|additive manufacturing of metals|3D printing',
    ],
  },
  {
    name: 'Smart manufacturing',
    oases: 0,
    physical: true,
    topics: [
      'predictive maintenance|machine failure prediction|maintenance',
      'industrial IoT sensors|factory sensor networks|sensor',
      'machine vision inspection|automated optical inspection|inspection',
    ],
  },
  {
    name: 'Aerospace',
    oases: 0,
    physical: true,
    topics: [
      'satellite communications|satellite links|satellite',
      'low-altitude aircraft|eVTOL aircraft|aircraft',
    ],
  },
  {
    name: 'Smart mobility',
    oases: 0,
    physical: true,
    topics: [
      'autonomous driving|self-driving vehicles|driving',
      'vehicle-to-grid charging|bidirectional EV charging|V2G',
      'smart traffic management|adaptive traffic control|traffic',
    ],
  },
  // AI and data science
  {
    name: 'Artificial intelligence',
    oases: 1,
    physical: false,
    topics: [
      'large language models|generative language AI|LLM',
      'computer vision|image recognition|vision',
      'speech recognition|voice interfaces|speech',
      'recommender systems|personalisation engines|recommendation',
      'Chinese natural language processing|Cantonese and Mandarin NLP|NLP',
    ],
  },
  {
    name: 'Quantum technology',
    oases: 1,
    physical: true,
    topics: [
      'quantum computing|quantum processors|quantum',
      'quantum sensing|quantum sensors|sensing',
      'post-quantum cryptography|quantum-safe encryption|cryptography',
    ],
  },
  {
    name: 'Cybersecurity',
    oases: 1,
    physical: false,
    topics: [
      'threat detection|intrusion detection|threat',
      'privacy-preserving computation|confidential computing|privacy',
    ],
  },
  {
    name: 'Cloud computing',
    oases: 1,
    physical: false,
    topics: [
      'edge computing|on-premise edge AI|edge',
      'data centre cooling|liquid cooling for servers|cooling',
    ],
  },
  {
    name: 'Data infrastructure',
    oases: 1,
    physical: false,
    topics: [
      'data governance|data quality management|data',
      'AI chips|neural network accelerators|accelerator',
    ],
  },
  {
    name: 'Internet of things',
    oases: 1,
    physical: true,
    topics: [
      '5G private networks|campus 5G|5G',
      'smart building management|intelligent building controls|building',
    ],
  },
  {
    name: 'Smart city',
    oases: 1,
    physical: false,
    topics: [
      'urban digital twins|city-scale 3D models|digital twin',
      'smart lampposts|connected street furniture|lamppost',
    ],
  },
  // Financial technology
  {
    name: 'Payments',
    oases: 2,
    physical: false,
    topics: [
      'cross-border payments|international remittances|payments',
      'digital identity verification|eKYC|identity',
    ],
  },
  {
    name: 'Regtech',
    oases: 2,
    physical: false,
    topics: [
      'anti-money-laundering analytics|AML transaction monitoring|AML',
      'regulatory reporting automation|compliance reporting|compliance',
    ],
  },
  {
    name: 'Insurtech',
    oases: 2,
    physical: false,
    topics: [
      'insurance claims automation|automated claims handling|claims',
      'parametric insurance|index-based insurance|insurance',
    ],
  },
  {
    name: 'Blockchain',
    oases: 2,
    physical: false,
    topics: [
      'tokenised assets|asset tokenisation|tokenisation',
      'smart contract auditing|blockchain security audits|smart contract',
    ],
  },
  {
    name: 'Wealthtech',
    oases: 2,
    physical: false,
    topics: [
      'robo-advisory|automated investment advice|robo-advice',
      'credit scoring|alternative credit data|credit',
    ],
  },
  {
    name: 'Green finance',
    oases: 2,
    physical: false,
    topics: [
      'ESG data|sustainability disclosure data|ESG',
      'carbon credit trading|carbon markets|carbon credit',
    ],
  },
  // Life and health technology
  {
    name: 'Biotechnology',
    oases: 3,
    physical: true,
    topics: [
      'antibody discovery|therapeutic antibodies|antibody',
      'cell therapy|CAR-T therapies|cell therapy',
      'mRNA vaccines|messenger RNA therapeutics|mRNA',
    ],
  },
  {
    name: 'Medical devices',
    oases: 3,
    physical: true,
    topics: [
      'surgical robots|robot-assisted surgery|surgical robot',
      'wearable health monitors|health wearables|wearable',
      'rehabilitation devices|rehabilitation robotics|rehabilitation',
    ],
  },
  {
    name: 'Digital health',
    oases: 3,
    physical: false,
    topics: [
      'medical imaging AI|AI radiology|imaging',
      'telemedicine|remote consultations|telehealth',
      'electronic health records|clinical data systems|health records',
    ],
  },
  {
    name: 'Pharmaceuticals',
    oases: 3,
    physical: true,
    topics: [
      'drug screening|high-throughput screening|screening',
      'clinical trial management|trial operations|clinical trial',
      'traditional Chinese medicine research|modernised TCM|TCM',
    ],
  },
  {
    name: 'Genomics',
    oases: 3,
    physical: true,
    topics: [
      'gene sequencing|genome sequencing|sequencing',
      'precision oncology|targeted cancer therapy|oncology',
    ],
  },
  {
    name: 'Healthy ageing',
    oases: 3,
    physical: true,
    topics: [
      'elderly care robotics|care robots|care robot',
      'fall detection|fall prevention sensors|fall sensor',
    ],
  },
  {
    name: 'Agritech and food',
    oases: 3,
    physical: true,
    topics: [
      'alternative proteins|plant-based meat|protein',
      'vertical farming|indoor agriculture|farming',
      'food safety testing|food contamination screening|food safety',
    ],
  },
  // Cultural and creative
  {
    name: 'Digital entertainment',
    oases: 4,
    physical: false,
    topics: [
      'game engines|real-time 3D engines|game',
      'virtual production|LED volume film production|virtual production',
      'metaverse experiences|virtual worlds|metaverse',
    ],
  },
  {
    name: 'Design',
    oases: 4,
    physical: true,
    topics: [
      'product design|industrial design|design',
      'fashion technology|smart textiles|fashion',
    ],
  },
  {
    name: 'Media technology',
    oases: 4,
    physical: false,
    topics: [
      'streaming platforms|video streaming|streaming',
      'AI-generated content|generative media|AIGC',
      'immersive exhibitions|interactive installations|exhibition',
      'digital art authentication|art provenance tracking|art',
    ],
  },
  {
    name: 'Education technology',
    oases: 4,
    physical: false,
    topics: [
      'online learning platforms|e-learning|learning',
      'STEM education kits|coding education|STEM',
    ],
  },
];

export interface Topic {
  index: number;
  name: string;
  alt: string;
  short: string;
  fine: number;
  oases: number;
  physical: boolean;
}

export const TOPICS: readonly Topic[] = FINE_SECTORS.flatMap((sector, fine) =>
  sector.topics.map((spec) => {
    const [name = spec, alt = name, short = name] = spec.split('|');
    return { index: 0, name, alt, short, fine, oases: sector.oases, physical: sector.physical };
  }),
).map((t, index) => ({ ...t, index }));

/** What an organisation can offer or need about a topic. */
export const ASPECTS = [
  'simulation',
  'testing',
  'research',
  'manufacturing',
  'solutions',
  'data',
  'financing',
  'talent',
  'pilots',
  'support',
  'facilities',
] as const;
export type Aspect = (typeof ASPECTS)[number];

interface AspectWording {
  /** {t} topic, {a} alternative wording, {s} short form. */
  templates: readonly string[];
  /** Indices of the templates a lab or university would use. */
  research: readonly number[];
  /** Only for topics with physical products. */
  physicalOnly: boolean;
}

export const ASPECT_WORDING: Readonly<Record<Aspect, AspectWording>> = {
  simulation: {
    templates: [
      '{t} simulation',
      'computational modelling of {t}',
      'AI-powered {s} modelling',
      'digital twins of {a}',
    ],
    research: [1, 2],
    physicalOnly: true,
  },
  testing: {
    templates: [
      '{t} testing',
      'testing and certification of {t}',
      'characterisation of {a} under extreme conditions',
      'reliability testing for {s}',
    ],
    research: [2],
    physicalOnly: true,
  },
  research: {
    templates: [
      '{t} research',
      'applied research on {a}',
      'R&D partnerships in {t}',
      'academic expertise in {s}',
    ],
    research: [0, 1, 3],
    physicalOnly: false,
  },
  manufacturing: {
    templates: [
      '{t} manufacturing',
      'production of {a}',
      'scale-up of {s} production',
      'contract manufacturing for {t}',
    ],
    research: [],
    physicalOnly: true,
  },
  solutions: {
    templates: ['{t} solutions', '{a} products', 'turnkey {s} systems', 'deployment of {t}'],
    research: [],
    physicalOnly: false,
  },
  data: {
    templates: [
      '{t} data analytics',
      'machine learning for {a}',
      'data platforms for {s}',
      'AI models trained on {t} data',
    ],
    research: [1, 3],
    physicalOnly: false,
  },
  financing: {
    templates: [
      'funding for {t} ventures',
      'venture capital for {a}',
      'investment in {s} start-ups',
      'growth financing for {t} companies',
    ],
    research: [],
    physicalOnly: false,
  },
  talent: {
    templates: [
      '{t} engineers',
      'talent with {a} skills',
      'training in {s}',
      'graduate recruitment in {t}',
    ],
    research: [2],
    physicalOnly: false,
  },
  pilots: {
    templates: [
      'pilot sites for {t}',
      'real-world trials of {a}',
      '{s} demonstration projects',
      'early adopters of {t}',
    ],
    research: [],
    physicalOnly: false,
  },
  support: {
    templates: [
      'market access for {t} firms',
      'policy support for {a}',
      'incubation for {s} start-ups',
      'regulatory guidance on {t}',
    ],
    research: [],
    physicalOnly: false,
  },
  facilities: {
    templates: [
      '{t} pilot lines',
      'shared labs for {a}',
      'cleanroom access for {s} work',
      'prototyping facilities for {t}',
    ],
    research: [],
    physicalOnly: true,
  },
};

/** A capability concept: one aspect of one topic. */
export const conceptOf = (topic: number, aspect: number): number => topic * ASPECTS.length + aspect;
export const topicOfConcept = (concept: number): number => Math.floor(concept / ASPECTS.length);
export const aspectOfConcept = (concept: number): number => concept % ASPECTS.length;

export function aspectApplies(topic: Topic, aspect: number): boolean {
  const name = ASPECTS[aspect] as Aspect;
  return topic.physical || !ASPECT_WORDING[name].physicalOnly;
}

/** Number of concepts the vocabulary defines (for the report). */
export const CONCEPT_COUNT = TOPICS.reduce(
  (sum, t) => sum + ASPECTS.filter((_, a) => aspectApplies(t, a)).length,
  0,
);

/** One paraphrase of a concept; research-style wording when asked and available. */
export function conceptPhrase(concept: number, variant: number, researchStyle: boolean): string {
  const topic = TOPICS[topicOfConcept(concept)] as Topic;
  const wording = ASPECT_WORDING[ASPECTS[aspectOfConcept(concept)] as Aspect];
  const pool = researchStyle && wording.research.length > 0 ? wording.research : null;
  const index = pool ? (pool[variant % pool.length] as number) : variant % wording.templates.length;
  return (wording.templates[index] as string)
    .replace('{t}', topic.name)
    .replace('{a}', topic.alt)
    .replace('{s}', topic.short);
}
