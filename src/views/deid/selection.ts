// Where the user's text selection lies, as character offsets into the text a container shows. The
// container's text content must be exactly that text (no labels or hidden extras inside it).

/** Characters of `container`'s text before the point (node, offset) inside it. */
function textOffset(container: Node, node: Node, offset: number): number {
  const before = document.createRange();
  before.selectNodeContents(container);
  before.setEnd(node, offset);
  return before.toString().length;
}

/**
 * The document's selection as offsets into `container`'s text, when it is not empty and lies
 * wholly inside the container; 'outside' when a non-empty selection lies elsewhere; undefined when
 * nothing is selected (clicking a button collapses nothing worth forgetting).
 */
export function selectionIn(container: HTMLElement): { start: number; end: number } | 'outside' | undefined {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return 'outside';
  return {
    start: textOffset(container, range.startContainer, range.startOffset),
    end: textOffset(container, range.endContainer, range.endOffset),
  };
}
