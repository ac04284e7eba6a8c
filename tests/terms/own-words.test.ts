import { describe, expect, it } from "vitest";
import { askedWords, hasLink, ownWords } from "../../src/terms/own-words.js";

describe("askedWords", () => {
  it("leaves a question without links, addresses, @mentions or /commands exactly as it is", () => {
    for (const question of ["Хто такий Серджіо Гор?", "  What did  Sergio Gor say?  ", "Who is Sergio Gor and/or his deputy?", "Скільки км/год? 3.5 U.S. e.g."]) {
      expect(askedWords(question)).toBe(question);
    }
  });

  it("drops links, e-mail addresses, @mentions and /commands, and the spaces they leave at the ends", () => {
    expect(askedWords("Хто такий Серджіо Гор? https://t.me/somechannel/123")).toBe("Хто такий Серджіо Гор?");
    expect(askedWords("@friend хто такий Серджіо Гор")).toBe("хто такий Серджіо Гор");
    expect(askedWords("що пишуть про www.example.com метро?")).toBe("що пишуть про   метро?");
    expect(askedWords("що пишуть про example.org/metro?")).toBe("що пишуть про  ?");
    // The punctuation that closes the sentence is not the link's; a "?" inside it is.
    expect(askedWords("це він на https://t.me/x/5?")).toBe("це він на  ?");
    expect(askedWords("глянь https://example.org/?id=5.")).toBe("глянь  .");
    expect(askedWords("чи відповідає newsroom@example.org?")).toBe("чи відповідає  ?");
    expect(askedWords("/ask@news_bot хто такий Гор")).toBe("хто такий Гор");
  });

  it("drops HTML tags (<tag>, </tag>, <tag/>, with name=value attributes), keeping the words between them", () => {
    expect(askedWords("Хто такий <b>Серджіо Гор</b>?")).toBe("Хто такий  Серджіо Гор ?");
    expect(askedWords("<div>Хто такий Гор?</div><br/>")).toBe("Хто такий Гор?");
    expect(askedWords("Хто такий Гор?<BR />")).toBe("Хто такий Гор?");
    // A link in an attribute goes with its tag; one between tags is dropped as any link.
    expect(askedWords('Що таке <a href="https://example.org/b5?x=1&y=2" target=_blank>B5+1</a>?')).toBe("Що таке  B5+1 ?");
    expect(askedWords("<i></i>")).toBe("");
  });

  it("drops the tags Telegram messages and web pages are copied with, their attributes bare or valued, end tags alone too", () => {
    expect(askedWords("<blockquote expandable>Хто такий Гор?</blockquote>")).toBe("Хто такий Гор?");
    expect(askedWords('Хто такий <span class="tg-spoiler">Гор</span>? <tg-spoiler>посол</tg-spoiler>')).toBe("Хто такий  Гор ?  посол");
    expect(askedWords("<H2>Хто такий <STRONG>Гор</STRONG>?</H2>")).toBe("Хто такий  Гор ?");
    expect(askedWords("<ul><li>Хто такий Гор?</li></ul>")).toBe("Хто такий Гор?");
    expect(askedWords("Хто такий Серджіо Гор</b>?<br>")).toBe("Хто такий Серджіо Гор ?");
  });

  it("keeps a word in angle brackets that is no tag pasted, or an opening tag the text never closes, as the question's text", () => {
    // Any <word> was taken for a tag: "Що таке Array?", and "Чи a  c?" without its "b".
    for (const question of ["Що таке Array<string>?", "List<int> чи Vec<u8>?", "Чи a <b> c?", "Що означає <i> у формулі?", "Що таке <script>?", "Що таке <bar>?"]) {
      expect(askedWords(question)).toBe(question);
    }
  });

  it("keeps comparisons and angle brackets that make no tag", () => {
    for (const question of ["Чи a < b > c?", "Чому 3<5 і 7>2?", "if x<y and z>w", "Що таке <<Азов>>?", "Хто такий < b >?", "Що означає <Кличко>?"]) {
      expect(askedWords(question)).toBe(question);
    }
  });

  it("reads HTML entities as the characters they stand for, as an article's are", () => {
    // "amp", "laquo", "39" were searched as question words no article holds ("AT&T" in its text).
    expect(askedWords("Що купила AT&amp;T?")).toBe("Що купила AT&T?");
    expect(askedWords("Що Кабмін &laquo;схвалив&raquo; &mdash; і коли?")).toBe("Що Кабмін «схвалив» — і коли?");
    expect(askedWords("Хто мер Кам&#39;янця? Кам&#x27;янець&nbsp;Подільський")).toBe("Хто мер Кам'янця? Кам'янець\u00a0Подільський");
    expect(askedWords("<b>AT&amp;T</b> &quot;5G&quot;")).toBe('AT&T  "5G"');
    // An unknown name, a bare "&", a control character written out: as typed.
    expect(askedWords("Що таке &foo; і AT&T? &#0; &#7;")).toBe("Що таке &foo; і AT&T? &#0; &#7;");
    // Only entities: nothing asked.
    expect(askedWords(" &nbsp; ")).toBe("");
  });

  it("reads a tag written out in entities as text, never as a tag taken out", () => {
    expect(askedWords("Що означає &lt;b&gt;Гор&lt;/b&gt;?")).toBe("Що означає <b>Гор</b>?");
    expect(askedWords("Чому 3 &lt; 5?")).toBe("Чому 3 < 5?");
  });

  it("keeps a site named without a path: it is what the question asks about", () => {
    expect(askedWords("What did Booking.com announce?")).toBe("What did Booking.com announce?");
    expect(askedWords("Що нового в Node.js?")).toBe("Що нового в Node.js?");
    // For the language, its letters still do not count.
    expect(ownWords("What did Booking.com announce?")).toBe("What did   announce?");
  });

  it("leaves nothing of a message that is only a link or a mention", () => {
    expect(askedWords("https://t.me/somechannel/123")).toBe("");
    expect(askedWords("@friend")).toBe("");
    expect(askedWords(" t.me/somechannel/123 @friend ")).toBe("");
  });

  it("reads a 64 KB message of one long word in linear time (each pattern scans a bounded stretch from each letter)", () => {
    // Quadratic, each took 5 to 15 s; linear, a few tens of milliseconds.
    for (const word of ["a".repeat(65_536), "a-".repeat(32_768), "a.".repeat(32_768), "1".repeat(65_536), "a_".repeat(32_768), "<a x=1 ".repeat(9_363), `<a x="${"1".repeat(65_536)}`, "<b x ".repeat(13_107), "<b>".repeat(21_845), "&amp;".repeat(13_107)]) {
      const started = performance.now();
      ownWords(word);
      askedWords(word);
      hasLink(word);
      // Room for a loaded machine (its CPU shared by many), and still below the quadratic 5 s.
      expect(performance.now() - started, word.slice(0, 4)).toBeLessThan(3_000);
    }
  });

  it("still takes a long link or an address at the longest real names whole", () => {
    const path = "a".repeat(2_000);
    expect(askedWords(`глянь https://example.org/${path}.`)).toBe("глянь  .");
    expect(askedWords(`глянь ${"x".repeat(63)}.${"y".repeat(63)}.com/${path}?`)).toBe("глянь  ?");
    expect(askedWords(`пиши ${"n".repeat(64)}@example.org`)).toBe("пиши");
  });
});
