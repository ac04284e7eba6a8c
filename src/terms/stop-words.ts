// Function words of Ukrainian and English (already lower case, apostrophes removed): they match
// everywhere, so they only add noise to BM25 scores and to sentence/question overlap. "такий" /
// "такой" as English "such": in "Хто такий Серджіо Гор?" it is no word the answer must hold.
const UK = `а аби але б би бо був була були було бути в вам вас ваш ви він вона вони воно все всі від во
да де для до є з за зі и із й його її їй їх і к коли ком котрий котра котре котрі ли має мене ми між мій
мною мої на навіть над наш не нас неї нею ним них ні но о об од от отже по під при про та так також те
тим тих то тобто тоді того той тому треба у уже хоча це цей ці цього цю ця чи чим що щоб я як яка які який
яке якого якої якому яких якій яким якими якою якщо хто чому де коли скільки котрого чого чому кого кому нам ним
такий така таке такі такого такої такому таким такими такою`;

// Russian: questions about Ukrainian articles are often asked in Russian.
const RU = `а без бы был была были было быть в вам вас ваш вы да для до его ее её ей если есть еще ещё же за из или
им их к как какая какие каким какой каком какого какую когда кого кому кто ли между меня мне мы на над не нее неё
ней нет ни них но о об он она они оно от по под при про с со так также там тем то того тоже той только том ту
ты у уже чего чем что чтобы чье чья эта эти это этого этой этом этот я сколько где куда откуда почему зачем каких который
которая которое которые которого которой котором
такой такая такое такие такого такую таким такими`;

const EN = `a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not of off on once only or other our ours ourselves out over own same she should so some such than that
the their theirs them themselves then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your yours yourself yourselves whose`;

/** Words the tokenizer drops. */
export const STOP_WORDS: ReadonlySet<string> = new Set(`${UK} ${RU} ${EN}`.split(/\s+/).filter(Boolean));
