// Each tab's component. Typed by the view ids, so a task given a tab in the catalogue
// (workers/tasks/catalogue.ts) fails to compile here until its view exists.
import type { Component } from 'svelte';
import type { ViewId } from '../ui/views.ts';
import AboutView from './about/AboutView.svelte';
import ClassifyView from './classify/ClassifyView.svelte';
import CollectionsView from './collections/CollectionsView.svelte';
import DeidView from './deid/DeidView.svelte';
import EntitiesView from './entities/EntitiesView.svelte';
import SectionsView from './sections/SectionsView.svelte';
import SettingsView from './settings/SettingsView.svelte';
import SimilarityView from './similarity/SimilarityView.svelte';

export const VIEW_COMPONENTS: Record<ViewId, Component> = {
  classify: ClassifyView,
  similarity: SimilarityView,
  entities: EntitiesView,
  deid: DeidView,
  sections: SectionsView,
  collections: CollectionsView,
  settings: SettingsView,
  about: AboutView,
};
