import type { Dirent, Stats } from "node:fs";
import { lstat, readdir, realpath as realPath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { ConfigError } from "../shared/errors.js";

/** A file under the seeds folder, as the loader and the staleness check see it. */
export interface SeedFile {
  /** Path relative to the seeds folder, with forward slashes. */
  id: string;
  path: string;
  size: number;
  mtimeMs: number;
  /** `.txt` or `.md` (any case): the only kinds that are read. */
  isArticle: boolean;
  /** A symlink whose target lies outside the seeds folder: listed (to say why it is skipped), never read. */
  outside?: true;
  /**
   * A symlink whose target is hidden, or lies in a hidden folder, of the seeds folder (e.g.
   * `x.md -> .drafts/x.md`, `index -> .index`): listed (to say why it is skipped), never read.
   */
  hiddenTarget?: true;
  /** Reached through a symlink inside the seeds folder (the file's, or a folder's above it): read, never removed. */
  linked?: true;
  /**
   * A subfolder that cannot be listed (the system's error code, e.g. EACCES): listed itself, to
   * say why it is skipped; the articles indexed from it before are kept, not removed.
   */
  unreadableFolder?: string;
  /**
   * An entry that is no file to read, listed (to say why it is skipped), never opened: a symlink
   * to nothing ("dangling-link") or in a loop of links ("link-loop"), or a FIFO, socket or device
   * ("not-regular": opening a FIFO would wait for a writer, holding the whole run).
   */
  notRead?: NotRead;
  /**
   * A symlink whose target cannot be looked up for another reason (the system's error code, e.g.
   * EACCES: a folder on the way this process may not enter): listed, to say why it is skipped;
   * never read, as where it leads could not be checked.
   */
  unresolvedLink?: string;
}

/** Why an entry of the seeds folder is no file to read (see `SeedFile.notRead`); also its skip code. */
export type NotRead = "dangling-link" | "link-loop" | "not-regular";

/** True for an entry that is listed only to say why it is skipped: nothing may read it (or through it). */
export const isNeverRead = (file: SeedFile): boolean =>
  Boolean(file.outside || file.hiddenTarget || file.unreadableFolder !== undefined || file.notRead || file.unresolvedLink !== undefined);

const ARTICLE_EXTENSION = /\.(txt|md)$/i;

/**
 * Entries the system makes, never a person (lowercased): a volume's `lost+found` (the seeds
 * folder is often a mounted volume's root), what Windows leaves in a folder or on a drive.
 * Hidden ones (`.DS_Store`, `.Trashes`) are left out as all hidden entries are. Said to be
 * skipped, they would be listed at every start and every /reindex, and nobody can fix that.
 */
const SYSTEM_ENTRIES = new Set(["lost+found", "thumbs.db", "desktop.ini", "$recycle.bin", "system volume information"]);

/** Left out of the listing without a word: hidden entries, and the system's own (see above). */
const isIgnored = (name: string): boolean => name.startsWith(".") || SYSTEM_ENTRIES.has(name.toLowerCase());

/** How a folder's errors name its setting, as a caller sees it (see `listSeedFiles`). */
export interface SeedsSetting {
  /** The setting's name in messages (default SEEDS_DIR; a command with a --seeds flag names that too). */
  seedsSetting?: string;
}

/**
 * Lists every visible file under `seedsDir` (recursively, sorted by id); hidden files and
 * folders, and the system's own (`lost+found`, `Thumbs.db`, …), are ignored.
 */
export async function listSeedFiles(seedsDir: string, opts: SeedsListing & SeedsSetting = {}): Promise<SeedFile[]> {
  const setting = opts.seedsSetting ?? "SEEDS_DIR";
  let rootInfo: Stats;
  try {
    rootInfo = await stat(seedsDir);
    if (!rootInfo.isDirectory()) throw new Error("not a folder");
  } catch {
    // The folder is configuration: a command exits 2 as for any bad setting.
    throw new ConfigError(`Seeds folder "${seedsDir}" does not exist or is not a folder; create it or point ${setting} at one.`);
  }
  const files: SeedFile[] = [];
  // Symlink targets are compared with the real location, so SEEDS_DIR may itself be a link.
  const realpath = opts.realpath ?? realPath;
  const realRoot = await realpath(seedsDir);
  const w = { realRoot, out: files, visited: new Set([folderKey(rootInfo)]), readdir: opts.readdir ?? readdir, stat: opts.stat ?? stat, lstat: opts.lstat ?? lstat, realpath, setting };
  await walk(w, seedsDir, "", false, rootInfo.mtimeMs);
  return files.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Lists a folder's entries (`readdir` with file types; tests inject a failing one). */
export type ListFolder = (dir: string, options: { withFileTypes: true }) => Promise<Dirent[]>;

/** Looks up a path (`stat`; tests inject a failing one). */
export type StatPath = (path: string) => Promise<Stats>;

/** Resolves a path's symlinks (`realpath`; tests inject a failing one, as for EACCES not run as root). */
export type ResolvePath = (path: string) => Promise<string>;

/**
 * The file-system calls that list the seeds folder, each replaceable (tests inject failures: run
 * as root, a folder's mode stops nothing). The build, its loader and the staleness check pass on
 * the same ones (see `listingOf`): one listing that resolved a link the other could not would
 * make the index look stale at every start, or current while a build would change it.
 */
export interface SeedsListing {
  readdir?: ListFolder;
  stat?: StatPath;
  /** Looks up a symlink itself (default `lstat`). */
  lstat?: StatPath;
  realpath?: ResolvePath;
}

/** The listing's calls and setting name given in `opts`, to pass on to `listSeedFiles` (nothing else of `opts`). */
export function listingOf(opts: SeedsListing & SeedsSetting): SeedsListing & SeedsSetting {
  return {
    ...(opts.readdir ? { readdir: opts.readdir } : {}),
    ...(opts.stat ? { stat: opts.stat } : {}),
    ...(opts.lstat ? { lstat: opts.lstat } : {}),
    ...(opts.realpath ? { realpath: opts.realpath } : {}),
    ...(opts.seedsSetting ? { seedsSetting: opts.seedsSetting } : {}),
  };
}

/** Identifies a folder however it is reached (symlinks included). */
const folderKey = (info: { dev: number; ino: number }): string => `${info.dev}:${info.ino}`;

interface Walk {
  realRoot: string;
  out: SeedFile[];
  /** The folders already walked: a symlink back to a parent must not loop forever. */
  visited: Set<string>;
  readdir: ListFolder;
  stat: StatPath;
  /** Looks up a symlink itself (`lstat`). */
  lstat: StatPath;
  realpath: ResolvePath;
  /** How messages name the seeds folder's setting. */
  setting: string;
}

/** True when `target` (a real path) is the seeds folder or lies under it. */
export const isInside = (realRoot: string, target: string): boolean => target === realRoot || target.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);

/**
 * True when `target` (a real path inside the seeds folder) is hidden or lies in a hidden folder:
 * somewhere the walk never enters, which may hold the index or the bot's state (SEEDS_DIR/.index).
 */
const isHiddenInside = (realRoot: string, target: string): boolean => relative(realRoot, target).split(sep).some((part) => part.startsWith("."));

/**
 * Nothing outside the seeds folder is ever read: a symlink (to a file or a folder, e.g.
 * `notes.txt -> ../.env` or `loop -> ..`) is resolved first and, when it leads out, listed as
 * skipped without following it. Nor is anything hidden inside it: a link into a hidden entry
 * (`x.md -> .drafts/x.md`) is listed as skipped the same way, as are a link to nothing, a loop
 * of links, one whose target cannot be looked up (EACCES on the way), and an entry that is no
 * regular file (a FIFO, a socket), which is never opened.
 */
async function walk(w: Walk, dir: string, idPrefix: string, linked: boolean, mtimeMs: number): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await w.readdir(dir, { withFileTypes: true });
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    // The seeds folder itself: nothing can be indexed, and "no usable article" would hide why.
    if (!idPrefix) throw new ConfigError(`Cannot read the articles folder "${dir}" (${why}); let this process read it, or point ${w.setting} at another folder.`);
    // An unreadable subfolder is skipped with its reason, not taken for an empty or deleted one.
    w.out.push({ id: idPrefix, path: dir, size: 0, mtimeMs, isArticle: false, unreadableFolder: why });
    return;
  }
  // A folder that can be listed but not entered (its x bit off, e.g. `chmod -R 644`): every
  // entry's lookup (stat, a link's lstat) fails with EACCES. Unreadable too, not emptied: its
  // articles stay indexed.
  let denied: string | undefined;
  // A link's own lookup (lstat). Failing with EACCES, the folder cannot be entered: one holding only
  // links would else look empty, and the articles indexed from it be removed. Null also when the
  // link is gone since the listing: then it is left out, as a file gone is.
  const lookUpLink = async (path: string): Promise<Stats | null> => {
    try {
      return await w.lstat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EPERM") denied = code;
      return null;
    }
  };
  // Stat the entries of a folder concurrently: one by one, 30k files took ~2 s of start-up.
  await Promise.all(
    entries.map(async (entry) => {
      if (isIgnored(entry.name)) return;
      let path = join(dir, entry.name);
      // Ids follow the names as listed (a linked folder's files keep the link's name in their id).
      const id = idPrefix ? `${idPrefix}/${entry.name}` : entry.name;
      const viaLink = linked || entry.isSymbolicLink();
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = await w.realpath(path);
        } catch (error) {
          // Said to be skipped: one that held an indexed article would else be only "removed 1".
          const link = await lookUpLink(path);
          if (!link) return;
          const code = (error as NodeJS.ErrnoException).code;
          const notRead = code === "ELOOP" ? "link-loop" : code === "ENOENT" || code === "ENOTDIR" ? "dangling-link" : undefined;
          // Else (EACCES on the way to its target, as a file or folder that cannot be read is) it
          // can be neither checked nor read: skipped with the system's reason.
          const why = notRead ? {} : { unresolvedLink: code ?? (error as Error).message };
          w.out.push({ id, path, size: 0, mtimeMs: link.mtimeMs, isArticle: false, ...(notRead ? { notRead } : why) });
          return;
        }
        const outside = !isInside(w.realRoot, target);
        if (outside || isHiddenInside(w.realRoot, target)) {
          const link = await lookUpLink(path);
          if (link) w.out.push({ id, path, size: 0, mtimeMs: link.mtimeMs, isArticle: false, ...(outside ? { outside: true as const } : { hiddenTarget: true as const }) });
          return;
        }
        path = target; // read what was checked, not the link (which could be re-pointed meanwhile)
      }
      let info: Stats;
      try {
        info = await w.stat(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EACCES" || code === "EPERM") denied = code;
        return; // else gone since the listing
      }
      if (info.isDirectory()) {
        if (w.visited.has(folderKey(info))) return;
        w.visited.add(folderKey(info));
        await walk(w, path, id, viaLink, info.mtimeMs);
      } else if (info.isFile()) {
        w.out.push({ id, path, size: info.size, mtimeMs: info.mtimeMs, isArticle: ARTICLE_EXTENSION.test(entry.name), ...(viaLink ? { linked: true as const } : {}) });
      } else {
        // A FIFO, socket or device: listed from its lookup alone, never opened.
        w.out.push({ id, path, size: 0, mtimeMs: info.mtimeMs, isArticle: false, notRead: "not-regular" });
      }
    }),
  );
  if (denied === undefined) return;
  if (!idPrefix) throw new ConfigError(`Cannot read the articles folder "${dir}" (${denied}); let this process read it, or point ${w.setting} at another folder.`);
  // What was listed of it cannot be read either: the folder stands for its files.
  for (let i = w.out.length - 1; i >= 0; i--) if (w.out[i]!.id.startsWith(`${idPrefix}/`)) w.out.splice(i, 1);
  w.out.push({ id: idPrefix, path: dir, size: 0, mtimeMs, isArticle: false, unreadableFolder: denied });
}
