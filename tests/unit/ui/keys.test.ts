import { describe, expect, it, vi } from 'vitest';
import { isRunShortcut, runOnShortcut } from '../../../src/ui/keys.ts';

function keydown(key: string, mods: { ctrlKey?: boolean; metaKey?: boolean } = {}) {
  return { key, ctrlKey: false, metaKey: false, ...mods, preventDefault: vi.fn() } as unknown as KeyboardEvent & {
    preventDefault: ReturnType<typeof vi.fn>;
  };
}

describe('isRunShortcut', () => {
  it('accepts Ctrl+Enter and ⌘+Enter only', () => {
    expect(isRunShortcut(keydown('Enter', { ctrlKey: true }))).toBe(true);
    expect(isRunShortcut(keydown('Enter', { metaKey: true }))).toBe(true);
    expect(isRunShortcut(keydown('Enter'))).toBe(false);
    expect(isRunShortcut(keydown('a', { ctrlKey: true }))).toBe(false);
  });
});

describe('runOnShortcut', () => {
  it('runs the action and keeps the newline out of the text on the shortcut', () => {
    const action = vi.fn();
    const event = keydown('Enter', { ctrlKey: true });
    runOnShortcut(action)(event);
    expect(action).toHaveBeenCalledOnce();
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('leaves other keys alone', () => {
    const action = vi.fn();
    const event = keydown('Enter');
    runOnShortcut(action)(event);
    expect(action).not.toHaveBeenCalled();
    expect(event.preventDefault).not.toHaveBeenCalled();
  });
});
