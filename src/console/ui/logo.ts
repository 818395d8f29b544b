/**
 * The company logo for channel posters, kept only in this tab's memory (never sent anywhere): the
 * last image the operator chose, as a kf account's avatar or on the poster itself. A kf account's
 * avatar URL cannot serve instead: WeCom hosts it on another origin, which the console's CSP does
 * not load and a canvas could not export.
 */
let kept: Blob | null = null;

export const keepLogo = (image: Blob): void => {
  kept = image;
};
export const keptLogo = (): Blob | null => kept;

