// A rule: a pattern of time words and the period it names, read against today.
import type { Resolved } from "./ranges.js";
import { B, E } from "./time-words.js";

export interface Rule {
  re: RegExp;
  /** `ahead`: the question is about the future ("що буде 10 лютого?"), see FUTURE. */
  resolve(m: RegExpExecArray, today: string, ahead: boolean): Resolved;
  /** Relative to today ("вчора") rather than a calendar date ("10 лютого"). */
  relative: boolean;
  /**
   * Counts only when nothing but time is asked ("what happened today?", not "how many live there
   * today?"); `unless-ahead`: also in a question about the future ("Що буде з метро через тиждень?").
   */
  weak?: Weak;
  /**
   * Counts only when no other word of the question names a period: "вночі" alone is the night just
   * gone, "вчора вночі" is yesterday's, "10 лютого вночі" 10 February's (the part of a day names no
   * topic either way: see DAY_PARTS).
   */
  fallback?: boolean;
}
export type Weak = boolean | "unless-ahead";

export const rule = (source: string, resolve: Rule["resolve"], relative = true, weak: Weak = false): Rule => ({
  re: new RegExp(`${B}(?:${source})${E}`, "giu"),
  resolve,
  relative,
  weak,
});
export const date = (source: string, resolve: Rule["resolve"]): Rule => rule(source, resolve, false);
/** A weak rule read only when nothing else names a period (see Rule.fallback). */
export const fallback = (source: string, resolve: Rule["resolve"]): Rule => ({ ...rule(source, resolve, true, true), fallback: true });
