import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/bot/rate-limit.js";
import { BoundedMap } from "../../src/bot/bounded-map.js";

describe("RateLimiter", () => {
  it("allows a burst, warns once, drops, then refills per user", () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 2, refillMs: 1000, now: () => now });
    expect([limiter.take(1), limiter.take(1), limiter.take(1), limiter.take(1)]).toEqual(["allow", "allow", "warn", "drop"]);
    expect(limiter.take(2)).toBe("allow"); // other users are not affected
    now = 1000;
    expect(limiter.take(1)).toBe("allow");
    expect(limiter.take(1)).toBe("warn"); // warned again after having been served
  });
});

describe("BoundedMap", () => {
  it("forgets the oldest entries beyond its capacity", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    map.set("a", 3); // refreshes "a"
    map.set("c", 4);
    expect([map.get("a"), map.get("b"), map.get("c"), map.size]).toEqual([3, undefined, 4, 2]);
  });
});
