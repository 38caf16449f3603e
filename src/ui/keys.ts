// Keyboard shortcuts shared by the task views.

/** True for Ctrl+Enter, or ⌘+Enter on a Mac: the shortcut that runs a view's task. */
export function isRunShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey'>): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey);
}

/** A keydown handler for a text input that runs `action` on Ctrl/⌘+Enter instead of adding a line. */
export function runOnShortcut(action: () => unknown): (event: KeyboardEvent) => void {
  return (event) => {
    if (!isRunShortcut(event)) return;
    event.preventDefault();
    void action();
  };
}
