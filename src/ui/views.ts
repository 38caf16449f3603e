// The app's views and their location.hash names, so a reload returns to the same view. Task views
// come from the task catalogue (workers/tasks/catalogue.ts), in its order, then the app's own pages.
// `task`: the model kind a view runs, loaded in the background when the view is opened.
import { TASK_CATALOGUE, type ModelKind, type TaskName } from '../../workers/tasks/catalogue.ts';

export interface View {
  id: ViewId;
  label: string;
  task: ModelKind | null;
}

const APP_PAGES = [
  { id: 'collections', label: 'Collections', task: null },
  { id: 'settings', label: 'Settings', task: null },
  { id: 'about', label: 'About', task: null },
] as const;

type AppPage = (typeof APP_PAGES)[number]['id'];

export const VIEWS: readonly View[] = [
  ...Object.entries(TASK_CATALOGUE).flatMap(([id, t]) =>
    t.view ? [{ id: id as TaskViewId, label: t.view, task: t.model }] : [],
  ),
  ...APP_PAGES,
];

/** The tasks that have a tab of their own. */
export type TaskViewId = {
  [T in TaskName]: (typeof TASK_CATALOGUE)[T]['view'] extends string ? T : never;
}[TaskName];

export type ViewId = TaskViewId | AppPage;

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
