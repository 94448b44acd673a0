// The generated place hierarchy: continents → countries → regions → cities → sites (science
// parks, campuses). Cities carry a popularity weight (the ecosystem is centred on Hong Kong and
// the Greater Bay Area) and sites a sector leaning, so organisations of a topic cluster.
import type { PlaceKind } from '../graph/graph.types';
import { Rng } from './prng';

export interface GeneratedPlace {
  name: string;
  kind: PlaceKind;
  /** Index of the parent place, -1 for none. */
  parent: number;
  /** For sites: index of their city. For cities: their own index. Else -1. */
  city: number;
  /** For sites and cities: their country. */
  country: number;
  weight: number;
  /** For sites: the OASES sector index they lean to, or -1. */
  leaning: number;
}

type CitySpec = readonly [name: string, weight: number];
type RegionSpec = readonly [name: string, cities: readonly CitySpec[]];
type CountrySpec = readonly [name: string, continent: string, regions: readonly RegionSpec[]];

// One country per line reads as a table; prettier would spread it over 250 lines.
// prettier-ignore
const WORLD: readonly CountrySpec[] = [
  ['China', 'Asia', [
    ['Greater Bay Area', [['Hong Kong', 12], ['Shenzhen', 6], ['Guangzhou', 3], ['Dongguan', 1]]],
    ['Yangtze River Delta', [['Shanghai', 4], ['Hangzhou', 2], ['Suzhou', 1.5], ['Hefei', 1]]],
    ['Beijing-Tianjin-Hebei', [['Beijing', 4], ['Tianjin', 1]]],
  ]],
  ['Singapore', 'Asia', [['Central Region', [['Singapore City', 3]]]]],
  ['Japan', 'Asia', [['Kanto', [['Tokyo', 3], ['Yokohama', 1]]], ['Kansai', [['Osaka', 1.5], ['Kyoto', 1]]]]],
  ['South Korea', 'Asia', [['Seoul Capital Area', [['Seoul', 2], ['Incheon', 0.7]]]]],
  ['India', 'Asia', [['Karnataka', [['Bangalore', 1.5]]]]],
  ['United Arab Emirates', 'Middle East', [['Dubai Emirate', [['Dubai', 1.2]]], ['Abu Dhabi Emirate', [['Abu Dhabi', 0.8]]]]],
  ['Israel', 'Middle East', [['Tel Aviv District', [['Tel Aviv', 1]]]]],
  ['Germany', 'Europe', [['Bavaria', [['Munich', 1.5]]], ['Berlin-Brandenburg', [['Berlin', 1.5]]], ['Baden-Württemberg', [['Stuttgart', 1]]]]],
  ['United Kingdom', 'Europe', [['England', [['London', 3], ['Cambridge', 1.2], ['Oxford', 1]]], ['Scotland', [['Edinburgh', 0.8]]]]],
  ['France', 'Europe', [['Île-de-France', [['Paris', 2]]], ['Auvergne-Rhône-Alpes', [['Lyon', 0.8], ['Grenoble', 0.7]]]]],
  ['Switzerland', 'Europe', [['Canton of Zurich', [['Zurich', 1]]], ['Lake Geneva Region', [['Geneva', 0.6], ['Lausanne', 0.6]]]]],
  ['Netherlands', 'Europe', [['North Brabant', [['Eindhoven', 0.7]]], ['North Holland', [['Amsterdam', 1]]]]],
  ['United States', 'North America', [
    ['California', [['San Francisco', 3], ['San Diego', 1], ['Los Angeles', 1.5]]],
    ['Massachusetts', [['Boston', 2]]],
    ['Texas', [['Austin', 1]]],
    ['New York State', [['New York', 2]]],
  ]],
  ['Canada', 'North America', [['Ontario', [['Toronto', 1.2]]], ['British Columbia', [['Vancouver', 0.8]]]]],
  ['Australia', 'Oceania', [['New South Wales', [['Sydney', 1.2]]], ['Victoria', [['Melbourne', 1]]]]],
];

