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
}
export type Weak = boolean | "unless-ahead";

export const rule = (source: string, resolve: Rule["resolve"], relative = true, weak: Weak = false): Rule => ({
  re: new RegExp(`${B}(?:${source})${E}`, "giu"),
  resolve,
  relative,
  weak,
});
export const date = (source: string, resolve: Rule["resolve"]): Rule => rule(source, resolve, false);
