// Strict JSON syntax with a place for every error: JSON.parse says "Unexpected token" without a
// position, so a scenario file's JSON is scanned here first, and the first error is given as an
// offset with a plain message (naming Infinity and NaN, which JSON does not have, as such).

export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const WORDS: Record<string, string> = { true: 'true', false: 'false', null: 'null' };

/** The first syntax error of `text` as JSON, or undefined when it is valid JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const what = () => (i >= text.length ? 'the end of the file' : `"${text.slice(i, i + 12).split(/[\n,}\]]/)[0]}"`);
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) throw new Stop(i, 'a string is not closed before the end of the file');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') throw new Stop(i, 'a control character (such as a line break) inside a string; write it as an escape like \\n');
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i, 'a \\u escape needs four hex digits');
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new Stop(i, `an unknown escape \\${e ?? ''} in a string`);
        i += 2;
        continue;
      }
      i++;
    }
  };
  const value = (depth: number): void => {
    if (depth > 1000) throw new Stop(i, 'nested more than 1000 levels deep');
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (c === '{') {
          if (text[i] !== '"') throw new Stop(i, `expected a field name in double quotes, got ${what()}`);
          string();
          ws();
          if (text[i] !== ':') throw new Stop(i, `expected ":" after a field name, got ${what()}`);
          i++;
        }
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === close) throw new Stop(i, `a trailing comma before "${close}"`);
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        throw new Stop(i, `expected "," or "${close}", got ${what()}`);
      }
    }
    if (c === '"') return string();
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (number && number[0] !== '-' && number[0] !== '') {
      i += number[0].length;
      return;
    }
    const word = /^-?[A-Za-z]+/.exec(text.slice(i, i + 20))?.[0];
    if (word && WORDS[word]) {
      i += word.length;
      return;
    }
    if (word === 'Infinity' || word === '-Infinity' || word === 'NaN') throw new Stop(i, `${word} is not a JSON number; write a finite number`);
    throw new Stop(i, `expected a value (a string, number, mapping, list, true, false or null), got ${what()}`);
  };
  try {
    value(0);
    ws();
    if (i < text.length) throw new Stop(i, `more text after the end of the JSON value: ${what()}`);
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, message: e.message };
    throw e;
  }
}
