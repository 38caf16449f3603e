// The summaries scripts/model-cards.ts builds from models/*/README.md at build time.
declare module 'virtual:model-cards' {
  const cards: import('../../../scripts/model-card-parser.ts').ModelCardSummary[];
  export default cards;
}
