/**
 * The text of a PDF as drawn, for assertions: every stream is inflated when it is Flate-compressed
 * (as pdf-lib writes page content) and each hex string shown with an embedded font is decoded
 * through that font's ToUnicode map, as a PDF reader's copy and paste would; hex strings in a
 * standard font are read as bytes. Enough for the PDFs pdf-lib writes, not a general parser.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const raw = new TextDecoder('latin1').decode(bytes);
  const objects = new Map<number, { dict: string; stream: string | null }>();
  const objRe = /(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = objRe.exec(raw))) {
    const end = raw.indexOf('endobj', objRe.lastIndex);
    if (end < 0) break;
    const body = raw.slice(objRe.lastIndex, end);
    const s = /stream\r?\n/.exec(body);
    let stream: string | null = null;
    if (s) {
      const start = objRe.lastIndex + s.index + s[0].length;
      // The dictionary's /Length is exact. Trimming line ends before `endstream` instead would
      // cut a compressed stream whose last byte happens to be 0x0a or 0x0d, which random
      // verification codes make happen now and then.
      const length = /\/Length (\d+)(?! \d+ R)/.exec(body.slice(0, s.index));
      let stop = length ? start + Number(length[1]) : raw.indexOf('endstream', start);
      if (!length) while (stop > start && (bytes[stop - 1] === 0x0a || bytes[stop - 1] === 0x0d)) stop--;
      stream = await inflate(bytes.slice(start, stop));
    }
    objects.set(Number(m[1]), { dict: s ? body.slice(0, s.index) : body, stream });
    objRe.lastIndex = end + 'endobj'.length;
  }

  // Font resource name (/NotoSans-Regular-123) -> glyph code -> text, from each page's resources.
  const cmaps = new Map<string, Map<string, string>>();
  for (const { dict } of objects.values()) {
    const fonts = /\/Font\s*<<([^>]*)>>/.exec(dict);
    if (!fonts) continue;
    for (const [, name, ref] of fonts[1]!.matchAll(/\/(\S+)\s+(\d+) 0 R/g)) {
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(ref))?.dict ?? '');
      const cmap = toUnicode && objects.get(Number(toUnicode[1]))?.stream;
      if (cmap) cmaps.set(name!, parseCmap(cmap));
    }
  }

  const parts: string[] = [];
  for (const { stream } of objects.values()) {
    if (stream === null) continue;
    let font: Map<string, string> | undefined;
    parts.push(
      stream.replace(/\/(\S+) [\d.]+ Tf|<([0-9A-Fa-f]*)>/g, (whole, name: string | undefined, hex: string | undefined) => {
        if (name !== undefined) {
          font = cmaps.get(name);
          return whole;
        }
        if (font) return hex!.replace(/[0-9A-Fa-f]{4}/g, (code) => font!.get(code.toUpperCase()) ?? '\u0000');
        return hex!.replace(/../g, (h) => String.fromCharCode(parseInt(h, 16)));
      }),
    );
  }
  return parts.join('\n');
}

async function inflate(chunk: Uint8Array): Promise<string> {
  try {
    const inflated = await new Response(new Blob([chunk]).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer();
    return new TextDecoder('latin1').decode(inflated);
  } catch {
    return new TextDecoder('latin1').decode(chunk);
  }
}

function utf16(hex: string): string {
  const units = hex.match(/[0-9A-Fa-f]{4}/g) ?? [];
  return String.fromCharCode(...units.map((u) => parseInt(u, 16)));
}

function parseCmap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(code!.toUpperCase(), utf16(text!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, text] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const first = utf16(text!);
      for (let code = parseInt(from!, 16), i = 0; code <= parseInt(to!, 16); code++, i++) {
        const last = first.charCodeAt(first.length - 1) + i;
        map.set(code.toString(16).toUpperCase().padStart(4, '0'), first.slice(0, -1) + String.fromCharCode(last));
      }
    }
  }
  return map;
}
