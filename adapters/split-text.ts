/**
 * Long texts cut into parts a channel accepts, at paragraph, then line, then word boundaries, so
 * a part never ends mid-word when it can be helped.
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    // The first kind of boundary found in the second half wins: paragraph, then line, then word.
    const cut = ['\n\n', '\n', ' '].map((b) => window.lastIndexOf(b)).find((i) => i > max / 2);
    // With no boundary the cut is hard, but never between the two halves of an emoji (a UTF-16
    // surrogate pair), which would show as two broken characters.
    const at = cut ?? (isHighSurrogate(rest.charCodeAt(max - 1)) ? max - 1 : max);
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length) parts.push(rest);
  return parts;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
