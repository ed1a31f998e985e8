/**
 * The text drawing operators of a PDF, for assertions: every stream is inflated when it is
 * Flate-compressed (as pdf-lib writes page content) and hex strings are decoded.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const raw = new TextDecoder('latin1').decode(bytes);
  const parts: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let stop = end;
    while (stop > start && (bytes[stop - 1] === 0x0a || bytes[stop - 1] === 0x0d)) stop--;
    const chunk = bytes.slice(start, stop);
    try {
      const inflated = await new Response(new Blob([chunk]).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer();
      parts.push(new TextDecoder('latin1').decode(inflated));
    } catch {
      parts.push(new TextDecoder('latin1').decode(chunk));
    }
    re.lastIndex = end + 'endstream'.length;
  }
  return parts
    .join('\n')
    .replace(/<([0-9A-Fa-f]+)>/g, (_, hex: string) => hex.replace(/../g, (h) => String.fromCharCode(parseInt(h, 16))));
}
