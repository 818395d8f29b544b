/**
 * A strict reader for WeCom's flat XML: the callback envelope (`<xml><ToUserName/><Encrypt/>…`)
 * and the decrypted events (`<xml><Event/><Token/><OpenKfId/>…`).
 *
 * Why not a general XML parser: these documents are one `<xml>` root with text or CDATA children,
 * and anything richer is an attack surface, not a feature. A DOCTYPE (and with it every entity
 * declaration and external reference: XXE, "billion laughs") is markup this reader has no rule
 * for, so such a document is always refused, with that reason; only XML's five predefined
 * entities and character references are decoded, any other `&name;` is refused, nothing is ever
 * expanded. Values stay strings (`<CreateTime>` included),
 * exactly as written: no trimming, no number conversion.
 *
 * A child that itself holds elements (other WeCom app events nest, e.g. `<PicList><item>`) is
 * checked for well-formedness and left out of the flat view; a top-level name given twice is
 * refused, so no caller can be made to look at a different `<Encrypt>` than another.
 */

export type XmlErrorCode = 'doctype' | 'entity' | 'malformed' | 'root' | 'duplicate';

export class XmlError extends Error {
  constructor(
    readonly code: XmlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

const ROOT = /<xml[ \t\r\n]*>/y;
const FORBIDDEN = /<!(DOCTYPE|ENTITY)/i;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
// Nesting deeper than this is no WeCom document; it only costs stack.
const MAX_DEPTH = 16;

/** Reads `<xml>…</xml>` into its direct text children. Throws XmlError. */
export function readFlatXml(text: string): Record<string, string> {
  try {
    return new Reader(text).document();
  } catch (error) {
    // The reader accepts no markup but elements, CDATA and comments, so a DOCTYPE or an entity
    // declaration can never be read, wherever it hides; only a refused document pays for this
    // scan, which names the reason.
    const forbidden = FORBIDDEN.exec(text);
    if (forbidden?.[1]?.toUpperCase() === 'DOCTYPE') throw new XmlError('doctype', 'XML with a DOCTYPE is refused');
    if (forbidden) throw new XmlError('entity', 'XML entity declarations are refused');
    throw error;
  }
}

class Reader {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): Record<string, string> {
    this.skipMisc();
    if (this.text.startsWith('<?xml', this.pos)) {
      this.skipPast('?>', 'XML declaration');
      this.skipMisc();
    }
    ROOT.lastIndex = this.pos;
    if (!ROOT.test(this.text)) throw new XmlError('root', 'the document must be one <xml> element without attributes');
    this.pos = ROOT.lastIndex;
    const fields: Record<string, string> = {};
    for (;;) {
      this.skipMisc();
      if (this.text.startsWith('</', this.pos)) break;
      if (!this.text.startsWith('<', this.pos)) this.fail('text outside an element inside <xml>');
      const [name, value] = this.element(1);
      if (Object.hasOwn(fields, name)) throw new XmlError('duplicate', `<${name}> appears more than once`);
      if (value !== undefined) fields[name] = value;
    }
    this.closingTag('xml');
    this.skipMisc();
    if (this.pos !== this.text.length) this.fail('content after </xml>');
    return fields;
  }

  /** One element at the cursor; its value when it holds text only, undefined when it holds elements. */
  private element(depth: number): [string, string | undefined] {
    if (depth > MAX_DEPTH) this.fail('elements nested too deeply');
    this.pos += 1; // '<'
    const name = this.name();
    this.skipWhitespace();
    if (this.text.startsWith('/>', this.pos)) {
      this.pos += 2;
      return [name, ''];
    }
    if (this.text[this.pos] !== '>') this.fail(`<${name}> has attributes or is not closed`);
    this.pos += 1;
    let value = '';
    let hasChildren = false;
    for (;;) {
      const lt = this.text.indexOf('<', this.pos);
      if (lt === -1) this.fail(`<${name}> is not closed`);
      value += decodeText(this.text.slice(this.pos, lt));
      this.pos = lt;
      if (this.text.startsWith('<![CDATA[', lt)) {
        const end = this.text.indexOf(']]>', lt);
        if (end === -1) this.fail('unterminated CDATA section');
        value += this.text.slice(lt + '<![CDATA['.length, end);
        this.pos = end + 3;
      } else if (this.text.startsWith('<!--', lt)) {
        this.skipPast('-->', 'comment');
      } else if (this.text.startsWith('</', lt)) {
        this.closingTag(name);
        if (!hasChildren) return [name, value];
        if (value.trim() !== '') this.fail(`<${name}> mixes text and elements`);
        return [name, undefined];
      } else {
        hasChildren = true;
        this.element(depth + 1);
      }
    }
  }

  // Names and whitespace are scanned by character code: this runs for every callback (bench/callback.bench.ts).
  private name(): string {
    const start = this.pos;
    let code = this.text.charCodeAt(start);
    if (!isNameStart(code)) this.fail('expected an element name');
    do code = this.text.charCodeAt(++this.pos);
    while (isNameStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46);
    const name = this.text.slice(start, this.pos);
    // The flat view is a plain object; this one name would set its prototype instead of a field.
    if (name === '__proto__') this.fail('the element name __proto__ is refused');
    return name;
  }

  private closingTag(name: string): void {
    if (!this.text.startsWith('</', this.pos) || !this.text.startsWith(name, this.pos + 2)) this.fail(`expected </${name}>`);
    this.pos += 2 + name.length;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) !== 62 /* > */) this.fail(`expected </${name}>`);
    this.pos += 1;
  }

  /** Whitespace and comments, the only things allowed between elements. */
  private skipMisc(): void {
    for (;;) {
      this.skipWhitespace();
      if (!this.text.startsWith('<!--', this.pos)) return;
      this.skipPast('-->', 'comment');
    }
  }

  private skipWhitespace(): void {
    for (let code = this.text.charCodeAt(this.pos); code === 32 || code === 10 || code === 9 || code === 13; code = this.text.charCodeAt(++this.pos));
  }

  private skipPast(end: string, what: string): void {
    const at = this.text.indexOf(end, this.pos);
    if (at === -1) this.fail(`unterminated ${what}`);
    this.pos = at + end.length;
  }

  private fail(reason: string): never {
    throw new XmlError('malformed', `malformed XML at offset ${this.pos}: ${reason}`);
  }
}

/** [A-Za-z_] */
function isNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
}

/** Character data outside CDATA: predefined entities and character references only. */
function decodeText(raw: string): string {
  if (raw.includes(']]>')) throw new XmlError('malformed', 'malformed XML: "]]>" outside CDATA');
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&<]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlError('malformed', 'malformed XML: a bare "&" in text');
    const predefined = PREDEFINED[ref];
    if (predefined !== undefined) return predefined;
    const code = /^#x[0-9A-Fa-f]{1,6}$/.test(ref) ? Number.parseInt(ref.slice(2), 16) : /^#[0-9]{1,7}$/.test(ref) ? Number(ref.slice(1)) : NaN;
    if (Number.isNaN(code)) throw new XmlError('entity', `XML entity reference &${ref}; is refused`);
    if (!isXmlChar(code)) throw new XmlError('malformed', `malformed XML: character reference &${ref}; is not an XML character`);
    return String.fromCodePoint(code);
  });
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}