/** Site name templates and the OASES sector each leans to (-1: none). */
const SITE_TEMPLATES: readonly (readonly [string, number])[] = [
  ['{city} Science Park', -1],
  ['{city} Innovation Centre', -1],
  ['{city} Tech Campus', 1],
  ['{city} University Campus', -1],
  ['{city} Industrial Estate', 0],
  ['{city} Biotech Park', 3],
  ['{city} Fintech Hub', 2],
  ['{city} Creative District', 4],
  ['{city} Green Energy Park', 0],
  ['{city} AI Valley', 1],
  ['{city} Robotics Park', 0],
  ['{city} Medical Campus', 3],
  ['{city} Start-up Village', -1],
  ['{city} Advanced Manufacturing Centre', 0],
];

// Hong Kong's real sites, so generated data sits naturally beside the seed graph.
const HONG_KONG_SITES: readonly (readonly [string, number])[] = [
  ['Hong Kong Science Park', -1],
  ['Cyberport', 2],
  ['InnoCentre', 4],
  ['Tseung Kwan O InnoPark', 0],
  ['Yuen Long InnoPark', 0],
  ['Tai Po InnoPark', 0],
  ['HKU Campus', -1],
  ['HKUST Campus', 1],
  ['CUHK Campus', 3],
  ['Hong Kong-Shenzhen Innovation and Technology Park', -1],
  ['Central', 2],
  ['Kowloon Bay Business Area', -1],
];

export interface PlaceHierarchy {
  places: GeneratedPlace[];
  /** Indices of sites, and their sampling weights. */
  sites: number[];
  cities: number[];
  countries: number[];
  /** Continents, countries and regions: what markets are drawn from. */
  markets: number[];
}

export function buildPlaces(rng: Rng): PlaceHierarchy {
  const places: GeneratedPlace[] = [];
  const add = (p: GeneratedPlace): number => places.push(p) - 1;
  const continents = new Map<string, number>();
  const h: PlaceHierarchy = { places, sites: [], cities: [], countries: [], markets: [] };
  for (const [countryName, continentName, regions] of WORLD) {
    let continent = continents.get(continentName);
    if (continent === undefined) {
      continent = add({
        name: continentName,
        kind: 'REGION',
        parent: -1,
        city: -1,
        country: -1,
        weight: 0,
        leaning: -1,
      });
      continents.set(continentName, continent);
      h.markets.push(continent);
    }
    const country = places.length;
    add({
      name: countryName,
      kind: 'COUNTRY',
      parent: continent,
      city: -1,
      country,
      weight: 0,
      leaning: -1,
    });
    h.countries.push(country);
    h.markets.push(country);
    for (const [regionName, cities] of regions) {
      const region = add({
        name: regionName,
        kind: 'REGION',
        parent: country,
        city: -1,
        country,
        weight: 0,
        leaning: -1,
      });
      h.markets.push(region);
      for (const [cityName, weight] of cities) {
        const city = places.length;
        add({ name: cityName, kind: 'CITY', parent: region, city, country, weight, leaning: -1 });
        h.cities.push(city);
        const templates = cityName === 'Hong Kong' ? HONG_KONG_SITES : SITE_TEMPLATES;
        // Bigger cities have more sites; which ones is the seed's choice.
        const count = Math.min(templates.length, Math.max(2, Math.round(2 + weight)));
        const chosen = cityName === 'Hong Kong' ? [...templates] : rng.shuffle([...templates]);
        for (const [template, leaning] of chosen.slice(0, count)) {
          h.sites.push(
            add({
              name: template.replace('{city}', cityName),
              kind: 'SITE',
              parent: city,
              city,
              country,
              weight: (weight / count) * (0.5 + rng.next()),
              leaning,
            }),
          );
        }
      }
    }
  }
  return h;
}
