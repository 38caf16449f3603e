// The app's views and their location.hash names, so a reload returns to the same view.
// `task`: the model task a view runs, loaded in the background when the view is opened.
export const VIEWS = [
  { id: 'classify', label: 'Classify a note', task: 'classify' },
  { id: 'similarity', label: 'Compare sentences', task: 'embeddings' },
  { id: 'entities', label: 'Find entities', task: 'entities' },
  { id: 'deid', label: 'De-identify', task: 'deid' },
  { id: 'collections', label: 'Collections', task: null },
  { id: 'settings', label: 'Settings', task: null },
  { id: 'about', label: 'About', task: null },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

export const DEFAULT_VIEW: ViewId = 'classify';

export function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, '').split(/[?&/]/)[0].toLowerCase();
  return VIEWS.some((v) => v.id === id) ? (id as ViewId) : DEFAULT_VIEW;
}

/** Horizontal tablist (WAI-ARIA): index of the tab an arrow/Home/End key moves to, wrapping around; null for other keys. */
export function tabIndexForKey(key: string, current: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return (current + 1) % count;
    case 'ArrowLeft':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
