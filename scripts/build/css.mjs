// The stylesheet as dist/ ships it.

/**
 * The stylesheet without its comments and the blank lines they leave: 650
 * of its 3,700 gzipped bytes. Comments inside strings are kept. Throws on an
 * unterminated comment (`name` is for that message).
 */
export function stripCssComments(css, name = 'stylesheet') {
  let out = '';
  for (let i = 0; i < css.length; i += 1) {
    const c = css[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
      out += css.slice(i, j + 1);
      i = j;
    } else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`${name}: unterminated comment`);
      i = end + 1;
    } else {
      out += c;
    }
  }
  return out.replace(/[ \t]+$/gm, '').replace(/\n{2,}/g, '\n');
}
