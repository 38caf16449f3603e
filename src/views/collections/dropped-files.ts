// Files from a drop, folders included: DataTransfer.files lists a dropped folder as one entry
// without its contents, so folders are walked through the entries API (webkitGetAsEntry). Each
// file gets its path inside the drop, as a picked folder's files do (webkitRelativePath).

export interface PathedFile {
  file: File;
  path: string;
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All entries of a directory: readEntries returns them in pages (100 in Chromium) until empty. */
async function childrenOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const page = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (page.length === 0) return all;
    all.push(...page);
  }
}

async function walk(entry: FileSystemEntry, out: PathedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await fileOf(entry as FileSystemFileEntry);
    out.push({ file, path: entry.fullPath.replace(/^\//, '') });
  } else if (entry.isDirectory) {
    for (const child of await childrenOf(entry as FileSystemDirectoryEntry)) await walk(child, out);
  }
}

export async function droppedFiles(data: DataTransfer): Promise<PathedFile[]> {
  // Entries must be taken synchronously, before the first await: the DataTransfer empties after the event.
  const entries = [...data.items].map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.some((e) => e === null)) return [...data.files].map((file) => ({ file, path: file.name }));
  const out: PathedFile[] = [];
  for (const entry of entries) await walk(entry!, out);
  return out;
}

/** Picked files, with their folder path when a folder was picked. */
export function pickedFiles(list: FileList): PathedFile[] {
  return [...list].map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}
