// Word wrap for messages and help in a fixed width: every line fits, words
// longer than the width are cut. One cell per code point.

export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    // Leading spaces are an indent: kept on the first line and on every continuation line.
    const indent = /^ */.exec(para)?.[0] ?? '';
    const lead = indent.length < width - 4 ? indent : '';
    const w = Math.max(1, width - lead.length);
    const lines: string[] = [];
    let line = '';
    for (const word of para.slice(indent.length).split(/ +/)) {
      if (word === '') continue;
      let rest = word;
      // A word wider than the line: cut it into line-wide pieces.
      while (Array.from(rest).length > w) {
        if (line) {
          lines.push(line);
          line = '';
        }
        const chars = Array.from(rest);
        lines.push(chars.slice(0, w).join(''));
        rest = chars.slice(w).join('');
      }
      if (!rest) continue;
      const next = line ? `${line} ${rest}` : rest;
      if (Array.from(next).length > w) {
        lines.push(line);
        line = rest;
      } else line = next;
    }
    lines.push(line);
    for (const l of lines) out.push(l ? lead + l : l);
  }
  return out;
}

/** Hard wrap that keeps leading indentation on continuation lines (for JSON and code). */
export function wrapPreformatted(line: string, width: number): string[] {
  const w = Math.max(4, width);
  const chars = Array.from(line);
  if (chars.length <= w) return [line];
  const indent = /^ */.exec(line)?.[0].length ?? 0;
  const cont = ' '.repeat(Math.min(indent + 2, Math.floor(w / 2)));
  const out = [chars.slice(0, w).join('')];
  let rest = chars.slice(w);
  const room = w - cont.length;
  while (rest.length > 0) {
    out.push(cont + rest.slice(0, room).join(''));
    rest = rest.slice(room);
  }
  return out;
}
