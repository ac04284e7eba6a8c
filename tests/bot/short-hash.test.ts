import { describe, expect, it } from "vitest";
import { passageHash } from "../../src/bot/passage-keys.js";
import { shortHash } from "../../src/bot/short-hash.js";

// Keys already handed out (source and /remove buttons in chats, passage keys in the state store)
// must keep meaning the same thing: these values were made by the code shortHash replaced.
describe("shortHash", () => {
  it("gives the keys the bot gave before", () => {
    expect(shortHash("bees.md", 16)).toBe("xwrshrD89QmSFLHi");
    expect(shortHash("q:1:abcdefgh:0:10:some/long/path.md#3", 16)).toBe("BqhjFrdiyUomuyEw");
    expect(passageHash("Серджіо Гор – спеціальний посланець США.")).toBe("eB5kCFY-");
  });
});
