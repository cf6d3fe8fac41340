/** A JSON number kept as its source text, like Go's `json.Number` under `Decoder.UseNumber`. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

/** A body that is not valid JSON; the message follows Go's `encoding/json` wording loosely. */
export class JsonSyntaxError extends Error {}

/**
 * Decodes the first JSON value of `text` the way Vault reads request bodies (`json.Decoder` with
 * `UseNumber`): numbers stay text, and anything after the first complete value is ignored.
 * Returns `undefined` for a body that holds only whitespace.
 */
export function parseGoJson(text: string): JsonValue | undefined {
  const parser = new Parser(text);
  parser.skipWhitespace();
  if (parser.atEnd()) {
    return undefined;
  }

  return parser.parseValue();
}

class Parser {
  private position = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  skipWhitespace(): void {
    while (!this.atEnd() && ' \t\r\n'.includes(this.text[this.position] ?? '')) {
      this.position += 1;
    }
  }

  parseValue(): JsonValue {
    this.skipWhitespace();
    const character = this.text[this.position];
    switch (character) {
      case '{':
        return this.parseObject();
      case '[':
        return this.parseArray();
      case '"':
        return this.parseString();
      case 't':
        return this.parseLiteral('true', true);
      case 'f':
        return this.parseLiteral('false', false);
      case 'n':
        return this.parseLiteral('null', null);
      default:
        return this.parseNumber();
    }
  }

  private parseObject(): JsonValue {
    const result: Record<string, JsonValue> = {};
    this.position += 1;
    this.skipWhitespace();
    if (this.text[this.position] === '}') {
      this.position += 1;
      return result;
    }

    for (;;) {
      this.skipWhitespace();
      if (this.text[this.position] !== '"') {
        throw this.syntaxError('looking for beginning of object key string');
      }

      const key = this.parseString();
      this.skipWhitespace();
      this.expect(':', 'after object key');
      result[key] = this.parseValue();
      this.skipWhitespace();
      if (this.text[this.position] === ',') {
        this.position += 1;
        continue;
      }

      this.expect('}', 'after object key:value pair');
      return result;
    }
  }

  private parseArray(): JsonValue {
    const result: JsonValue[] = [];
    this.position += 1;
    this.skipWhitespace();
    if (this.text[this.position] === ']') {
      this.position += 1;
      return result;
    }

    for (;;) {
      result.push(this.parseValue());
      this.skipWhitespace();
      if (this.text[this.position] === ',') {
        this.position += 1;
        continue;
      }

      this.expect(']', 'after array element');
      return result;
    }
  }

  private parseString(): string {
    const match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(this.text.slice(this.position));
    if (match === null) {
      throw this.syntaxError('in string literal');
    }

    this.position += match[0].length;
    // Go replaces unpaired surrogates with U+FFFD; JSON.parse would keep them.
    return (JSON.parse(match[0]) as string).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  }

  private parseNumber(): JsonNumber {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.position));
    if (match === null) {
      throw this.syntaxError('looking for beginning of value');
    }

    this.position += match[0].length;
    return new JsonNumber(match[0]);
  }

  private parseLiteral<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.position)) {
      throw this.syntaxError(`in literal ${word}`);
    }

    this.position += word.length;
    return value;
  }

  private expect(character: string, context: string): void {
    if (this.text[this.position] !== character) {
      throw this.syntaxError(context);
    }

    this.position += 1;
  }

  private syntaxError(context: string): JsonSyntaxError {
    if (this.atEnd()) {
      return new JsonSyntaxError('unexpected EOF');
    }

    return new JsonSyntaxError(`invalid character ${JSON.stringify(this.text[this.position])} ${context}`);
  }
}
