// Names and colours shown for the API's enums. Colours keep ≥ 3:1 contrast on white (graphics),
// and kinds also get a distinct node shape, so colour is never the only cue.
import type { Css } from 'cytoscape';
import type { OrganizationKind, RelationshipType, SignalKind } from './queries';

export const KIND_LABEL: Record<OrganizationKind, string> = {
  ENTERPRISE: 'Enterprise',
  LAB: 'Lab',
  UNIVERSITY: 'University',
  CLIENT: 'Client',
  GOVERNMENT: 'Government',
  FACILITY: 'Facility',
  INVESTOR: 'Investor',
  OTHER: 'Other',
};

export const KIND_COLOR: Record<OrganizationKind, string> = {
  ENTERPRISE: '#1f5fa8',
  LAB: '#b35c00',
  UNIVERSITY: '#1b7f5a',
  CLIENT: '#b3407a',
  GOVERNMENT: '#b8322c',
  FACILITY: '#1d7585',
  INVESTOR: '#6f5a00',
  OTHER: '#5f6670',
};

/** Cytoscape node shapes, one per kind. */
export const KIND_SHAPE: Record<OrganizationKind, Css.NodeShape> = {
  ENTERPRISE: 'ellipse',
  LAB: 'diamond',
  UNIVERSITY: 'round-rectangle',
  CLIENT: 'triangle',
  GOVERNMENT: 'hexagon',
  FACILITY: 'rectangle',
  INVESTOR: 'star',
  OTHER: 'octagon',
};

export const SIGNAL_LABEL: Record<SignalKind, string> = {
  COMPLEMENTARITY: 'Complementarity',
  SECTOR: 'Sector',
  CAPABILITY: 'Capability',
  TEXT: 'Text',
  NETWORK: 'Network',
  GEOGRAPHY: 'Geography',
  ACTIVITY: 'Activity',
};

export const SIGNAL_HELP: Record<SignalKind, string> = {
  COMPLEMENTARITY: 'needs of one side answered by offers of the other',
  SECTOR: 'shared sectors, rare ones weigh more',
  CAPABILITY: 'similar offers: peers who could co-develop',
  TEXT: 'similar descriptions',
  NETWORK: 'mutual connections',
  GEOGRAPHY: 'same site, city, region or country; shared markets',
  ACTIVITY: 'how many relationships the candidate already has',
};

export const SIGNAL_COLOR: Record<SignalKind, string> = {
  COMPLEMENTARITY: '#1f5fa8',
  SECTOR: '#1b7f5a',
  CAPABILITY: '#7d4a9e',
  TEXT: '#a35200',
  NETWORK: '#b8322c',
  GEOGRAPHY: '#1d7585',
  ACTIVITY: '#6b6b1f',
};

export const RELATIONSHIP_LABEL: Record<RelationshipType, string> = {
  COLLABORATES_WITH: 'collaborates with',
  SUPPLIES: 'supplies',
  FUNDS: 'funds',
  SUPPORTS: 'supports',
  PART_OF: 'is part of',
};
