// A rule: a pattern of time words and the period it names, read against today.
import type { Resolved } from "./ranges.js";
import { B, E } from "./time-words.js";
import { isTopicless } from "./topic.js";

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

// How far a test of the words around a match looks: enough for the words it checks ("після the ",
// "вулиця ", "the recently"). A test over the whole text before or after each match made a long
// text of many time words quadratic (an answer's quoted pieces are parsed too): 32 KB took seconds.
const REACH = 40;
/** The text just before a match, at most REACH characters (see REACH). */
export const textBefore = (m: RegExpExecArray): string => m.input.slice(Math.max(0, m.index - REACH), m.index);
/** The text just after a match, at most REACH characters (see REACH). */
export const textAfter = (m: RegExpExecArray): string => m.input.slice(m.index + m[0].length, m.index + m[0].length + REACH);
// A question of time alone is short: a longer rest is no such question (and reading all of it for
// each match made a long text of time words quadratic).
const ALONE_REACH = 300;
/** Whether nothing but time is left once the match is gone (see isTopicless), in a short text. */
export function aloneWithout(m: RegExpExecArray): boolean {
  const rest = m.input.length - m[0].length;
  return rest <= ALONE_REACH && isTopicless(m.input.slice(0, m.index) + m.input.slice(m.index + m[0].length));
}

export const rule = (source: string, resolve: Rule["resolve"], relative = true, weak: Weak = false): Rule => ({
  re: new RegExp(`${B}(?:${source})${E}`, "giu"),
  resolve,
  relative,
  weak,
});
export const date = (source: string, resolve: Rule["resolve"]): Rule => rule(source, resolve, false);
/** A weak rule read only when nothing else names a period (see Rule.fallback). */
export const fallback = (source: string, resolve: Rule["resolve"]): Rule => ({ ...rule(source, resolve, true, true), fallback: true });
