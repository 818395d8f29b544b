/**
 * A cheap test before a costly pattern: whether a text holds one of `signs`, each one code unit or
 * more (a longer one told by its first two). Every question and answer of a knowledge base is read
 * while compiling and most hold no sign, so a table look-up per code unit tells them apart, where a
 * regex of the signs tried each at every position of every text.
 */
export function signTest(signs: readonly string[]): (text: string) => boolean {
  /** Per code unit: 1 when it is a sign of its own, 2 when it starts a sign of two. */
  const units = new Uint8Array(65536);
  const pairs = new Set<number>();
  for (const sign of signs) {
    if (sign.length === 1) units[sign.charCodeAt(0)] = 1;
    else if (units[sign.charCodeAt(0)] !== 1) {
      units[sign.charCodeAt(0)] = 2;
      pairs.add(sign.charCodeAt(0) * 65536 + sign.charCodeAt(1));
    }
  }
  return (text) => {
    for (let i = 0; i < text.length; i++) {
      const sign = units[text.charCodeAt(i)]!;
      // No pair past the end: a read there is out of bounds, which deoptimises the caller.
      if (sign === 1 || (sign === 2 && i + 1 < text.length && pairs.has(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1)))) return true;
    }
    return false;
  };
}
